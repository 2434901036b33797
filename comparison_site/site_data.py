"""Every data file of the site, loaded and checked in one place: `make validate` and the build both
call `load_site_data`, so validation runs every check the build runs, cross-file references included.

Data files are discovered, not listed: each `data/<name>.schema.json` with a `data/<name>.yaml`
beside it is a data file. The comparison, the cookbook and the benchmark results have their own
loaders (schema, rules of their own, model); any other data file gets the checks every file gets:
the YAML policy (yaml_policy.py), its schema (with the one URL rule) and the text rules below.

Tests point the site at other data with FVX_DATA_DIR (a folder of <name>.yaml files) or, for one
file, FVX_<NAME>_DATA (e.g. FVX_COMPARISON_DATA). Schemas always come from the project.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DataError, DataProblem
from .load import PROJECT_ROOT, display_name
from .schema_check import schema_problems
from .yaml_source import load_yaml_document

SCHEMA_DIR = PROJECT_ROOT / "data"
DATA_DIR_ENV = "FVX_DATA_DIR"
# Published with the site byte for byte (see site_hooks.published_files): their text must not
# contain markup characters, since nothing escapes it on the way out.
PUBLISHED_VERBATIM = ("benchmarks",)
MARKUP_CHARACTERS = "<>"


@dataclass(frozen=True)
class DataFile:
    name: str  # "comparison" for data/comparison.yaml
    path: Path
    schema: Path

    @property
    def display(self) -> str:
        return display_name(self.path)


@dataclass
class SiteData:
    """The loaded data of every file; `others` holds the plain data of files without a loader."""

    comparison: object
    cookbook: object
    benchmarks: object
    others: dict[str, object] = field(default_factory=dict)
    files: tuple[DataFile, ...] = ()


def data_file_path(name: str) -> Path:
    """Where the site reads data file `name` from (environment overrides first)."""
    specific = os.environ.get(f"FVX_{name.upper().replace('-', '_')}_DATA")
    if specific:
        return Path(specific)
    folder = os.environ.get(DATA_DIR_ENV)
    return Path(folder) / f"{name}.yaml" if folder else PROJECT_ROOT / "data" / f"{name}.yaml"


def data_files() -> tuple[DataFile, ...]:
    """Every data file: a schema in data/ and its YAML file (the three the site needs always)."""
    found = []
    for schema in sorted(SCHEMA_DIR.glob("*.schema.json")):
        name = schema.name.removesuffix(".schema.json")
        path = data_file_path(name)
        if path.exists() or name in _LOADERS:
            found.append(DataFile(name, path, schema))
    return tuple(found)


def _load_comparison(file: DataFile):
    from .load import load_comparison

    return load_comparison(file.path, file.schema)


def _load_cookbook(file: DataFile):
    from .cookbook import load_tasks

    # Files named by tasks are looked up in this project, wherever the data file itself lives.
    return load_tasks(file.path, file.schema, root=PROJECT_ROOT)


def _load_benchmarks(file: DataFile):
    from .benchmarks import load_benchmark_results

    return load_benchmark_results(file.path, file.display)


def _load_generic(file: DataFile):
    document = load_yaml_document(file.path, file.display)
    problems = schema_problems(document, file.schema)
    if problems:
        raise DataError(problems)
    return document.data


_LOADERS: dict[str, Callable[[DataFile], object]] = {
    "comparison": _load_comparison,
    "tasks": _load_cookbook,
    "benchmarks": _load_benchmarks,
}


def verbatim_text_problems(file: DataFile) -> list[DataProblem]:
    """Markup characters in a file that is published as it is."""
    document = load_yaml_document(file.path, file.display)
    problems: list[DataProblem] = []

    def walk(node, path):
        if isinstance(node, dict):
            for key, value in node.items():
                walk(key, path + (key,))
                walk(value, path + (key,))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, path + (index,))
        elif isinstance(node, str) and any(c in node for c in MARKUP_CHARACTERS):
            problems.append(document.problem(path, f"{node[:60]!r} contains '<' or '>'",
                                             f"{file.display} is published as it is, so its text may not contain "
                                             "markup characters: describe the value in words"))

    walk(document.data, ())
    return problems


def cross_file_problems(comparison, cookbook, benchmarks, files: dict[str, DataFile]) -> list[DataProblem]:
    """References from one data file into another: cookbook task and benchmark scenario ids cited by
    the comparison, and the frameworks the cookbook and the benchmark cover."""
    from .guides.load import check_guides
    from .references import check_framework_ids, check_references

    checks = [
        lambda: check_references(comparison, {t.id for t in cookbook.tasks}, {s.id for s in benchmarks.scenarios},
                                 _locations(files["comparison"])),
        # The cookbook and the benchmark may cover fewer frameworks than the comparison, never others.
        lambda: check_framework_ids(comparison, {"frameworks": list(cookbook.framework_ids)}, files["tasks"].display,
                                    files["tasks"].path.read_text(encoding="utf-8")),
        lambda: check_framework_ids(comparison, {"configurations": [c.framework for c in benchmarks.configurations]},
                                    files["benchmarks"].display, files["benchmarks"].path.read_text(encoding="utf-8")),
        # The guide pages' data names frameworks, cookbook tasks and packages of data/releases.yaml.
        lambda: check_guides(comparison, cookbook, files),
    ]
    problems = []
    for check in checks:
        try:
            check()
        except DataError as error:
            problems += error.problems
    return problems


def _locations(file: DataFile):
    """The line and column of each data path of `file` (parsed again: a few milliseconds)."""
    return load_yaml_document(file.path, file.display).location


_cache: dict[tuple, SiteData] = {}


def _fingerprint(files: tuple[DataFile, ...]) -> tuple:
    def stamp(path: Path):
        return path.stat().st_mtime_ns if path.exists() else None

    return tuple((str(f.path), stamp(f.path), stamp(f.schema)) for f in files)


def load_site_data(report: Callable[[DataFile, object | None, DataError | None], None] | None = None) -> SiteData:
    """Load and check every data file; raise one DataError listing every problem in all of them.

    `report(file, loaded, error)` is called once per file (the CLI prints an OK line or the error).
    Reused until a data file or schema changes: the site asks for the data many times per build.
    """
    files = data_files()
    key = _fingerprint(files)
    if report is None and key in _cache:
        return _cache[key]
    loaded: dict[str, object] = {}
    problems: list[DataProblem] = []
    for file in files:
        found: list[DataProblem] = []
        try:
            loaded[file.name] = _LOADERS.get(file.name, _load_generic)(file)
        except DataError as error:
            found += error.problems
        if file.name in PUBLISHED_VERBATIM:
            try:  # checked whatever the loader found, so every problem is listed in one run
                found += verbatim_text_problems(file)
            except DataError:
                pass  # the file is not readable YAML: the loader has said so
        if found:
            loaded.pop(file.name, None)
            problems += found
            if report:
                report(file, None, DataError(found))
            continue
        if report:
            report(file, loaded[file.name], None)
    by_name = {file.name: file for file in files}
    if all(name in loaded for name in _LOADERS):
        cross = cross_file_problems(loaded["comparison"], loaded["tasks"], loaded["benchmarks"], by_name)
        if cross and report:
            report(None, None, DataError(cross))
        problems += cross
    if problems:
        raise DataError(problems)
    data = SiteData(loaded["comparison"], loaded["tasks"], loaded["benchmarks"],
                    {name: value for name, value in loaded.items() if name not in _LOADERS}, files)
    _cache.clear()
    _cache[key] = data
    return data


def published_json(value) -> bytes:
    """Data as published JSON: `<`, `>` and `&` written as \\u escapes, so even a browser that
    guessed the file was HTML would find no tag or entity in it (JSON readers get the same text)."""
    text = json.dumps(value, indent=1, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return (text + "\n").encode("utf-8")
