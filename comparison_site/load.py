"""Load the comparison data: parse, validate against the schema, cross-check, build the model.

This is the only entry point the site, the CLI and the tests use, so a broken file fails all of
them the same way, before any page is rendered.
"""

from __future__ import annotations

from pathlib import Path

from .cross_checks import cross_check_problems
from .errors import DataError
from .model import Comparison, build_comparison
from .schema_check import schema_problems
from .yaml_source import YamlDocument, load_yaml_document

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = PROJECT_ROOT / "data" / "comparison.yaml"
DEFAULT_SCHEMA = PROJECT_ROOT / "data" / "comparison.schema.json"

_cache: dict[tuple, Comparison] = {}


def display_name(path: Path) -> str:
    """Paths inside the project are shown relative to it (data/comparison.yaml), others in full."""
    try:
        return str(path.resolve().relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)


def validate_document(document: YamlDocument, schema_path: Path | str = DEFAULT_SCHEMA) -> None:
    """Raise DataError listing every schema and cross-reference problem, if there are any."""
    problems = schema_problems(document, schema_path) + cross_check_problems(document)
    if problems:
        raise DataError(problems)


def load_comparison(path: Path | str = DEFAULT_DATA, schema_path: Path | str = DEFAULT_SCHEMA) -> Comparison:
    """Return the validated model of the data file at `path`; raise DataError if anything is wrong.

    Cached by modification time: the site loads it once per build, `mkdocs serve` reloads it
    when the file changes.
    """
    path = Path(path)
    key = (str(path.resolve()), path.stat().st_mtime_ns if path.exists() else 0, str(schema_path))
    if key not in _cache:
        document = load_yaml_document(path, display_name(path))
        validate_document(document, schema_path)
        _cache.clear()
        _cache[key] = build_comparison(document)
    return _cache[key]
