"""Tables as the site ships them: marked, labelled and wrapped at build time, so the browser lays
each one out once.

Material's script finds every `table:not([class])` when a page loads and moves it into a scroll
wrapper (`div.md-typeset__scrollwrap > div.md-typeset__table`). Moving a table that is already on
screen makes the browser style and lay it out a second time; on a phone that was the largest
single cost of table-heavy pages (issue 13). The build writes the wrapper itself and gives each
table the class `fvx-table`, which Material's script skips; docs/stylesheets/site.css styles
`fvx-table` as Material styles its tables.

Tables of four or more columns do not fit a phone: they also get the class `fvx-cards`, and the
stylesheet shows each row as a small card there, every cell under its column's name. Each body
cell carries that name in a `data-label` attribute (the stylesheet prints it with `attr()`).

Applied to each page's HTML after Markdown. The tables are Python-Markdown's, always
<table><thead><tr><th>...</th></tr></thead><tbody><tr><td>...</td></tr>...</tbody></table>.
"""

from __future__ import annotations

import html
import re

TABLE_CLASS = "fvx-table"
CARDS_CLASS = "fvx-cards"
CARDS_FROM_COLUMNS = 4

_TABLE = re.compile(r"<table>(.*?)</table>", re.S)
_HEAD = re.compile(r"<thead>(.*?)</thead>", re.S)
_HEADER_CELL = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
_CELL_OPEN = re.compile(r"<td\b")
_TAG = re.compile(r"<[^>]+>")


def _label(header_cell_html: str) -> str:
    text = " ".join(html.unescape(_TAG.sub("", header_cell_html)).split())
    return html.escape(text, quote=True)


def _label_rows(table_html: str, labels: list[str]) -> str:
    def label_row(row: re.Match) -> str:
        cells = iter(labels)
        return "<tr>" + _CELL_OPEN.sub(lambda _: f'<td data-label="{next(cells, "")}"', row.group(1)) + "</tr>"

    body_start = _HEAD.search(table_html).end()
    return table_html[:body_start] + _ROW.sub(label_row, table_html[body_start:])


def _prepare(table: re.Match) -> str:
    inner = table.group(1)
    head = _HEAD.search(inner)
    labels = [_label(cell) for cell in _HEADER_CELL.findall(head.group(1))] if head else []
    classes = [TABLE_CLASS]
    if len(labels) >= CARDS_FROM_COLUMNS:
        classes.append(CARDS_CLASS)
        inner = _label_rows(inner, labels)
    return (f'<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
            f'<table class="{" ".join(classes)}">{inner}</table></div></div>')


def prepare_tables(page_html: str) -> str:
    return _TABLE.sub(_prepare, page_html)
