"""The site in a real browser, served over HTTP and opened from file:// (the offline copy):
search, content tabs, the light/dark toggle, no console errors and no request leaving the site."""

from __future__ import annotations

import re

import pytest

from comparison_site.load import load_comparison

from ..conftest import REAL_DATA
from .site_pages import NavPage, tabbed_sets

# Material shows results, or says "No matching documents", once the index is loaded.
SEARCH_DONE = """() => document.querySelectorAll('.md-search-result__item').length > 0
    || /no matching/i.test(document.querySelector('.md-search-result__meta').textContent)"""
SEARCH_WAIT_MS = 20_000  # the search index is built in a worker on first use


def assert_stayed_inside(browser, site) -> None:
    outside = [url for url in browser.requests if not site.is_inside(url)]
    assert not outside, f"{site.name} site: requests outside the site: {outside[:10]}"


def open_page(page, site, target: NavPage | str) -> None:
    page.goto(site.url(target), wait_until="load")
    page.wait_for_function("() => typeof document$ !== 'undefined'")  # Material's scripts have started


def search(page, query: str) -> list[str]:
    """Type `query` into the site's search box; the links of every result, as absolute URLs."""
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=10)  # Material searches on key events, not on a filled value
    page.wait_for_function(SEARCH_DONE, timeout=SEARCH_WAIT_MS)
    return page.eval_on_selector_all("a.md-search-result__link", "links => links.map(link => link.href)")


def page_of(url: str) -> str:
    """'…/comparison/#concurrency-model' and '…/comparison.html#…' both give 'comparison'."""
    path = re.sub(r"[?#].*$", "", url).rstrip("/")
    return re.sub(r"(/index)?\.html$", "", path).rsplit("/", 1)[-1]


def scheme(page) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def toggle_palette(page) -> None:
    page.locator("form[data-md-component=palette] label:not([hidden])").click()


def test_every_page_loads_without_console_errors_and_requests_stay_on_the_site(site, browser, page):
    assert len(site.pages) >= 9, "navigation should list every page"
    failures = {}
    for target in site.pages:
        open_page(page, site, target)
        if page.errors:
            failures[target.title] = list(page.errors)
            page.errors.clear()
    assert not failures, f"{site.name} site: console errors: {failures}"
    assert_stayed_inside(browser, site)


def test_search_for_a_concurrency_term_finds_the_concurrency_criteria(site, browser, page):
    criteria = [c for c in load_comparison(REAL_DATA).criteria if "concurren" in (c.title + c.id).lower()]
    assert criteria, "the data should have a concurrency criterion to search for"
    open_page(page, site, "")
    links = search(page, "concurrency")
    # Criteria live on their category's page: …/comparison/<category>/#<criterion>.
    found = {link.split("#", 1)[1] for link in links if "/comparison/" in link and "#" in link}
    assert found & {c.id for c in criteria}, f"{site.name}: no concurrency criterion among {links[:10]}"
    assert_stayed_inside(browser, site)


def test_search_index_and_worker_load_only_when_search_opens(served_site, browser, page):
    index_requests = """() => performance.getEntriesByType('resource').map(e => e.name)
        .filter(n => /search_index\\.json|workers\\/search\\./.test(n))"""
    open_page(page, served_site, "")
    page.wait_for_timeout(1500)  # time enough for Material to have asked for the index on its own
    assert page.evaluate(index_requests) == [], "the search index was fetched before anyone searched"
    links = search(page, "routing")
    assert links, "search found nothing once opened"
    assert any("search_index.json" in url for url in page.evaluate(index_requests)), "the index was never fetched"


def test_search_for_a_pro_finds_its_framework_page(site, browser, page):
    point = next(p for p in load_comparison(REAL_DATA).points if p.kind == "pro")
    open_page(page, site, "")
    links = search(page, point.point)
    assert any(page_of(link) == point.framework for link in links), f"{site.name}: {point.point!r} -> {links[:10]}"
    assert_stayed_inside(browser, site)


def test_search_for_a_cookbook_task_finds_its_page(site, browser, page):
    tasks = [target for target in site.pages if target.is_cookbook_task]
    if not tasks:
        pytest.skip("the site has no cookbook task pages yet (docs/cookbook/); nothing to search for")
    missing = []
    for task in tasks[:3]:  # three tasks show that task pages are indexed; all of them would be slow
        open_page(page, site, "")  # a fresh page: a new query typed over old results races them
        links = search(page, task.title)
        if not any(page_of(link) == page_of(site.url(task)) for link in links):
            missing.append((task.title, links[:5]))
    assert not missing, f"{site.name}: cookbook tasks not found by their name: {missing}"
    assert_stayed_inside(browser, site)


def test_content_tabs_switch_and_stay_linked_across_the_page(site, browser, page):
    with_tabs = [(target, sets) for target in site.pages if (sets := tabbed_sets(target.file(site.directory)))]
    if not with_tabs:
        pytest.skip("no page has content tabs yet (they arrive with the cookbook); nothing to switch")
    # The page with the most tab sets shows the linking best.
    target, sets = max(with_tabs, key=lambda item: len(item[1]))
    labels = [tab.label for tab in sets[0]]
    assert len(labels) >= 2
    open_page(page, site, target)
    state = """label => [...document.querySelectorAll('.tabbed-set')].map(set => {
        const tab = [...set.querySelectorAll(':scope > .tabbed-labels > label')].find(l => l.textContent.trim() === label);
        return tab ? document.getElementById(tab.htmlFor).checked : null })"""
    for label in (labels[1], labels[0]):
        page.locator(".tabbed-set").first.locator(":scope > .tabbed-labels > label", has_text=label).click()
        checked = page.evaluate(state, label)
        assert all(value is not False for value in checked), (
            f"{site.name} {target.title}: {label!r} not selected in every tab set: {checked}")
        index = labels.index(label)
        block = page.locator(".tabbed-set").first.locator(":scope > .tabbed-content > .tabbed-block").nth(index)
        assert block.is_visible(), f"{label!r} tab content is not shown after clicking it"
    assert not page.errors
    assert_stayed_inside(browser, site)


def test_light_dark_toggle_switches_the_palette(site, browser, page):
    open_page(page, site, "")
    assert scheme(page) == "default"
    toggle_palette(page)
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    toggle_palette(page)
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'default'")
    assert not page.errors
    assert_stayed_inside(browser, site)


def test_screenshots_light_and_dark(site, browser, page, screenshots):
    """For people to look at: artifacts/screenshots/<site>-<page>-<light|dark>.png."""
    targets = [("home", ""), ("comparison", next(t for t in site.pages if page_of(site.url(t)) == "comparison"))]
    cookbook = [t for t in site.pages if t.is_cookbook_task and tabbed_sets(t.file(site.directory))]
    if cookbook:
        targets.append(("cookbook-" + page_of(site.url(cookbook[0])), cookbook[0]))
    for name, target in targets:
        open_page(page, site, target)
        for mode, wanted in (("light", "default"), ("dark", "slate")):
            if scheme(page) != wanted:
                toggle_palette(page)
                page.wait_for_function(f"() => document.body.getAttribute('data-md-color-scheme') === '{wanted}'")
            path = screenshots / f"{site.name}-{name}-{mode}.png"
            page.screenshot(path=str(path))
            assert path.stat().st_size > 10_000, f"{path} looks empty"
    assert_stayed_inside(browser, site)
