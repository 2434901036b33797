"""The site's view of the data: which file to load (overridable for tests) and where links point.

This is the edge between MkDocs and the pure code: a DataError becomes MkDocs' PluginError,
which `mkdocs build` and `mkdocs serve` print as a clean message and exit non-zero.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .errors import DataError, DataProblem
from .load import DEFAULT_DATA, DEFAULT_SCHEMA, load_comparison
from .model import Comparison
from .render.markdown import SiteLinks

# Tests and benchmarks point the site at other data files with this variable.
DATA_ENV_VAR = "FVX_COMPARISON_DATA"
TASKS_DATA = Path(__file__).resolve().parent.parent / "data" / "tasks.yaml"


def data_path() -> Path:
    return Path(os.environ.get(DATA_ENV_VAR) or DEFAULT_DATA)


def _as_build_error(error: DataError):
    from mkdocs.exceptions import PluginError

    return PluginError(f"{error}\nNothing was built: fix the data file and run the build again.")


def comparison_for_site() -> Comparison:
    try:
        comparison = load_comparison(data_path())
        check_cookbook_references(comparison, cookbook_for_site_unchecked())
        check_benchmark_references(comparison, benchmarks_for_site_unchecked())
        return comparison
    except DataError as error:
        raise _as_build_error(error) from None


_benchmarks_cache: dict[int, object] = {}


def benchmarks_for_site_unchecked():
    """The measured results, loaded once per version of data/benchmarks.yaml."""
    from .benchmarks import DEFAULT_RESULTS_PATH, load_benchmark_results

    key = Path(DEFAULT_RESULTS_PATH).stat().st_mtime_ns
    if key not in _benchmarks_cache:
        _benchmarks_cache.clear()
        _benchmarks_cache[key] = load_benchmark_results(DEFAULT_RESULTS_PATH)
    return _benchmarks_cache[key]


def benchmarks_for_site():
    try:
        return benchmarks_for_site_unchecked()
    except DataError as error:
        raise _as_build_error(error) from None


def measurements_for_site(page: str) -> dict[str, str]:
    """Scenario id -> one sentence citing its measured medians, linking to `page` (the benchmarks page)."""
    from .benchmarks import measured_summary

    results = benchmarks_for_site()
    return {scenario.id: measured_summary(results, scenario.id, page) for scenario in results.scenarios}


def check_benchmark_references(comparison: Comparison, results) -> None:
    """Criteria and claims may cite benchmark scenarios; each must exist in the results."""
    known = {scenario.id for scenario in results.scenarios}
    entries = [("criteria", c) for c in comparison.criteria] + [("claims", c) for c in comparison.claims]
    problems = [
        DataProblem(comparison.file, entry.line, 1, f"{kind} (id {entry.id}).measured",
                    f"unknown benchmark scenario '{scenario}'", f"use one of: {', '.join(sorted(known))}")
        for kind, entry in entries
        for scenario in entry.measured
        if scenario not in known
    ]
    if problems:
        raise DataError(problems)


_cookbook_cache: dict[int, object] = {}


def cookbook_for_site_unchecked():
    """The cookbook's task book, loaded once per version of data/tasks.yaml (macros ask often)."""
    from .cookbook import load_tasks

    key = TASKS_DATA.stat().st_mtime_ns
    if key not in _cookbook_cache:
        _cookbook_cache.clear()
        _cookbook_cache[key] = load_tasks(TASKS_DATA)
    return _cookbook_cache[key]


def cookbook_for_site():
    try:
        return cookbook_for_site_unchecked()
    except DataError as error:
        raise _as_build_error(error) from None


def check_cookbook_references(comparison: Comparison, book) -> None:
    """Criteria may name cookbook tasks; each must exist in the task data."""
    known = {task.id for task in book.tasks}
    problems = [
        DataProblem(comparison.file, criterion.line, 1, f"criteria (id {criterion.id}).cookbook",
                    f"unknown cookbook task '{task_id}'", f"use one of: {', '.join(sorted(known))}")
        for criterion in comparison.criteria
        for task_id in criterion.cookbook
        if task_id not in known
    ]
    if problems:
        raise DataError(problems)


def site_links(config) -> SiteLinks:
    repo_url = (config.get("repo_url") or "").rstrip("/")
    return SiteLinks(repo_url=repo_url, branch=config.get("extra", {}).get("repo_branch", "main"))


def load_schema() -> dict:
    return json.loads(DEFAULT_SCHEMA.read_text(encoding="utf-8"))
