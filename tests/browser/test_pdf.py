"""The PDF export (make pdf): everything on the site is in it, readable, linked and navigable."""

from __future__ import annotations

import html
import re
from collections import Counter
from html.parser import HTMLParser

import pytest

from comparison_site.load import load_comparison

from ..conftest import REAL_DATA, ROOT
from ..html_scan import parse
from . import pdf_reading as pdf
from .site_pages import nav_pages, tabbed_sets


@pytest.fixture(scope="module")
def pdf_text(exported_pdf) -> str:
    return pdf.text(exported_pdf[0])


@pytest.fixture(scope="module")
def squashed_lines(exported_pdf) -> str:
    """The PDF's text with printed lines kept whole, then without whitespace: for code."""
    return pdf.squash(pdf.text(exported_pdf[0], mode="layout"))


def first_h1(page_file) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", page_file.read_text(encoding="utf-8"), re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).split()).replace("¶", "").strip()


def test_cover_page_has_title_versions_build_date_and_revision(exported_pdf):
    path, _ = exported_pdf
    cover = pdf.single_spaced(pdf.text(path, 1, 1))
    assert cover.startswith("Flask vs Express")
    for framework in load_comparison(REAL_DATA).frameworks:
        assert f"{framework.name} verified against version {framework.verified_version}" in cover
    assert re.search(r"Built on \d{4}-\d{2}-\d{2}", cover), cover
    assert re.search(r"Data revision ([0-9a-f]{7,}|unknown)", cover), cover


def test_table_of_contents_lists_every_page_in_nav_order(exported_pdf):
    path, site = exported_pdf
    contents = pdf.text(path, 2, 6)
    position = contents.index("Contents")
    contents = contents[: contents.index("\f1 ", position)]  # up to the new PDF page where page 1 starts
    for page in nav_pages(site):
        position = contents.find(page.title, position)
        assert position >= 0, f"{page.title!r} missing from the contents, or out of nav order"


def test_every_page_is_in_the_pdf_in_nav_order(exported_pdf, pdf_text):
    _, site = exported_pdf
    pages = nav_pages(site)
    assert len(pages) >= 9
    body = pdf_text[pdf_text.index("Contents"):]
    position = 0
    for page in pages:
        # Each page starts with its numbered title on a line of its own: "2 Comparison", "3.1 Flask".
        # A long title wraps onto a second line in the PDF, so any run of white space may part its words.
        title = r"\s+".join(re.escape(word) for word in first_h1(page.file(site)).split())
        heading = re.compile(rf"^\f?[\d.]+ {title}$", re.M)  # \f: new PDF page
        match = heading.search(body, position)
        assert match, f"page {page.title!r} ({page.href}) is not in the PDF after the previous page"
        position = match.end()


def test_every_criterion_point_faq_use_case_and_claim_is_in_the_pdf(pdf_text):
    data = load_comparison(REAL_DATA)
    text = pdf.single_spaced(pdf_text)
    expected = [c.title for c in data.categories] + [c.title for c in data.criteria]
    expected += [p.point for p in data.points] + [q.question for q in data.faq]
    expected += [u.scenario for u in data.use_cases] + [c.claim for c in data.claims]
    missing = [entry for entry in expected if pdf.single_spaced(entry) not in text]
    assert not missing, f"{len(missing)} of {len(expected)} entries are not in the PDF: {missing[:5]}"


def test_every_cookbook_page_prints_each_tab_under_its_label(exported_pdf, squashed_lines):
    _, site = exported_pdf
    cookbook = [page for page in nav_pages(site) if page.is_cookbook]
    if not cookbook:
        pytest.skip("the site has no cookbook pages yet; nothing to check")
    from comparison_site.cookbook import load_tasks

    names = {framework.name for framework in load_tasks().frameworks}  # one tab per framework of the cookbook
    checked = 0
    for page in cookbook:
        for tabs in tabbed_sets(page.file(site)):
            for tab in tabs:
                # The label is printed right above its content: "Flask", then the Flask version.
                start = pdf.squash(tab.label + tab.text)[: len(pdf.squash(tab.label)) + 60]
                assert start in squashed_lines, f"{page.title}: tab {tab.label!r} is not printed under its label"
                for code in tab.code:
                    assert pdf.squash(code) in squashed_lines, f"{page.title}: {tab.label} code is missing or cut"
                    checked += 1
        if page.is_cookbook_task:
            labels = {tab.label for tabs in tabbed_sets(page.file(site)) for tab in tabs}
            assert names <= labels, f"{page.title}: expected tabs {sorted(names)}, found {labels}"
    assert checked >= len(names) * len([page for page in cookbook if page.is_cookbook_task])


def test_every_cookbook_task_in_the_data_is_in_the_pdf_with_both_apps(exported_pdf, pdf_text, squashed_lines):
    try:
        from comparison_site.cookbook import load_tasks
    except ImportError:
        pytest.skip("no cookbook data yet (comparison_site.cookbook); nothing to check")
    book = load_tasks()
    _, site = exported_pdf
    nav_titles = {page.title for page in nav_pages(site) if page.is_cookbook_task}
    for task in book.tasks:
        assert task.title in nav_titles, f"task {task.id!r} has no page in the navigation"
        assert re.search(rf"^\f?[\d.]+ {re.escape(task.title)}$", pdf_text, re.M), f"task {task.title!r} not in the PDF"
        for implementation in task.implementations.values():
            app = ROOT / implementation.app
            assert pdf.squash(app.read_text(encoding="utf-8")) in squashed_lines, f"{task.id}: {app.name} not printed whole"


class _Tables(HTMLParser):
    """Cell texts of every table on a page, row by row."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def test_the_widest_table_is_printed_whole_within_the_page(exported_pdf):
    path, site = exported_pdf
    squashed = pdf.squash(pdf.text(path, mode="raw"))  # drawing order: each cell's lines stay together
    parser = _Tables()
    for page in nav_pages(site):
        parser.feed(page.file(site).read_text(encoding="utf-8"))
    widest = max((t for t in parser.tables if t), key=lambda table: max(len(" ".join(row)) for row in table))
    cells = [cell for row in widest for cell in row if cell]
    cut = [cell for cell in cells if pdf.squash(cell) not in squashed]
    assert not cut, f"cells missing or cut in the PDF: {cut}"
    # Nothing on any page runs past the right margin (12 mm) or starts left of the left margin.
    width, _ = pdf.page_size(path)
    margin = 12 / 25.4 * 72
    outside = [w for w in pdf.words(path) if w.x_max > width - margin + 1.5 or w.x_min < margin - 1.5]
    assert not outside, f"text outside the printable width: {outside[:5]}"


def test_code_lines_wrap_instead_of_being_cut(exported_pdf, squashed_lines):
    _, site = exported_pdf
    long_lines = [line for page in nav_pages(site) for tabs in tabbed_sets(page.file(site))
                  for tab in tabs for code in tab.code for line in code.splitlines() if len(line) > 90]
    if not long_lines:
        pytest.skip("no code line on the site is longer than a printed line; nothing can be cut")
    assert all(pdf.squash(line) in squashed_lines for line in long_lines)


def test_pdf_has_an_outline_with_every_page_and_category(exported_pdf):
    path, site = exported_pdf
    # Chromium takes a bookmark's title from the printed heading and drops the space where a long
    # heading wrapped ("...Flask app" becomes "...Flaskapp"), so titles are compared without spaces.
    def squeeze(text: str) -> str:
        return "".join(text.split())

    titles = Counter(squeeze(title) for title in pdf.outline_titles(path))
    assert titles, "the PDF has no outline (bookmarks)"
    for page in nav_pages(site):
        assert squeeze(first_h1(page.file(site))) in titles, f"no bookmark for {page.title!r}"
    for category in load_comparison(REAL_DATA).categories:
        assert squeeze(category.title) in titles, f"no bookmark for category {category.title!r}"


def test_every_page_is_numbered(exported_pdf):
    path, _ = exported_pdf
    count = pdf.page_count(path)
    footers = pdf.text(path, with_footer=True)
    for number in (1, count // 2, count):
        assert f"Page {number} of {count}" in footers


def test_internal_links_point_inside_the_pdf_and_none_at_the_build_server(exported_pdf):
    path, _ = exported_pdf
    uris, destinations = pdf.link_targets(path)
    assert len(destinations) > 50, "cross-references between pages should be internal PDF links"
    assert set(destinations) <= pdf.named_destinations(path), "internal links to missing destinations"
    local = [uri for uri in uris if re.match(r"https?://(127\.0\.0\.1|localhost)", uri) or uri.startswith("file:")]
    assert not local, f"links that only worked while printing: {local[:5]}"
    assert any(uri.startswith("https://") for uri in uris), "source links should stay clickable"


def test_print_styles_are_light(exported_pdf):
    _, site = exported_pdf
    # The exporter prints with the light scheme; print.css also resets the palette for print.
    html = (site / "print_page" / "index.html").read_text(encoding="utf-8")
    assert "stylesheets/print.css" in html
    assert any(tag == "body" for tag, _ in parse(site / "print_page" / "index.html").tags)
