"""Read data/benchmarks.yaml, check it against its schema and for consistency, return the model.

Every problem becomes a DataProblem with file, line and data path, raised together as one
DataError, the same shape the rest of the site uses for contributor data.
"""

from __future__ import annotations

import math
from pathlib import Path

from ..errors import DataError, DataProblem
from ..schema_check import schema_problems
from ..suggestions import did_you_mean
from ..yaml_source import YamlDocument, load_yaml_document
from .model import (
    BenchmarkResults,
    Configuration,
    Machine,
    Memory,
    Run,
    Scenario,
    ServerStart,
    StreamRun,
    StreamSpec,
)

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_RESULTS_PATH = ROOT / "data" / "benchmarks.yaml"
SCHEMA_PATH = ROOT / "data" / "benchmarks.schema.json"
REGENERATE = "this file is written by the harness: rerun `make bench` rather than editing it"


def load_benchmark_results(path: Path | str = DEFAULT_RESULTS_PATH, display_name: str | None = None) -> BenchmarkResults:
    """Load and validate a results file; raise DataError listing every problem found."""
    path = Path(path)
    name = display_name or _display_name(path)
    document = load_yaml_document(path, name)
    problems = schema_problems(document, SCHEMA_PATH)
    if problems:
        raise DataError(problems)  # later checks assume the shape the schema guarantees
    problems = consistency_problems(document)
    if problems:
        raise DataError(problems)
    results = build_model(document.data, name)
    problems = summary_problems(document, results)
    if problems:
        raise DataError(problems)
    return results


def _display_name(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def consistency_problems(document: YamlDocument) -> list[DataProblem]:
    """Checks a schema cannot express: unique ids, references between sections, arithmetic of counts."""
    data = document.data
    problems: list[DataProblem] = []
    known: dict[str, set[str]] = {}
    for section in ("configurations", "scenarios"):
        seen: set[str] = set()
        for index, item in enumerate(data[section]):
            if item["id"] in seen:
                problems.append(document.problem((section, index, "id"), f"duplicate id '{item['id']}'",
                                                 "each id may appear once"))
            seen.add(item["id"])
        known[section] = seen
    scenarios = {item["id"]: item for item in data["scenarios"]}
    runs_by_configuration = {}
    for index, configuration in enumerate(data["configurations"]):
        runs_by_configuration[configuration["id"]] = set(configuration["scenarios"])
        for position, scenario_id in enumerate(configuration["scenarios"]):
            if scenario_id not in known["scenarios"]:
                problems.append(document.problem(("configurations", index, "scenarios", position),
                                                 f"unknown scenario '{scenario_id}'",
                                                 f"{did_you_mean(scenario_id, known['scenarios'])}use one of the ids under "
                                                 f"scenarios: {', '.join(sorted(known['scenarios']))}"))
    for index, scenario in enumerate(data["scenarios"]):
        capacity = scenario.get("capacity_scenario")
        if capacity and (capacity not in scenarios or scenarios[capacity]["mode"] != "closed"):
            problems.append(document.problem(("scenarios", index, "capacity_scenario"),
                                             f"'{capacity}' is not a closed-loop scenario of this file", REGENERATE))
        if scenario["publishes_latency"] and scenario["mode"] != "open":
            problems.append(document.problem(("scenarios", index, "publishes_latency"),
                                             "only open-loop scenarios may publish latency",
                                             "closed-loop latency hides coordinated omission"))
    for index, start in enumerate(data["server_starts"]):
        if start["configuration"] not in known["configurations"]:
            problems.append(document.problem(("server_starts", index, "configuration"),
                                             f"unknown configuration '{start['configuration']}'", REGENERATE))
    measured: set[tuple] = set()
    sequences: set[int] = set()
    repeats = data["settings"]["repeats"]
    for index, run in enumerate(data["runs"]):
        where = ("runs", index)
        for key, section in (("configuration", "configurations"), ("scenario", "scenarios")):
            if run[key] not in known[section]:
                problems.append(document.problem(where + (key,), f"unknown {key} '{run[key]}'",
                                                 f"{did_you_mean(run[key], known[section])}use one of the ids under "
                                                 f"{section}: {', '.join(sorted(known[section]))}"))
        if run["configuration"] in runs_by_configuration and run["scenario"] not in runs_by_configuration[run["configuration"]]:
            problems.append(document.problem(where + ("scenario",), f"configuration '{run['configuration']}' does not "
                                             f"list scenario '{run['scenario']}'", REGENERATE))
        if run["sequence"] in sequences:
            problems.append(document.problem(where + ("sequence",), f"duplicate sequence number {run['sequence']}",
                                             REGENERATE))
        sequences.add(run["sequence"])
        if run["repeat"] > repeats:
            problems.append(document.problem(where + ("repeat",),
                                             f"repeat {run['repeat']} is more than settings.repeats ({repeats})",
                                             REGENERATE))
        triple = (run["repeat"], run["configuration"], run["scenario"])
        if triple in measured:
            problems.append(document.problem(where, "a second run for the same repeat, configuration and scenario",
                                             REGENERATE))
        measured.add(triple)
        if "streams" in run:
            problems += _run_problems(document, where, run, scenarios.get(run["scenario"]))
    return problems


def _run_problems(document: YamlDocument, where: tuple, run: dict, scenario: dict | None) -> list[DataProblem]:
    """A measured run's counts must add up, and its status must match them."""
    problems = []
    failed = unanswered = not_sent = 0
    if scenario is not None:
        expected_paths = [stream["path"] for stream in scenario["streams"]]
        if [stream["path"] for stream in run["streams"]] != expected_paths:
            problems.append(document.problem(where + ("streams",), "the run's paths are not the scenario's "
                                             f"({', '.join(expected_paths)})", REGENERATE))
    for position, stream in enumerate(run["streams"]):
        here = where + ("streams", position)
        failures = sum(stream["failed"].values())
        failed += failures
        unanswered += stream["unanswered"]
        not_sent += stream["not_sent"]
        if stream["answered"] + failures + stream["unanswered"] != stream["sent"]:
            problems.append(document.problem(here, "answered + failed + unanswered is not sent", REGENERATE))
        if stream["sent"] + stream["not_sent"] != stream["scheduled"]:
            problems.append(document.problem(here, "sent + not_sent is not scheduled", REGENERATE))
        if stream["answered"] and "latency_ms" not in stream:
            problems.append(document.problem(here, "answered requests but no latency", REGENERATE))
        if not stream["answered"] and "latency_ms" in stream:
            problems.append(document.problem(here + ("latency_ms",), "latency without an answered request", REGENERATE))
        seconds = run["generator"]["measured_seconds"]
        expected = stream["answered"] / seconds
        if not math.isclose(stream["answered_per_second"], expected, rel_tol=0.002, abs_tol=0.1):
            problems.append(document.problem(
                here + ("answered_per_second",),
                f"{stream['answered_per_second']} is not answered / generator.measured_seconds ({expected:.1f})", REGENERATE))
    status = run["status"]
    expected_status = "errors" if failed else "saturated" if (unanswered or not_sent) else "ok"
    if status != expected_status and status != "failed":
        problems.append(document.problem(where + ("status",), f"status is '{status}' but the counts say "
                                         f"'{expected_status}' ({failed} failed, {unanswered} unanswered, {not_sent} not sent)",
                                         "a run's status must follow from its counts, so the page flags what it must"))
    return problems


def build_model(data: dict, source: str) -> BenchmarkResults:
    def stream_run(item: dict) -> StreamRun:
        return StreamRun(**item)

    def run(item: dict) -> Run:
        values = dict(item)
        values["streams"] = tuple(stream_run(s) for s in item.get("streams", ()))
        values["memory"] = Memory.of(item["memory"]) if "memory" in item else None
        return Run(**values)

    return BenchmarkResults(
        source=source,
        mode=data["mode"],
        started_at=data["started_at"],
        finished_at=data["finished_at"],
        duration_seconds=data["duration_seconds"],
        load_average_at_start=tuple(data["load_average_at_start"]),
        load_average_at_end=tuple(data["load_average_at_end"]),
        machine=Machine(**data["machine"]),
        versions=dict(data["versions"]),
        settings=dict(data["settings"]),
        affinity=dict(data["affinity"]),
        self_check=dict(data["self_check"]),
        equivalence=dict(data["equivalence"]),
        configurations=tuple(Configuration(**{**item, "scenarios": tuple(item["scenarios"])})
                             for item in data["configurations"]),
        scenarios=tuple(Scenario(**{**item, "streams": tuple(StreamSpec(**s) for s in item["streams"])})
                        for item in data["scenarios"]),
        server_starts=tuple(ServerStart(s["repeat"], s["configuration"], dict(s["affinity"]),
                                        Memory.of(s["idle_memory"])) for s in data["server_starts"]),
        runs=tuple(run(item) for item in data["runs"]),
    )


def _spread_dict(spread) -> dict | None:
    if spread is None:
        return None
    return {"median": round(spread.median, 3), "low": round(spread.low, 3), "high": round(spread.high, 3),
            "runs": spread.count}


def summary_problems(document: YamlDocument, results: BenchmarkResults) -> list[DataProblem]:
    """The file's per-cell summary must say what its runs say (recomputed here by the site's model)."""
    problems = []
    for index, stated in enumerate(document.data.get("cells", [])):
        where = ("cells", index)
        try:
            cell = results.cell(stated["configuration"], stated["scenario"])
        except KeyError as error:
            problems.append(document.problem(where, str(error).strip("'\""), REGENERATE))
            continue
        statuses: dict[str, int] = {}
        for run in cell.runs:
            statuses[run.status] = statuses.get(run.status, 0) + 1
        first_path = cell.scenario.streams[0].path
        expected = {
            "statuses": statuses,
            "answered_per_second": _spread_dict(cell.answered_per_second) if cell.scenario.mode == "closed" else None,
            "latency_ms": ({stream.path: {p: _spread_dict(cell.latency(stream.path, p)) for p in ("p50", "p99")}
                            for stream in cell.scenario.streams} if cell.latency(first_path, "p50") else None),
            "answered": _spread_dict(cell.answered(first_path)),
            "peak_pss_bytes": _spread_dict(cell.peak_pss_bytes),
        }
        for key, value in expected.items():
            if stated.get(key) != value:
                problems.append(document.problem(where + ((key,) if key in stated else ()),
                                                 f"{key} does not match the runs (they give {value})", REGENERATE))
    return problems
