"""Small builders for the Markdown the renderers emit: headings, tables, source lists, badges.

Structure (headings, tables, anchors) comes from here; all data text passes through
`safe_inline` or `plain_text` first, so the builders never see raw contributor text.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from urllib.parse import quote

from ..inline import plain_text, safe_inline
from ..model import Source
from ..safe_urls import markdown_link

BASIS_LABELS = {"documented": "Documented", "measured": "Measured", "opinion": "Opinion"}


@dataclass(frozen=True)
class SiteLinks:
    """Where the data lives in the repository, for "edit this" and "report a problem" links."""

    repo_url: str = ""
    branch: str = "main"
    data_path: str = "data/comparison.yaml"

    def source_line(self, line: int) -> str:
        return f"{self.repo_url}/blob/{self.branch}/{self.data_path}#L{line}" if self.repo_url else ""

    def edit(self) -> str:
        return f"{self.repo_url}/edit/{self.branch}/{self.data_path}" if self.repo_url else ""

    def report(self, what: str, line: int) -> str:
        if not self.repo_url:
            return ""
        title = quote(f"Wrong fact: {what}")
        body = quote(f"Entry: {self.data_path} line {line}\n\nWhat is wrong, and the source that shows it:\n")
        return f"{self.repo_url}/issues/new?labels=fact&title={title}&body={body}"


def heading(level: int, text: str, anchor: str) -> str:
    """A heading with a fixed anchor (ids are schema-checked to [a-z0-9-], safe as they are)."""
    return f"{'#' * level} {plain_text(text)} {{#{anchor}}}"


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; cells must already be safe Markdown (escaped data or built links)."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def link(label_markdown: str, target: str) -> str:
    return f"[{label_markdown}]({target})"


def sources_line(sources: tuple[Source, ...]) -> str:
    """'Sources: [title](url), ...' on one line."""
    items = [markdown_link(plain_text(s.title), s.url) for s in sources]
    label = "Source" if len(items) == 1 else "Sources"
    return f'<span class="fvx-sources">{label}:</span> ' + ", ".join(items)


def basis_badge(basis: str) -> str:
    return f'<span class="fvx-basis fvx-basis-{basis}">{BASIS_LABELS[basis]}</span>'


def verdict_badge(verdict: str) -> str:
    return f'<span class="fvx-verdict fvx-verdict-{verdict}">{verdict.replace("-", " ").capitalize()}</span>'


def entry_meta(links: SiteLinks, line: int, last_verified: str, what: str, basis: str | None = None,
               measured: bool = False) -> str:
    """The line under an entry: its basis (plus "Measured" when it cites benchmark results shown
    with it), when it was last verified, and edit/report links."""
    parts = [basis_badge(basis)] if basis else []
    if measured and basis != "measured":
        parts.append(basis_badge("measured"))
    parts.append(f'<span class="fvx-verified">Last verified {html.escape(last_verified)}</span>')
    if links.repo_url:
        parts.append(f'<a class="fvx-edit" href="{html.escape(links.source_line(line))}" '
                     f'title="See this entry in the data file">Edit this</a>')
        parts.append(f'<a class="fvx-report" href="{html.escape(links.report(what, line))}">Report a problem</a>')
    return '<p class="fvx-meta">' + " · ".join(parts) + "</p>"


def inline(text: str | None) -> str:
    return safe_inline(text) if text else ""
