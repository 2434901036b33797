"""Renderers as pure functions: data in, Markdown out, no site build needed."""

from __future__ import annotations

import re

import pytest

from comparison_site.load import load_comparison
from comparison_site.render import comparison as comparison_page
from comparison_site.render import entries, framework, home, pages, sources
from comparison_site.render.markdown import SiteLinks

from .conftest import MINIMAL
from .test_inline import render as to_html
from .third_framework import with_third_framework, write_yaml

LINKS = SiteLinks(repo_url="https://github.com/example/fvx")


@pytest.fixture(scope="module")
def data():
    return load_comparison(MINIMAL)


@pytest.fixture(scope="module")
def three(tmp_path_factory):
    path = write_yaml(with_third_framework(load_comparison(MINIMAL).raw), tmp_path_factory.mktemp("d") / "three.yaml")
    return load_comparison(path)


def test_quick_table_has_key_factors_only_and_links_to_their_category_pages(data):
    table = home.render_quick_table(data)
    assert table.splitlines()[0] == "| Criterion | Flask | Express |"
    assert "[Licence](comparison/identity.md#licence) | BSD-3-Clause | MIT |" in table
    assert "Request model" not in table  # not a key factor


def test_each_category_page_has_its_criteria_with_anchor_sources_and_basis(data):
    by_category = {c.id: comparison_page.render_category(data, c.id, LINKS)
                   for c in comparison_page.categories_with_criteria(data)}
    for criterion in data.criteria:
        page = by_category[criterion.category]
        assert f"{{#{criterion.id}}}" in page
        assert f"[{criterion.title}](#{criterion.id})" in page.replace("\\", "")  # its row in the table
        assert all(f"{{#{criterion.id}}}" not in other for c, other in by_category.items() if c != criterion.category)
    assert by_category["identity"].startswith("# Identity\n")
    page = by_category["architecture"]
    assert "*Depends on:* The server in front of the app." in page
    assert "Async views still hold a worker." in page
    assert "fvx-basis-opinion" in page
    assert "[Flask async docs](https://flask.palletsprojects.com/en/stable/async-await/)" in page


def test_overview_has_every_category_table_linking_to_the_category_pages(data):
    page = comparison_page.render_overview(data)
    assert "## Identity {#category-identity}" in page
    for criterion in data.criteria:
        assert f"(comparison/{criterion.category}.md#{criterion.id})" in page
    assert "](comparison/architecture.md)" in page  # the category's page, in detail
    assert "fvx-edit" not in page  # details, sources and links live on the category pages


def test_links_on_a_category_page_are_relative_to_its_folder():
    assert pages.relative("cookbook/pagination.md", "comparison/architecture.md") == "../cookbook/pagination.md"
    assert pages.relative("benchmarks.md#scenario-io", "comparison/performance.md") == "../benchmarks.md#scenario-io"
    assert pages.relative("comparison/identity.md#licence", "index.md") == "comparison/identity.md#licence"
    assert pages.relative("comparison/identity.md#licence", "comparison/architecture.md") == "identity.md#licence"


def test_edit_and_report_links_point_at_the_entry_line(data):
    criterion = data.criteria[1]
    page = comparison_page.render_category(data, criterion.category, LINKS)
    lines = MINIMAL.read_text().splitlines()
    assert lines[criterion.line - 1].strip() == f"- id: {criterion.id}"
    assert f"https://github.com/example/fvx/blob/main/data/comparison.yaml#L{criterion.line}" in page
    assert "issues/new?labels=fact&amp;title=Wrong%20fact%3A%20criterion%20%27request-model%27" in page


def test_framework_page_lists_facts_pros_and_cons(data):
    page = framework.render_framework_page(data, "express", LINKS)
    assert page.startswith("# Express\n")
    assert "| Licence | MIT |" in page
    assert "### Middleware model {#middleware}" in page
    assert "### No structure {#no-structure}" in page
    assert page.index("## Pros") < page.index("Middleware model") < page.index("## Cons") < page.index("No structure")


def test_choose_when_is_derived_from_use_cases(data):
    text = home.render_choose_when(data)
    flask_part, rest = text.split("**Choose Express when:**")
    assert "use-cases.md#ml-api" in flask_part
    assert "use-cases.md#full-stack-js" in rest
    assert "**Consider something else:**" in rest and "use-cases.md#static-docs" in rest


def test_claims_have_summary_table_and_verdicts(data):
    page = entries.render_claims(data, LINKS)
    assert "[Django is built on top of Flask](#django-on-flask)" in page
    assert "fvx-verdict-false" in page


def test_use_case_with_no_fit_says_neither(data):
    assert "**Fits:** neither is the best choice" in entries.render_use_cases(data, LINKS)


def test_sources_page_deduplicates_and_links_back(data):
    page = sources.render_sources(data)
    entry = next(line for line in page.splitlines() if line.startswith("- [Flask foreword]"))
    following = page.splitlines()[page.splitlines().index(entry) + 1]
    assert "flask.md#small-core" in following and "flask.md#no-orm" in following
    assert len(re.findall(r"^- \[Flask foreword\]", page, re.MULTILINE)) == 1


def test_a_third_framework_appears_in_every_table(three):
    assert [f.id for f in three.frameworks] == ["flask", "express", "fastapi"]
    quick = home.render_quick_table(three)
    assert quick.splitlines()[0] == "| Criterion | Flask | Express | FastAPI |"
    assert "FastAPI value for licence" in quick
    full = "\n".join(comparison_page.render_category(three, c.id, LINKS)
                     for c in comparison_page.categories_with_criteria(three))
    for criterion in three.criteria:
        assert f"FastAPI value for {criterion.id}" in full
    assert "| Criterion | Flask | Express | FastAPI |" in full
    assert "| Criterion | Flask | Express | FastAPI |" in comparison_page.render_overview(three)
    assert "FastAPI" in home.render_versions(three)
    assert "fastapi.md" in home.render_framework_list(three)
    assert "**Choose FastAPI when:**" in home.render_choose_when(three)
    assert "FastAPI pro: type hints" in to_html(framework.render_framework_page(three, "fastapi", LINKS))
    assert "fastapi.md#younger" in sources.render_sources(three)


def test_judgements_are_labelled_from_their_basis_in_every_table(data):
    overview = comparison_page.render_overview(data)
    for criterion in data.criteria:
        row = next(line for line in overview.splitlines() if f"#{criterion.id})" in line)
        assert ("*(opinion)*" in row) == (criterion.basis == "opinion"), row
    assert any(c.basis == "opinion" for c in data.criteria)
