"""Checks across data files: ids in data/comparison.yaml that name cookbook tasks
(data/tasks.yaml) or benchmark scenarios (data/benchmarks.yaml) must exist there."""

from __future__ import annotations

from .errors import DataError, DataProblem
from .model import Comparison


def _unknown(comparison: Comparison, kind: str, entries, field: str, known: set[str], what: str) -> list[DataProblem]:
    return [
        DataProblem(comparison.file, entry.line, 1, f"{kind} (id {entry.id}).{field}",
                    f"unknown {what} '{ref}'", f"use one of: {', '.join(sorted(known))}")
        for entry in entries
        for ref in getattr(entry, field)
        if ref not in known
    ]


def check_references(comparison: Comparison, task_ids: set[str], scenario_ids: set[str]) -> None:
    """Raise DataError listing every criterion or claim that names a missing task or scenario."""
    problems = _unknown(comparison, "criteria", comparison.criteria, "cookbook", task_ids, "cookbook task")
    problems += _unknown(comparison, "criteria", comparison.criteria, "measured", scenario_ids, "benchmark scenario")
    problems += _unknown(comparison, "claims", comparison.claims, "measured", scenario_ids, "benchmark scenario")
    if problems:
        raise DataError(problems)
