"""Make contributor text safe to place inside generated Markdown.

Data text is inline Markdown at most: *emphasis*, **strong**, `code` and [links](https://...).
Everything else must reach the reader as literal text, never as markup:

- raw HTML (`<script>`, `<img onerror=...>`) -> `<` and `>` become entities, so it shows as text;
- attribute lists (`{: onclick=...}`, from the attr_list extension) and Jinja (`{{ }}`, `{% %}`)
  -> braces are backslash-escaped, which Markdown prints as plain braces;
- snippet includes (`--8<--`) -> the `<` is escaped, so pymdownx.snippets never sees the marker;
- links whose target is not http(s), a site page or an anchor (`javascript:`, `data:`) -> text only;
  http(s) targets must also pass the site's one URL rule (safe_urls.py) and are percent-encoded;
- control and bidirectional-override characters -> removed (validation refuses them already);
- images -> text only, because an image from elsewhere would be an external request;
- table pipes and line breaks -> escaped / folded, so a value cannot break the table it sits in.

Code spans are left alone: Markdown already prints their content literally.
"""

from __future__ import annotations

import html
import re

from .safe_urls import is_safe_url, link_destination, url_problem
from .yaml_policy import FORBIDDEN_CHARACTERS

# A code span: a run of backticks, then anything up to the same run of backticks.
_CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.DOTALL)
# Any link or image opening, "[label](" or "![label](", with the target up to a space or ")".
_LINK_START = re.compile(r"(!?)\[([^\[\]]*)\]\(([^\s)]*)")
# The only links kept live: [label](target) with an http(s) URL, a site page or an anchor.
_SAFE_TARGET_PATTERN = r"https?://[^\s()<>]+|#[A-Za-z0-9_-]+|[A-Za-z0-9_./-]+\.md(?:#[A-Za-z0-9_-]+)?"
_SAFE_LINK = re.compile(r"(?<!!)\[([^\[\]]*)\]\((" + _SAFE_TARGET_PATTERN + r")\)")
_SAFE_TARGET = re.compile(r"^(?:" + _SAFE_TARGET_PATTERN + r")$")
_PLACEHOLDER = "\x00{}\x00"


def is_safe_link_target(target: str) -> bool:
    """True for http(s) URLs that pass the URL rule, in-page anchors and relative links to .md pages."""
    if not _SAFE_TARGET.match(target):
        return False
    return is_safe_url(target) if target.lower().startswith("http") else True


def find_unsafe_links(text: str) -> list[str]:
    """Link or image targets in `text` that the site will refuse to render as links."""
    problems = []
    prose = _strip_code_spans(text)
    for match in _LINK_START.finditer(prose):
        bang, _label, target = match.groups()
        closed = prose[match.end() : match.end() + 1] == ")"
        if bang:
            problems.append(f"image '{target}'")
        elif not (is_safe_link_target(target) and closed):
            reason = url_problem(target) if closed and target.lower().startswith("http") else None
            problems.append(f"link target '{target}'" + (f" ({reason})" if reason else ""))
    return problems


def safe_inline(text: str) -> str:
    """Return `text` as inline Markdown in which only emphasis, code and safe links are live."""
    # Fold newlines (a value is always one line of Markdown) and drop NULs (our placeholders).
    text = _one_line(text)
    pieces = []
    position = 0
    for match in _CODE_SPAN.finditer(text):
        pieces.append(_escape_prose(text[position : match.start()]))
        pieces.append(match.group(0))
        position = match.end()
    pieces.append(_escape_prose(text[position:]))
    return "".join(pieces)


def plain_text(text: str) -> str:
    """Return `text` as Markdown that renders exactly as written (names, titles, questions)."""
    text = _one_line(text)
    # Backslash-escape Markdown punctuation first, then turn <, > and & into entities; quotes need
    # no escaping in text content. pymdownx.escapeall makes every backslash escape valid.
    text = re.sub(r"([\\`*_{}\[\]()#+!|~^=:-])", r"\\\1", text)
    return html.escape(text, quote=False)


def _one_line(text: object) -> str:
    """One line of text without control or bidirectional-override characters (NULs included:
    they are our placeholders)."""
    return " ".join(FORBIDDEN_CHARACTERS.sub("", str(text)).split())


def _strip_code_spans(text: str) -> str:
    return _CODE_SPAN.sub(" ", text)


def _escape_prose(text: str) -> str:
    # Keep safe links aside, escape everything that could start markup, then put them back.
    links: list[str] = []

    def keep(match: re.Match) -> str:
        label, target = match.groups()
        if not is_safe_link_target(target):
            return match.group(0)  # escaped below with the rest: shown as text, not a link
        links.append(f"[{_escape_text(label)}]({link_destination(target)})")
        return _PLACEHOLDER.format(len(links) - 1)

    text = _escape_text(_SAFE_LINK.sub(keep, text))
    return re.sub("\x00([0-9]+)\x00", lambda m: links[int(m.group(1))], text)


def _escape_text(text: str) -> str:
    """Escape HTML, and backslash-escape the characters that start links, images, attribute
    lists, template tags and table cells; emphasis (* and _) stays live."""
    text = re.sub(r"([\\{}|\[\]()!])", r"\\\1", text)
    return html.escape(text, quote=False)


def html_text(text: str) -> str:
    """Return `text` for places that take HTML but not Markdown, such as navigation titles.

    Braces become entities too: mkdocs-macros renders page titles containing `{{` as Jinja.
    """
    return html.escape(_one_line(text), quote=True).replace("{", "&#123;").replace("}", "&#125;")
