"""The site's view of the data: which file to load (overridable for tests) and where links point.

This is the edge between MkDocs and the pure code: a DataError becomes MkDocs' PluginError,
which `mkdocs build` and `mkdocs serve` print as a clean message and exit non-zero.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .errors import DataError
from .load import DEFAULT_DATA, DEFAULT_SCHEMA
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


def _for_site(load):
    """Run a loader for the site, turning a DataError into a build error."""
    try:
        return load()
    except DataError as error:
        raise _as_build_error(error) from None


# The build and `make validate` load the data through the same function (site_data.py), so they
# run the same checks; add a check that spans data files to site_data.cross_file_problems.
def _cookbook():
    from .site_data import load_site_data

    return load_site_data().cookbook


def _benchmarks():
    from .site_data import load_site_data

    return load_site_data().benchmarks


def _checked_comparison() -> Comparison:
    from .site_data import load_site_data

    return load_site_data().comparison


def comparison_for_site() -> Comparison:
    return _for_site(_checked_comparison)


def cookbook_for_site():
    return _for_site(_cookbook)


def benchmarks_for_site():
    return _for_site(_benchmarks)


def measurements_for_site(page: str) -> dict[str, str]:
    """Scenario id -> one sentence citing its measured medians, linking to `page` (the benchmarks page)."""
    from .benchmarks import measured_summary

    results = benchmarks_for_site()
    return {scenario.id: measured_summary(results, scenario.id, page) for scenario in results.scenarios}


_guides_cache: dict[tuple, object] = {}


def _guides():
    from .guides import load_guides
    from .site_data import data_file_path, load_site_data

    site = load_site_data()  # every check, the guides' cross-file ones included, has run
    guides_path, releases_path = data_file_path("guides"), data_file_path("releases")
    key = (str(guides_path), guides_path.stat().st_mtime_ns, releases_path.stat().st_mtime_ns, id(site))
    if key not in _guides_cache:
        _guides_cache.clear()
        _guides_cache[key] = load_guides(guides_path, releases_path, {f.id: f.name for f in site.comparison.frameworks},
                                         {t.id for t in site.cookbook.tasks})
    return _guides_cache[key]


def guides_for_site():
    """The guide pages' data (data/guides.yaml with data/releases.yaml), checked against the site's data."""
    return _for_site(_guides)


def site_links(config) -> SiteLinks:
    repo_url = (config.get("repo_url") or "").rstrip("/")
    return SiteLinks(repo_url=repo_url, branch=config.get("extra", {}).get("repo_branch", "main"))


def load_schema() -> dict:
    return json.loads(DEFAULT_SCHEMA.read_text(encoding="utf-8"))


def load_tasks_schema() -> dict:
    from .cookbook.load import DEFAULT_SCHEMA as TASKS_SCHEMA

    return json.loads(Path(TASKS_SCHEMA).read_text(encoding="utf-8"))


def tasks_data() -> object:
    """The cookbook data as plain values (checked: the cookbook is loaded, and validated, first)."""
    from .site_data import data_file_path
    from .yaml_source import load_yaml_document

    cookbook_for_site()
    return load_yaml_document(data_file_path("tasks"), "data/tasks.yaml").data
