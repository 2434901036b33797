"""The HTML passes applied to every page after Markdown: meta description, table cell labels for
phones, line-break points in inline code, and the search boosts."""

from __future__ import annotations

from types import SimpleNamespace

from comparison_site.code_breaks import add_code_break_opportunities
from comparison_site.page_description import MAX_CHARS, description_from_html, set_description
from comparison_site.search_ranking import apply_ranking, boost_for
from comparison_site.tables import prepare_tables


def _table(headers: list[str], cells: list[str]) -> str:
    """A table as Python-Markdown writes it."""
    head = "\n".join(headers)
    body = "\n".join(cells)
    return f"<table>\n<thead>\n<tr>\n{head}\n</tr>\n</thead>\n<tbody>\n<tr>\n{body}\n</tr>\n</tbody>\n</table>"


WIDE_TABLE = _table(["<th>Field <code>id</code></th>", '<th style="text-align: left;">Says &quot;why&quot;</th>',
                     "<th>C</th>", "<th>D</th>"],
                    ["<td>a</td>", '<td style="text-align: left;">b</td>', "<td>c</td>", "<td>d</td>"])
NARROW_TABLE = _table(["<th>Field</th>", "<th>Meaning</th>", "<th>Example</th>"],
                      ["<td>a</td>", "<td>b</td>", "<td>c</td>"])


def test_description_is_the_first_paragraph_long_enough_to_describe_the_page():
    page_html = ("<h1>T</h1><p>Source: x</p><p>A Python web framework built on <a href='#'>WSGI</a>, "
                 "with Werkzeug &amp; Jinja.</p><p>Later text.</p>")
    assert description_from_html(page_html) == "A Python web framework built on WSGI, with Werkzeug & Jinja."


def test_long_description_ends_at_a_sentence_or_a_word():
    sentences = "This page compares two frameworks in detail. " * 10
    text = description_from_html(f"<p>{sentences}</p>")
    assert len(text) <= MAX_CHARS and text.endswith("detail.")
    words = "word " * 100
    assert description_from_html(f"<p>{words}</p>").endswith("word…")


def test_description_from_data_is_stored_escaped_and_front_matter_wins():
    page = SimpleNamespace(meta={})
    set_description(page, '<p>A framework named &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; "quoted" here</p>')
    assert page.meta["description"] == ("A framework named &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; "
                                         "&quot;quoted&quot; here")
    written = SimpleNamespace(meta={"description": "Set by hand."})
    set_description(written, "<p>" + "x " * 40 + "</p>")
    assert written.meta["description"] == "Set by hand."


def test_a_wide_table_becomes_cards_with_every_body_cell_under_its_column_name():
    prepared = prepare_tables(WIDE_TABLE)
    assert '<table class="fvx-table fvx-cards">' in prepared
    assert '<td data-label="Field id">a</td>' in prepared
    assert '<td data-label="Says &quot;why&quot;" style="text-align: left;">b</td>' in prepared
    assert "<th>Field <code>id</code></th>" in prepared  # the header itself is unchanged


def test_a_narrow_table_keeps_its_shape_and_its_cells_unlabelled():
    prepared = prepare_tables(NARROW_TABLE)
    assert '<table class="fvx-table">' in prepared and "data-label" not in prepared


def test_every_table_is_shipped_in_materials_scroll_wrapper_with_a_class_materials_script_skips():
    page_html = f"<p>x</p>{WIDE_TABLE}<p>y</p>{NARROW_TABLE}"
    prepared = prepare_tables(page_html)
    assert prepared.count('<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table class=') == 2
    assert prepared.count("</table></div></div>") == 2
    assert "<table>" not in prepared  # Material's script wraps (and re-lays out) every table:not([class])
    assert prepared.startswith("<p>x</p>") and "</div></div><p>y</p>" in prepared


def test_inline_code_breaks_after_dots_slashes_and_underscores_but_code_blocks_do_not():
    page_html = "<p><code>request.args.get</code> <code>a_b</code></p><pre><code>x.y.z</code></pre>"
    marked = add_code_break_opportunities(page_html)
    assert "<code>request.<wbr>args.<wbr>get</code>" in marked and "<code>a_<wbr>b</code>" in marked
    assert "<pre><code>x.y.z</code></pre>" in marked


def test_search_boosts_and_keywords_come_from_the_ranking_file():
    assert boost_for("sources.md") < 1 < boost_for("comparison/architecture.md")
    assert boost_for("faq.md") is None
    page = SimpleNamespace(meta={}, file=SimpleNamespace(src_uri="benchmarks.md"))
    apply_ranking(page)
    assert page.meta["search"]["boost"] > 1 and "performance" in page.meta["tags"]
    chosen = SimpleNamespace(meta={"search": {"boost": 5}}, file=SimpleNamespace(src_uri="sources.md"))
    apply_ranking(chosen)
    assert chosen.meta["search"]["boost"] == 5
