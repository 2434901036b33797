"""Each page's meta description: the page's own opening paragraph, so it comes from the data
wherever the page does (a category's description, a framework's summary, a task's summary).

Search engines and link previews show it; one description shared by every page says nothing
about any of them. A `description:` in a page's front matter wins.
"""

from __future__ import annotations

import html
import re

MAX_CHARS = 200
MIN_CHARS = 40  # shorter paragraphs ("Source: ...", a lone link) do not describe a page

_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
_TAG = re.compile(r"<[^>]+>")


def _plain(paragraph_html: str) -> str:
    return " ".join(html.unescape(_TAG.sub("", paragraph_html)).split())


def _shorten(text: str) -> str:
    if len(text) <= MAX_CHARS:
        return text
    cut = text[:MAX_CHARS]
    sentence_end = cut.rfind(". ")
    if sentence_end >= MIN_CHARS:
        return cut[:sentence_end + 1]
    return cut.rsplit(" ", 1)[0].rstrip(",;:") + "…"


def description_from_html(page_html: str) -> str | None:
    """Plain text of the first paragraph long enough to describe the page, at most MAX_CHARS."""
    for match in _PARAGRAPH.finditer(page_html):
        text = _plain(match.group(1))
        if len(text) >= MIN_CHARS:
            return _shorten(text)
    return None


def set_description(page, page_html: str) -> None:
    """Material writes page.meta.description into <meta name="description"> without escaping,
    and the text can come from contributors' data, so it is stored escaped."""
    if page.meta.get("description"):
        return
    text = description_from_html(page_html)
    if text:
        page.meta["description"] = html.escape(text, quote=True)
