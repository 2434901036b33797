"""axe-core over every built page, in the light (`default`) and the dark (`slate`) colour scheme.

axe-core comes from npm (pinned in the root package.json) and is injected into each page as the
reader's browser shows it: served over HTTP by the system Chromium, after Material's scripts ran.
Every rule axe runs by default (WCAG 2.x A and AA plus best practices) counts; a failure lists
each violation with the page, the rule, its impact and the first few elements it found.
"""

from __future__ import annotations

import pytest

from ..conftest import ROOT
from .site_pages import NavPage

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCHEMES = {"light": "default", "dark": "slate"}  # how the test names them -> Material's scheme
NODES_SHOWN = 3

RUN_AXE = """async () => {
  const results = await axe.run(document, {resultTypes: ['violations']});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '),
                              summary: (n.failureSummary || '').split('\\n').slice(1, 2).join('').trim(),
                              html: n.html.slice(0, 160)})),
  }));
}"""

# The search dialog is part of every page but hidden until opened; opened, it has its own
# controls (results list, share and reset buttons) that the closed page never shows axe.
OPEN_SEARCH = """() => { const toggle = document.getElementById('__search');
  toggle.checked = true; toggle.dispatchEvent(new Event('change')); }"""


def every_built_page(site_directory) -> list[NavPage]:
    """Every HTML page of the build (navigation or not, 404 included), as the server links it."""
    found = []
    for path in sorted(site_directory.rglob("*.html")):
        href = path.relative_to(site_directory).as_posix()
        href = href.removesuffix("index.html") if href.endswith("index.html") else href
        found.append(NavPage(href or "home", href))
    return found


def describe(page_href: str, violations: list[dict]) -> list[str]:
    lines = []
    for v in violations:
        lines.append(f"/{page_href}: {v['id']} ({v['impact']}): {v['help']} - {len(v['nodes'])} element(s)")
        for node in v["nodes"][:NODES_SHOWN]:
            lines.append(f"      {node['target']}  {node['summary']}  {node['html']}")
    return lines


def open_in_scheme(page, url: str, scheme: str) -> None:
    page.goto(url, wait_until="load")
    page.wait_for_function("() => typeof document$ !== 'undefined'")  # Material's scripts have started
    shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert shown == scheme, f"{url}: expected the {scheme!r} scheme from the preferred colour scheme, got {shown!r}"


@pytest.mark.parametrize("mode", SCHEMES)
def test_axe_finds_no_violation_on_any_page(served_site, page, mode):
    assert AXE.is_file(), f"{AXE} is missing: run `npm ci` at the repository root (package.json pins axe-core)"
    pages = every_built_page(served_site.directory)
    assert len(pages) >= 20, f"expected every page of the site, found {len(pages)}"
    page.emulate_media(color_scheme="dark" if mode == "dark" else "light")
    report = []
    for target in pages:
        open_in_scheme(page, served_site.url(target), SCHEMES[mode])
        # The site sets no content-visibility (site.css says why); should a page ever skip laying
        # out what is off screen, axe must still see all of it.
        page.add_style_tag(content="* { content-visibility: visible !important; }")
        page.add_script_tag(path=str(AXE))
        report += describe(target.href, page.evaluate(RUN_AXE))
    # Once per scheme: the search dialog opened, with results on show.
    open_in_scheme(page, served_site.url(""), SCHEMES[mode])
    page.evaluate(OPEN_SEARCH)
    page.locator("input.md-search__input").press_sequentially("routing", delay=10)
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0")
    page.add_script_tag(path=str(AXE))
    report += describe("(search dialog open, query 'routing')", page.evaluate(RUN_AXE))
    assert not report, f"axe-core, {mode} scheme, {len(report)} line(s):\n" + "\n".join(report)
