"""The real site, built strictly: every page exists, every entry appears, nothing loads from elsewhere."""

from __future__ import annotations

import html
import os
import re
import subprocess
from pathlib import Path

from comparison_site.load import load_comparison
from comparison_site.site_data import data_file_path

from .conftest import MKDOCS, REAL_DATA, ROOT, build_site
from .html_scan import external_loads, parse
from .third_framework import with_third_framework, write_yaml

# One page per framework of the data (REAL_DATA may hold a third: tests/test_third_framework.py).
PAGES = ["index.html", "comparison/index.html", "use-cases/index.html", "faq/index.html", "claims-checked/index.html",
         "sources/index.html", "about/index.html", "404.html"] + [
    f"{framework.id}/index.html" for framework in load_comparison(REAL_DATA).frameworks]


def page_text(site: Path, page: str) -> str:
    return parse(site / page).text


def anchors(site: Path, page: str) -> set[str]:
    return {attrs["id"] for _, attrs in parse(site / page).tags if "id" in attrs}


def test_every_page_is_built(built_site):
    missing = [p for p in PAGES if not (built_site / p).is_file()]
    assert not missing


def test_every_criterion_is_on_its_category_page_with_a_permalink_and_in_the_overview(built_site):
    data = load_comparison(REAL_DATA)
    overview = page_text(built_site, "comparison/index.html")
    for criterion in data.criteria:
        page = f"comparison/{criterion.category}/index.html"
        assert criterion.id in anchors(built_site, page), criterion.id
        assert criterion.title in page_text(built_site, page), criterion.title
        assert criterion.title in overview, criterion.title
    for category in data.categories:
        if data.criteria_in(category.id):
            assert category.title in overview
            assert category.title in page_text(built_site, f"comparison/{category.id}/index.html")


def test_every_pro_and_con_is_on_its_framework_page(built_site):
    data = load_comparison(REAL_DATA)
    for point in data.points:
        page = f"{point.framework}/index.html"
        assert point.id in anchors(built_site, page), point.id
        assert point.point in page_text(built_site, page), point.point


def test_every_use_case_faq_entry_and_claim_is_on_its_page(built_site):
    data = load_comparison(REAL_DATA)
    for page, entries, attribute in [("use-cases/index.html", data.use_cases, "scenario"),
                                     ("faq/index.html", data.faq, "question"),
                                     ("claims-checked/index.html", data.claims, "claim")]:
        text, ids = page_text(built_site, page), anchors(built_site, page)
        for entry in entries:
            assert entry.id in ids, entry.id
            assert getattr(entry, attribute) in text, getattr(entry, attribute)


def test_every_source_is_listed_on_the_sources_page(built_site):
    data = load_comparison(REAL_DATA)
    hrefs = {attrs.get("href") for tag, attrs in parse(built_site / "sources/index.html").tags if tag == "a"}
    cited = {s.url for c in data.criteria for v in c.values.values() for s in v.sources}
    cited |= {s.url for p in data.points for s in p.sources} | {s.url for q in data.faq for s in q.sources}
    assert cited <= hrefs


def test_home_page_shows_key_factors_and_versions(built_site):
    data = load_comparison(REAL_DATA)
    text = page_text(built_site, "index.html")
    for criterion in (c for c in data.criteria if c.key_factor):
        assert criterion.title in text
    for framework in data.frameworks:
        assert framework.verified_version in text


def test_no_page_loads_anything_from_outside_the_site(built_site):
    assert external_loads(built_site) == []
    for html_file in built_site.rglob("*.html"):
        source = html_file.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in source and "fonts.gstatic.com" not in source
        assert 'data-md-component="source"' not in source  # would fetch repository facts from the GitHub API


def test_search_index_covers_every_criterion(built_site):
    index = (built_site / "search/search_index.json").read_text(encoding="utf-8")
    for criterion in load_comparison(REAL_DATA).criteria:
        assert f"comparison/{criterion.category}/#{criterion.id}" in index


def test_a_third_framework_in_the_data_appears_on_every_page(tmp_path):
    data = with_third_framework(load_comparison(REAL_DATA).raw)
    site = tmp_path / "site"
    result = build_site(site, write_yaml(data, tmp_path / "comparison.yaml"))
    assert result.returncode == 0, result.stderr
    assert "FastAPI pro: type hints" in page_text(site, "fastapi/index.html")
    overview = (site / "comparison/index.html").read_text(encoding="utf-8")
    assert overview.count("FastAPI value for") == len(data["criteria"])  # one table cell each
    on_category_pages = sum(page.read_text(encoding="utf-8").count("FastAPI value for")
                            for page in (site / "comparison").glob("*/index.html"))
    assert on_category_pages == len(data["criteria"]) * 2  # table cell + detail
    assert "FastAPI" in page_text(site, "index.html")
    nav = html.unescape((site / "index.html").read_text(encoding="utf-8"))
    assert re.search(r'href="fastapi/"', nav), "FastAPI page missing from the navigation"


def test_broken_data_fails_the_build_before_anything_is_written(tmp_path):
    broken = tmp_path / "comparison.yaml"
    broken.write_text(REAL_DATA.read_text(encoding="utf-8").replace("category:", "category: [", 1), encoding="utf-8")
    site = tmp_path / "site"
    result = build_site(site, broken)
    assert result.returncode != 0
    assert f"{broken}:" in result.stderr and "(YAML syntax)" in result.stderr
    assert not (site / "index.html").exists()


def test_measured_criteria_and_claims_cite_the_benchmark_scenarios(built_site):
    data = load_comparison(REAL_DATA)
    category_pages = [(f"comparison/{c.id}/index.html", data.criteria_in(c.id)) for c in data.categories]
    for page_path, entries in [*category_pages, ("claims-checked/index.html", data.claims)]:
        hrefs = [a.get("href", "") for tag, a in parse(built_site / page_path).tags if tag == "a"]
        cited = {scenario for entry in entries for scenario in entry.measured}
        for scenario in cited:
            assert any(h.endswith(f"benchmarks/#scenario-{scenario}") for h in hrefs), (page_path, scenario)
    assert any(entry.measured for entry in data.criteria) and any(entry.measured for entry in data.claims)
    assert (built_site / "data/benchmarks.yaml").read_bytes() == (ROOT / "data" / "benchmarks.yaml").read_bytes()


def test_a_macro_error_fails_the_build(tmp_path):
    """on_undefined: strict and on_error_fail: a typo in a page's macro call stops the build."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\n{{ quick_tabel() }}\n", encoding="utf-8")
    # The config must sit in the project root: mkdocs-macros looks for its module beside it.
    config = ROOT / f"mkdocs.test-{os.getpid()}.yml"
    config.write_text(f"INHERIT: mkdocs.yml\ndocs_dir: {docs}\nnav: [index.md]\n", encoding="utf-8")
    try:
        result = subprocess.run([str(MKDOCS), "build", "--strict", "-f", str(config), "-d", str(tmp_path / "site")],
                                cwd=ROOT, capture_output=True, text=True, timeout=300,
                                env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    finally:
        config.unlink()
    assert result.returncode != 0
    assert "quick_tabel" in result.stdout + result.stderr


def test_sources_page_includes_the_cookbook_citations(built_site):
    from comparison_site.cookbook import load_tasks

    hrefs = {attrs.get("href") for tag, attrs in parse(built_site / "sources/index.html").tags if tag == "a"}
    book = load_tasks(data_file_path("tasks"), root=ROOT)  # the file the site was built from
    cited = {s.url for task in book.tasks for note in task.notes for s in note.sources}
    assert cited and cited <= hrefs
    assert any(h and h.startswith("../cookbook/") and h.endswith("-notes") for h in hrefs)
