"""The benchmark results as typed objects, with the statistics the page shows.

Only raw figures are stored in the results file; every median, range and sentence is computed
here and in render.py, so the page can never disagree with the runs it summarises.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

MEASURED = ("ok", "saturated", "errors")  # statuses of runs that produced figures


@dataclass(frozen=True)
class Spread:
    """The median of several runs, the lowest and highest of them, and how many there were."""

    median: float
    low: float
    high: float
    count: int

    @classmethod
    def of(cls, values: list[float]) -> Spread | None:
        if not values:
            return None
        return cls(statistics.median(values), min(values), max(values), len(values))


@dataclass(frozen=True)
class Machine:
    cpu_model: str
    logical_cpus: int
    memory_bytes: int
    os: str
    kernel: str


@dataclass(frozen=True)
class Configuration:
    id: str
    framework: str
    label: str
    description: str
    command: str
    settings: dict
    scenarios: tuple[str, ...]


@dataclass(frozen=True)
class StreamSpec:
    path: str
    rate: float = 0


@dataclass(frozen=True)
class Scenario:
    id: str
    label: str
    short_label: str
    description: str
    mode: str  # "open" or "closed"
    connections: int
    timeout_seconds: float
    publishes_latency: bool
    streams: tuple[StreamSpec, ...]
    capacity_scenario: str | None = None

    @property
    def total_rate(self) -> float:
        return sum(stream.rate for stream in self.streams)


@dataclass(frozen=True)
class ProcessMemory:
    role: str
    pss_bytes: int
    uss_bytes: int


@dataclass(frozen=True)
class Memory:
    pss_bytes: int
    uss_bytes: int
    processes: tuple[ProcessMemory, ...]

    @classmethod
    def of(cls, data: dict) -> Memory:
        return cls(data["pss_bytes"], data["uss_bytes"], tuple(ProcessMemory(**p) for p in data["processes"]))


@dataclass(frozen=True)
class StreamRun:
    """What the generator counted for one path in one run."""

    path: str
    scheduled: int
    sent: int
    answered: int
    failed: dict
    unanswered: int
    not_sent: int
    answered_per_second: float
    rate: float = 0
    latency_ms: dict | None = None
    send_lag_ms: dict | None = None

    @property
    def failed_total(self) -> int:
        return sum(self.failed.values())


@dataclass(frozen=True)
class Run:
    """One measurement, exactly as the harness recorded it."""

    sequence: int
    repeat: int
    configuration: str
    scenario: str
    status: str  # "ok", "saturated", "errors", "skipped" or "failed"
    problem: str = ""
    port: int = 0
    settle_seconds: float = 0.0
    machine_load: dict = field(default_factory=dict)
    generator: dict = field(default_factory=dict)
    streams: tuple[StreamRun, ...] = ()
    memory: Memory | None = None

    @property
    def measured(self) -> bool:
        return self.status in MEASURED

    def stream(self, path: str) -> StreamRun | None:
        return next((stream for stream in self.streams if stream.path == path), None)

    @property
    def answered_per_second(self) -> float:
        return sum(stream.answered_per_second for stream in self.streams)


@dataclass(frozen=True)
class ServerStart:
    repeat: int
    configuration: str
    affinity: dict
    idle_memory: Memory


@dataclass(frozen=True)
class Cell:
    """Everything measured for one configuration in one scenario."""

    configuration: Configuration
    scenario: Scenario
    runs: tuple[Run, ...]

    @property
    def measured_runs(self) -> list[Run]:
        return [run for run in self.runs if run.measured]

    def with_status(self, status: str) -> list[Run]:
        return [run for run in self.runs if run.status == status]

    @property
    def kept_up(self) -> bool:
        """Every run that ran answered every request correctly in time (runs skipped because the
        rate was too close to capacity aside), so its latency is meaningful."""
        return bool(self.with_status("ok")) and all(run.status in ("ok", "skipped") for run in self.runs)

    @property
    def answered_per_second(self) -> Spread | None:
        return Spread.of([run.answered_per_second for run in self.measured_runs])

    def latency(self, path: str, percentile: str) -> Spread | None:
        """A latency percentile over the runs, only for open-loop cells that kept up in every run."""
        if not (self.scenario.publishes_latency and self.kept_up):
            return None
        values = [run.stream(path).latency_ms[percentile] for run in self.with_status("ok")
                  if run.stream(path) and run.stream(path).latency_ms]
        return Spread.of(values)

    def totals(self, path: str) -> dict[str, int]:
        """Summed counts over the measured runs for one path (sent, answered, failed, ...)."""
        totals = {"scheduled": 0, "sent": 0, "answered": 0, "failed": 0, "unanswered": 0, "not_sent": 0}
        for run in self.measured_runs:
            stream = run.stream(path)
            if stream is None:
                continue
            totals["scheduled"] += stream.scheduled
            totals["sent"] += stream.sent
            totals["answered"] += stream.answered
            totals["failed"] += stream.failed_total
            totals["unanswered"] += stream.unanswered
            totals["not_sent"] += stream.not_sent
        return totals

    def answered(self, path: str) -> Spread | None:
        return Spread.of([run.stream(path).answered for run in self.measured_runs if run.stream(path)])

    def scheduled(self, path: str) -> Spread | None:
        return Spread.of([run.stream(path).scheduled for run in self.measured_runs if run.stream(path)])

    @property
    def peak_pss_bytes(self) -> Spread | None:
        return Spread.of([run.memory.pss_bytes for run in self.measured_runs if run.memory])


@dataclass(frozen=True)
class BenchmarkResults:
    """A loaded, validated results file."""

    source: str
    mode: str
    started_at: str
    finished_at: str
    duration_seconds: float
    load_average_at_start: tuple[float, ...]
    load_average_at_end: tuple[float, ...]
    machine: Machine
    versions: dict
    settings: dict
    affinity: dict
    self_check: dict
    equivalence: dict
    configurations: tuple[Configuration, ...]
    scenarios: tuple[Scenario, ...]
    server_starts: tuple[ServerStart, ...]
    runs: tuple[Run, ...]

    @property
    def date(self) -> str:
        return self.started_at[:10]

    @property
    def frameworks(self) -> tuple[str, ...]:
        """Framework ids the results cover, in first-appearance order."""
        return tuple(dict.fromkeys(c.framework for c in self.configurations))

    def configuration(self, configuration_id: str) -> Configuration:
        for configuration in self.configurations:
            if configuration.id == configuration_id:
                return configuration
        raise KeyError(f"no configuration '{configuration_id}' in {self.source}")

    def scenario(self, scenario_id: str) -> Scenario:
        for scenario in self.scenarios:
            if scenario.id == scenario_id:
                return scenario
        raise KeyError(f"no scenario '{scenario_id}' in {self.source}")

    def cell(self, configuration_id: str, scenario_id: str) -> Cell:
        runs = tuple(r for r in self.runs if r.configuration == configuration_id and r.scenario == scenario_id)
        return Cell(self.configuration(configuration_id), self.scenario(scenario_id), runs)

    def cells(self, scenario_id: str) -> list[Cell]:
        """One cell per configuration that runs the scenario, in file order."""
        return [self.cell(c.id, scenario_id) for c in self.configurations if scenario_id in c.scenarios]

    def idle_pss_bytes(self, configuration_id: str) -> Spread | None:
        return Spread.of([s.idle_memory.pss_bytes for s in self.server_starts if s.configuration == configuration_id])

    def idle_memory_starts(self, configuration_id: str) -> list[ServerStart]:
        return [s for s in self.server_starts if s.configuration == configuration_id]

    def runs_with_status(self, status: str) -> list[Run]:
        return [run for run in self.runs if run.status == status]

    def other_cpu_percent(self) -> Spread | None:
        return Spread.of([run.machine_load["other_processes_cpu_percent"] for run in self.runs if run.machine_load])
