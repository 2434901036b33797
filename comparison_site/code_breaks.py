"""Line-break opportunities inside inline code, so narrow screens wrap `request.args.get` at its
dots rather than between any two letters (the stylesheet no longer breaks code mid-word).

Applied to each page's HTML after Markdown: a <wbr> (no character, nothing to copy) goes after
each `.`, `/` and `_` that is followed by more code, in inline <code> only; code blocks (<pre>)
keep their lines as they are.
"""

from __future__ import annotations

import re

_PRE = re.compile(r"(<pre\b.*?</pre>)", re.S | re.I)
_INLINE_CODE = re.compile(r"(<code\b[^>]*>)(.*?)(</code>)", re.S | re.I)
_TAG = re.compile(r"(<[^>]*>)")
_BREAK_AFTER = re.compile(r"([./_])(?=[\w(])")


def _mark_text(code_html: str) -> str:
    # Only text between tags changes; the characters marked never occur inside an entity.
    return "".join(part if part.startswith("<") else _BREAK_AFTER.sub(r"\1<wbr>", part)
                   for part in _TAG.split(code_html))


def add_code_break_opportunities(page_html: str) -> str:
    parts = _PRE.split(page_html)
    for i in range(0, len(parts), 2):  # even parts are outside <pre>
        parts[i] = _INLINE_CODE.sub(lambda m: m.group(1) + _mark_text(m.group(2)) + m.group(3), parts[i])
    return "".join(parts)
