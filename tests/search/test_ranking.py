"""The first queries readers type land on the right page, ranked as the site ranks them: Material's
own search worker (from the build) runs in Node over the built search_index.json. The queries and
their pages are in search-ranking.yml, beside the page boosts that make them land."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from comparison_site.search_ranking import ranking

from ..conftest import ROOT

RANKER = Path(__file__).with_name("rank.mjs")
NODE = ROOT / "node_modules" / ".bin" / "node"
QUERIES = ranking()["queries"]


def page_of(location: str) -> str:
    return location.split("#", 1)[0]


@pytest.fixture(scope="module")
def ranked(built_site) -> dict[str, list[str]]:
    result = subprocess.run([str(NODE), str(RANKER), str(built_site), *(q["query"] for q in QUERIES)],
                            capture_output=True, text=True, timeout=120, check=True)
    return json.loads(result.stdout)


def test_there_are_twelve_queries_each_with_a_page():
    assert len(QUERIES) >= 12
    assert all(q["query"].strip() and q["first"] for q in QUERIES)


@pytest.mark.parametrize("query", QUERIES, ids=[q["query"] for q in QUERIES])
def test_query_lands_on_its_page(ranked, built_site, query):
    results = ranked[query["query"]]
    expected = query["first"]
    assert (built_site / page_of(expected) / "index.html").is_file(), f"{expected} is not a page of the site"
    assert results, f"{query['query']!r} finds nothing"
    top = results[0] if "#" in expected else page_of(results[0])
    assert top == expected, f"{query['query']!r}: first result {results[0]}, expected {expected}; top 5: {results[:5]}"
    for page in query.get("also", []):
        assert page in [page_of(r) for r in results[:3]], f"{query['query']!r}: {page} not in the top 3 {results[:3]}"


def test_index_like_pages_never_lead(ranked):
    index_like = {"sources/", "data-reference/", "cookbook-data-reference/", "guides-data-reference/", "comparison/"}
    leading = {q: r[0] for q, r in ranked.items() if r and page_of(r[0]) in index_like}
    assert not leading, f"index-like pages ranked first: {leading}"
