"""The comparison page: every category as a scannable table, then each criterion in detail."""

from __future__ import annotations

from ..inline import plain_text
from ..model import Comparison, Criterion
from . import pages
from .markdown import SiteLinks, entry_meta, heading, inline, link, sources_line, table


def with_full_stop(text: str) -> str:
    """Table summaries are written without a full stop; add one when a sentence follows."""
    return text if text.rstrip().endswith((".", "!", "?", ":", ")")) else text.rstrip() + "."


def criteria_table(comparison: Comparison, criteria: list[Criterion], link_prefix: str = "") -> str:
    """One row per criterion, one column per framework, each criterion linking to its detail."""
    headers = ["Criterion", *(plain_text(f.name) for f in comparison.frameworks)]
    rows = [
        [link(plain_text(c.title), f"{link_prefix}#{c.id}"),
         *(inline(c.values[f.id].summary) for f in comparison.frameworks)]
        for c in criteria
    ]
    return table(headers, rows)


def criterion_detail(comparison: Comparison, criterion: Criterion, links: SiteLinks,
                     task_titles: dict[str, str] | None = None, measurements: dict[str, str] | None = None) -> str:
    parts = [heading(3, criterion.title, criterion.id)]
    if criterion.depends_on:
        parts.append(f"*Depends on:* {inline(criterion.depends_on)}")
    tasks = [t for t in criterion.cookbook if t in (task_titles or {})]
    if tasks:
        parts.append("*In the cookbook:* " + ", ".join(
            link(plain_text(task_titles[t]), pages.cookbook_task_page(t)) for t in tasks))
    for framework in comparison.frameworks:
        value = criterion.values[framework.id]
        text = f"**{plain_text(framework.name)}:** {inline(with_full_stop(value.summary))}"
        if value.details:
            text += f" {inline(value.details)}"
        parts.append(text + "<br>\n" + sources_line(value.sources))
    parts += [(measurements or {})[s] for s in criterion.measured if s in (measurements or {})]
    last_verified = criterion.last_verified or comparison.last_verified
    parts.append(entry_meta(links, criterion.line, last_verified, f"criterion '{criterion.id}'", criterion.basis))
    return "\n\n".join(parts)


def render_comparison(comparison: Comparison, links: SiteLinks, task_titles: dict[str, str] | None = None,
                      measurements: dict[str, str] | None = None) -> str:
    """All categories in data order; a category with no criteria is left out. `task_titles`
    (cookbook task id -> title) turns each criterion's cookbook ids into links; `measurements`
    (benchmark scenario id -> a sentence citing its results) is shown under measured criteria."""
    sections = []
    for category in comparison.categories:
        criteria = comparison.criteria_in(category.id)
        if not criteria:
            continue
        section = [heading(2, category.title, pages.category_anchor(category.id))]
        if category.description:
            section.append(inline(category.description))
        section.append(criteria_table(comparison, criteria))
        section += [criterion_detail(comparison, c, links, task_titles, measurements) for c in criteria]
        sections.append("\n\n".join(section))
    return "\n\n".join(sections)
