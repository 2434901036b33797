"""Read data/benchmarks.yaml, check it against its schema and for consistency, return the model.

Every problem becomes a DataProblem with file, line and data path, raised together as one
DataError, the same shape the rest of the site uses for contributor data.
"""

from __future__ import annotations

import math
from pathlib import Path

from ..errors import DataError, DataProblem
from ..schema_check import schema_problems
from ..yaml_source import YamlDocument, load_yaml_document
from .model import BenchmarkResults, Configuration, Machine, Run, Scenario

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
    return build_model(document.data, name)


def _display_name(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def consistency_problems(document: YamlDocument) -> list[DataProblem]:
    """Checks a schema cannot express: unique ids, references between sections, arithmetic."""
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
    measured: set[tuple] = set()
    sequences: set[int] = set()
    repeats = data["settings"]["repeats"]
    for index, run in enumerate(data["runs"]):
        where = ("runs", index)
        for key, section in (("configuration", "configurations"), ("scenario", "scenarios")):
            if run[key] not in known[section]:
                problems.append(document.problem(where + (key,), f"unknown {key} '{run[key]}'",
                                                 f"use one of the ids under {section}: {', '.join(sorted(known[section]))}"))
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
        if run["status"] == "failed":
            continue
        errors = sum(run["errors"].values())
        if run["status"] == "ok" and errors:
            problems.append(document.problem(where + ("status",), f"status is 'ok' but wrk counted {errors} errors",
                                             "a run with errors must have status 'errors' so the page flags it"))
        if run["status"] == "errors" and not errors and run["requests"]:
            problems.append(document.problem(where + ("status",), "status is 'errors' but no error was counted",
                                             REGENERATE))
        expected = run["requests"] / run["duration_seconds"]
        if not math.isclose(run["requests_per_second"], expected, rel_tol=0.002, abs_tol=0.1):
            problems.append(document.problem(
                where + ("requests_per_second",),
                f"{run['requests_per_second']} is not requests / duration_seconds ({expected:.1f})", REGENERATE))
    return problems


def build_model(data: dict, source: str) -> BenchmarkResults:
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
        configurations=tuple(Configuration(**item) for item in data["configurations"]),
        scenarios=tuple(Scenario(**item) for item in data["scenarios"]),
        runs=tuple(Run(**run) for run in data["runs"]),
    )
