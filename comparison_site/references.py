"""Checks across data files: ids in data/comparison.yaml that name cookbook tasks
(data/tasks.yaml) or benchmark scenarios (data/benchmarks.yaml) must exist there."""

from __future__ import annotations

from collections.abc import Callable

from .errors import DataError, DataProblem
from .model import Comparison
from .suggestions import unknown_reference_hint

Locate = Callable[[tuple], tuple[int, int]]


def _unknown(comparison: Comparison, kind: str, entries, field: str, known: set[str], what: str,
             locate: Locate | None) -> list[DataProblem]:
    problems = []
    for index, entry in enumerate(entries):
        for position, ref in enumerate(getattr(entry, field)):
            if ref in known:
                continue
            # With the file's locations (YamlDocument.location), point at the id itself.
            line, column = locate((kind, index, field, position)) if locate else (entry.line, 1)
            problems.append(DataProblem(comparison.file, line, column, f"{kind}[id={entry.id}].{field}",
                                        f"unknown {what} '{ref}'", unknown_reference_hint(ref, known)))
    return problems


def check_references(comparison: Comparison, task_ids: set[str], scenario_ids: set[str],
                     locate: Locate | None = None) -> None:
    """Raise DataError listing every criterion or claim that names a missing task or scenario."""
    problems = _unknown(comparison, "criteria", comparison.criteria, "cookbook", task_ids, "cookbook task", locate)
    problems += _unknown(comparison, "criteria", comparison.criteria, "measured", scenario_ids, "benchmark scenario",
                         locate)
    problems += _unknown(comparison, "claims", comparison.claims, "measured", scenario_ids, "benchmark scenario", locate)
    problems += _unknown(comparison, "faq", comparison.faq, "measured", scenario_ids, "benchmark scenario", locate)
    if problems:
        raise DataError(problems)


def check_framework_ids(comparison: Comparison, declared: dict[str, list[str]], file: str, text: str = "") -> None:
    """Raise DataError when another data file (`file`, its `text` for line numbers) declares that it
    covers a framework the comparison does not have. `declared` maps a data path such as
    "frameworks" or "configurations" to the framework ids found there."""
    known = [f.id for f in comparison.frameworks]
    problems = []
    for path, ids in declared.items():
        for framework_id in dict.fromkeys(ids):
            if framework_id in known:
                continue
            wanted = (f"id: {framework_id}", f"framework: {framework_id}")
            line = next((number for number, content in enumerate(text.splitlines(), 1)
                         if content.strip().removeprefix("- ").strip() in wanted), 0)
            problems.append(DataProblem(
                file, line, 1 if line else 0, path, f"unknown framework '{framework_id}' (not in {comparison.file})",
                unknown_reference_hint(framework_id, known, f", or add it to {comparison.file} first")))
    if problems:
        raise DataError(problems)
