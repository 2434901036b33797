"""Search ranking from search-ranking.yml: each page's weight in Material's search (its
`search.boost`), so index-like pages (sources, field references, overviews) do not outrank the
pages that answer, and search keywords for pages whose text rarely says the word readers type
(indexed as the page's `tags`). A page's own front matter `search.boost` or `tags` wins."""

from __future__ import annotations

import fnmatch
from functools import cache

import yaml

from .load import PROJECT_ROOT

RANKING_FILE = PROJECT_ROOT / "search-ranking.yml"


@cache
def ranking() -> dict:
    with open(RANKING_FILE, encoding="utf-8") as stream:
        return yaml.safe_load(stream)


def _first_match(table: dict, src_path: str):
    """The value of the first pattern in `table` that matches the page's path in docs/."""
    return next((value for pattern, value in table.items() if fnmatch.fnmatchcase(src_path, pattern)), None)


def boost_for(src_path: str) -> float | None:
    boost = _first_match(ranking()["boosts"], src_path)
    return None if boost is None else float(boost)


def apply_ranking(page) -> None:
    """Set the page's search boost and keywords (MkDocs page meta, read by Material's search)."""
    search = page.meta.setdefault("search", {})
    boost = boost_for(page.file.src_uri)
    if isinstance(search, dict) and "boost" not in search and boost is not None:
        search["boost"] = boost
    keywords = _first_match(ranking().get("keywords", {}), page.file.src_uri)
    if keywords and "tags" not in page.meta:
        page.meta["tags"] = list(keywords)
