"""Tables of four or more columns do not fit a phone; the stylesheet shows each of their rows as a
small card there, every cell under its column's name. This gives each body cell that name in a
`data-label` attribute (the stylesheet prints it with `attr()`), taken from the table's header.

Applied to each page's HTML after Markdown. The tables are Python-Markdown's, always
<table><thead><tr><th>...</th></tr></thead><tbody><tr><td>...</td></tr>...</tbody></table>.
"""

from __future__ import annotations

import html
import re

_TABLE = re.compile(r"<table>(.*?)</table>", re.S)
_HEAD = re.compile(r"<thead>(.*?)</thead>", re.S)
_HEADER_CELL = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
_CELL_OPEN = re.compile(r"<td\b")
_TAG = re.compile(r"<[^>]+>")


def _label(header_cell_html: str) -> str:
    text = " ".join(html.unescape(_TAG.sub("", header_cell_html)).split())
    return html.escape(text, quote=True)


def _label_rows(table_html: str) -> str:
    head = _HEAD.search(table_html)
    if not head:
        return table_html
    labels = [_label(cell) for cell in _HEADER_CELL.findall(head.group(1))]

    def label_row(row: re.Match) -> str:
        cells = iter(labels)
        return "<tr>" + _CELL_OPEN.sub(lambda _: f'<td data-label="{next(cells, "")}"', row.group(1)) + "</tr>"

    body_start = head.end()
    return table_html[:body_start] + _ROW.sub(label_row, table_html[body_start:])


def label_table_cells(page_html: str) -> str:
    return _TABLE.sub(lambda m: "<table>" + _label_rows(m.group(1)) + "</table>", page_html)
