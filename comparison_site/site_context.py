"""The site's view of the data: which file to load (overridable for tests) and where links point.

This is the edge between MkDocs and the pure code: a DataError becomes MkDocs' PluginError,
which `mkdocs build` and `mkdocs serve` print as a clean message and exit non-zero.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .errors import DataError
from .load import DEFAULT_DATA, DEFAULT_SCHEMA, load_comparison
from .model import Comparison
from .render.markdown import SiteLinks

# Tests and benchmarks point the site at other data files with this variable.
DATA_ENV_VAR = "FVX_COMPARISON_DATA"


def data_path() -> Path:
    return Path(os.environ.get(DATA_ENV_VAR) or DEFAULT_DATA)


def comparison_for_site() -> Comparison:
    from mkdocs.exceptions import PluginError

    try:
        return load_comparison(data_path())
    except DataError as error:
        raise PluginError(f"{error}\nNothing was built: fix the data file and run the build again.") from None


def site_links(config) -> SiteLinks:
    repo_url = (config.get("repo_url") or "").rstrip("/")
    return SiteLinks(repo_url=repo_url, branch=config.get("extra", {}).get("repo_branch", "main"))


def load_schema() -> dict:
    return json.loads(DEFAULT_SCHEMA.read_text(encoding="utf-8"))
