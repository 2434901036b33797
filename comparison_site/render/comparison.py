"""The comparison: an overview of every category as a scannable table, and one page per category
with each criterion in detail (one long page was 31 phone screens and one large DOM)."""

from __future__ import annotations

from ..inline import plain_text
from ..model import Category, Comparison, Criterion
from . import pages
from .markdown import SiteLinks, entry_meta, heading, inline, link, sources_line, table


def with_full_stop(text: str) -> str:
    """Table summaries are written without a full stop; add one when a sentence follows. A closing
    parenthesis ends a phrase, not a sentence: "(process, thread or greenlet)" still needs one."""
    return text if text.rstrip().endswith((".", "!", "?", ":")) else text.rstrip() + "."


def criteria_table(comparison: Comparison, criteria: list[Criterion], from_page: str) -> str:
    """One row per criterion, one column per framework, each criterion linking to its detail
    (on its category's page) as seen from `from_page`; a judgement says so after its name."""
    headers = ["Criterion", *(plain_text(f.name) for f in comparison.frameworks)]
    rows = [
        [link(plain_text(c.title), pages.relative(pages.criterion_target(c), from_page))
         + (" *(opinion)*" if c.basis == "opinion" else ""),
         *(inline(c.values[f.id].summary) for f in comparison.frameworks)]
        for c in criteria
    ]
    return table(headers, rows)


def criterion_detail(comparison: Comparison, criterion: Criterion, links: SiteLinks,
                     task_titles: dict[str, str] | None = None, measurements: dict[str, str] | None = None) -> str:
    """A criterion on its category's page; `measurements` must link from that page."""
    page = pages.category_page(criterion.category)
    parts = [heading(2, criterion.title, criterion.id)]
    if criterion.depends_on:
        parts.append(f"*Depends on:* {inline(criterion.depends_on)}")
    tasks = [t for t in criterion.cookbook if t in (task_titles or {})]
    if tasks:
        parts.append("*In the cookbook:* " + ", ".join(
            link(plain_text(task_titles[t]), pages.relative(pages.cookbook_task_page(t), page)) for t in tasks))
    for framework in comparison.frameworks:
        value = criterion.values[framework.id]
        text = f"**{plain_text(framework.name)}:** {inline(with_full_stop(value.summary))}"
        if value.details:
            text += f" {inline(value.details)}"
        parts.append(text + "<br>\n" + sources_line(value.sources))
    shown = [(measurements or {})[s] for s in criterion.measured if s in (measurements or {})]
    parts += shown
    last_verified = criterion.last_verified or comparison.last_verified
    parts.append(entry_meta(links, criterion.line, last_verified, f"criterion '{criterion.id}'", criterion.basis,
                            measured=bool(shown)))
    return "\n\n".join(parts)


def categories_with_criteria(comparison: Comparison) -> list[Category]:
    """Categories in data order; one with no criteria gets no page."""
    return [c for c in comparison.categories if comparison.criteria_in(c.id)]


def render_overview(comparison: Comparison) -> str:
    """Every category's table, each under a heading that links to the category's page."""
    sections = []
    for category in categories_with_criteria(comparison):
        target = pages.relative(pages.category_page(category.id), pages.COMPARISON)
        section = [heading(2, category.title, pages.category_anchor(category.id))]
        if category.description:
            section.append(inline(with_full_stop(category.description)))
        section.append(criteria_table(comparison, comparison.criteria_in(category.id), pages.COMPARISON))
        section.append(link(f"{plain_text(category.title)}: every criterion in detail, with sources", target))
        sections.append("\n\n".join(section))
    return "\n\n".join(sections)


def render_category(comparison: Comparison, category_id: str, links: SiteLinks,
                    task_titles: dict[str, str] | None = None, measurements: dict[str, str] | None = None) -> str:
    """One category's page: its title, description and table, then each criterion in detail.
    `task_titles` (cookbook task id -> title) turns each criterion's cookbook ids into links;
    `measurements` (benchmark scenario id -> a sentence citing its results, linking from this
    page) is shown under measured criteria."""
    category = next(c for c in comparison.categories if c.id == category_id)
    criteria = comparison.criteria_in(category_id)
    page = pages.category_page(category_id)
    parts = [f"# {plain_text(category.title)}"]
    if category.description:
        parts.append(inline(with_full_stop(category.description)))
    parts.append(criteria_table(comparison, criteria, page))
    parts += [criterion_detail(comparison, c, links, task_titles, measurements) for c in criteria]
    return "\n\n".join(parts)
