"""Work a page load must not repeat (issue 13: on a phone it was most of the blocking time):

- Material's script moves every class-less table into a scroll wrapper when a page loads, which
  makes the browser style and lay the table out a second time. The build ships tables already
  wrapped (comparison_site/tables.py), so no table may be moved while a page loads.
- Material's palette marks <body> with data-md-color-switching at load, which restyles every
  element twice. overrides/assets/javascripts/palette-at-load.js holds the mark back when the load
  changes no colour, and must keep it when a colour does change (a first visit in dark mode, or
  the reader's toggle), so colours still switch without transitions.

Each check watches the page from before its first byte (an init script with a MutationObserver).
"""

from __future__ import annotations

from .test_accessibility import every_built_page
from .test_offline_and_served import scheme, toggle_palette

MARK = "data-md-color-switching"

# Records, from the start of every page load, tables taken out of the document and each time the
# mark appears on <body>.
WATCH = """
window.__fvx = {tablesMoved: 0, marks: 0};
new MutationObserver(records => {
  for (const record of records) {
    if (record.type === 'childList')
      for (const node of record.removedNodes)
        if (node.nodeName === 'TABLE' || (node.querySelector && node.querySelector('table')))
          window.__fvx.tablesMoved++;
    if (record.type === 'attributes' && record.attributeName === '__MARK__' && record.target.hasAttribute('__MARK__'))
      window.__fvx.marks++;
  }
}).observe(document, {childList: true, subtree: true, attributes: true, attributeFilter: ['__MARK__']});
""".replace("__MARK__", MARK)

SETTLED = f"() => typeof document$ !== 'undefined' && !document.body.hasAttribute('{MARK}')"


def load(page, url: str) -> dict:
    page.goto(url, wait_until="load")
    page.wait_for_function(SETTLED)
    page.wait_for_timeout(200)  # Material removes the mark on the next animation frame
    return page.evaluate("window.__fvx")


def test_no_page_moves_a_table_while_it_loads(served_site, page):
    page.add_init_script(WATCH)
    moved, tables_seen = {}, 0
    for target in every_built_page(served_site.directory):
        watched = load(page, served_site.url(target))
        tables_seen += page.evaluate("document.querySelectorAll('.md-typeset table').length")
        if watched["tablesMoved"]:
            moved[target.href or "home"] = watched["tablesMoved"]
        wrappers = page.evaluate("""() => [...document.querySelectorAll('.md-typeset table')].filter(t =>
            !t.classList.contains('fvx-table') || !t.parentElement.matches('.md-typeset__table')
            || !t.parentElement.parentElement.matches('.md-typeset__scrollwrap')
            || t.closest('.md-typeset__scrollwrap').parentElement.closest('.md-typeset__scrollwrap')).length""")
        assert wrappers == 0, f"/{target.href}: a table not shipped in exactly one scroll wrapper with class fvx-table"
    assert tables_seen > 100, f"expected the site's tables, saw {tables_seen}"
    assert not moved, f"tables moved while the page loaded (laid out twice): {moved}"
    assert not page.errors


def test_loading_a_page_in_its_current_colours_does_not_restyle_it_for_a_switch(served_site, browser, page):
    page.add_init_script(WATCH)
    watched = load(page, served_site.url("comparison/"))
    assert scheme(page) == "default"
    assert watched["marks"] == 0, "the palette mark was set at load although no colour changed"
    # A stored choice (dark, set with the toggle) is applied by Material's inline script before the
    # first paint, so the next page loads in its colours and needs no mark either. The `page`
    # fixture forgets stored choices at every load, so this uses a tab that keeps them.
    tab = browser.new_page()
    try:
        tab.add_init_script(WATCH)
        load(tab, served_site.url("comparison/"))
        toggle_palette(tab)
        tab.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
        watched = load(tab, served_site.url("faq/"))
        assert scheme(tab) == "slate", "the stored dark scheme was not applied to the next page"
        assert watched["marks"] == 0, "the palette mark was set at load although no colour changed"
        assert not tab.errors
    finally:
        tab.evaluate("localStorage.clear()")
        tab.close()
    assert not page.errors


def test_a_colour_switch_is_still_made_without_transitions(served_site, page):
    page.add_init_script(WATCH)
    load(page, served_site.url(""))
    toggle_palette(page)  # the reader's switch
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.wait_for_function(SETTLED)
    marks = page.evaluate("window.__fvx.marks")
    assert marks == 1, f"expected one no-transition mark, for the reader's switch only; saw {marks}"
    # A first visit with a dark preference: the template writes the light scheme, Material switches
    # to dark when it starts, and that switch is marked.
    page.evaluate("localStorage.clear()")
    page.emulate_media(color_scheme="dark")
    watched = load(page, served_site.url("about/"))
    assert scheme(page) == "slate"
    assert watched["marks"] == 1, "a load that changed the colours switched without the no-transition mark"
    assert not page.errors
