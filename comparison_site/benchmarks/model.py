"""The benchmark results as typed objects, with the statistics the page shows.

Only raw figures are stored in the results file; every median, spread and ratio is computed
here, so the page can never disagree with the runs it summarises.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Spread:
    """The median of several runs and the lowest and highest of them."""

    median: float
    low: float
    high: float

    @classmethod
    def of(cls, values: list[float]) -> Spread | None:
        if not values:
            return None
        return cls(statistics.median(values), min(values), max(values))


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


@dataclass(frozen=True)
class Scenario:
    id: str
    group: str
    label: str
    short_label: str
    description: str
    path: str
    connections: int


@dataclass(frozen=True)
class Run:
    """One measurement, exactly as the harness recorded it."""

    sequence: int
    repeat: int
    configuration: str
    scenario: str
    status: str  # "ok", "errors" or "failed"
    problem: str = ""
    port: int = 0
    settle_seconds: float = 0.0
    command: str = ""
    requests: int = 0
    duration_seconds: float = 0.0
    requests_per_second: float = 0.0
    latency_ms: dict = field(default_factory=dict)
    errors: dict = field(default_factory=dict)
    peak_rss_bytes: int = 0
    peak_pss_bytes: int = 0
    server_processes: int = 0

    @property
    def measured(self) -> bool:
        return self.status != "failed"

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())


@dataclass(frozen=True)
class Cell:
    """Everything measured for one configuration in one scenario."""

    configuration: Configuration
    scenario: Scenario
    runs: tuple[Run, ...]

    @property
    def measured_runs(self) -> list[Run]:
        return [run for run in self.runs if run.measured]

    @property
    def failed_runs(self) -> list[Run]:
        return [run for run in self.runs if not run.measured]

    @property
    def runs_with_errors(self) -> list[Run]:
        return [run for run in self.runs if run.status == "errors"]

    @property
    def error_total(self) -> int:
        return sum(run.error_count for run in self.measured_runs)

    @property
    def requests_per_second(self) -> Spread | None:
        return Spread.of([run.requests_per_second for run in self.measured_runs])

    def latency(self, percentile: str) -> Spread | None:
        """Median over runs of one latency percentile ('p50', 'p99', ...); runs with no answer are skipped."""
        return Spread.of([run.latency_ms[percentile] for run in self.measured_runs if run.latency_ms])

    @property
    def peak_rss_bytes(self) -> Spread | None:
        return Spread.of([run.peak_rss_bytes for run in self.measured_runs])


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
    configurations: tuple[Configuration, ...]
    scenarios: tuple[Scenario, ...]
    runs: tuple[Run, ...]

    @property
    def date(self) -> str:
        return self.started_at[:10]

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
        return [self.cell(configuration.id, scenario_id) for configuration in self.configurations]

    def groups(self) -> dict[str, list[Scenario]]:
        """Scenarios by group, in file order (a group with several members is a concurrency sweep)."""
        grouped: dict[str, list[Scenario]] = {}
        for scenario in self.scenarios:
            grouped.setdefault(scenario.group, []).append(scenario)
        return grouped
