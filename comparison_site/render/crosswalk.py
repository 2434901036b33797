"""The porting guide (porting-guide.md): each concept's equivalent construct in every framework,
the cookbook task that shows it in code, and the traps of porting in each direction."""

from __future__ import annotations

from ..guides.model import CrosswalkRow, Guides
from ..inline import plain_text
from . import pages
from .guide_common import NOT_COVERED, framework_heading, meta
from .markdown import SiteLinks, heading, inline, link, sources_line, table


def _construct(row: CrosswalkRow, framework_id: str) -> str:
    construct = row.frameworks.get(framework_id)
    if construct is None:
        return NOT_COVERED
    # The note sits in parentheses, so its own closing full stop is dropped: "(... named)." not "(... named.)".
    note = construct.note.rstrip().removesuffix(".") if construct.note else None
    return inline(construct.construct) + (f" ({inline(note)})" if note else "")


def _topics(guides: Guides) -> list[tuple[str, list[CrosswalkRow]]]:
    """Rows grouped by topic, topics in order of first appearance."""
    grouped: dict[str, list[CrosswalkRow]] = {}
    for row in guides.crosswalk:
        grouped.setdefault(row.topic, []).append(row)
    return list(grouped.items())


def _cookbook_links(row: CrosswalkRow, task_titles: dict[str, str]) -> str:
    return ", ".join(link(plain_text(task_titles.get(t, t)), pages.cookbook_task_page(t)) for t in row.cookbook)


def render_crosswalk_overview(guides: Guides, task_titles: dict[str, str]) -> str:
    """One table per topic: concept (linking to its details), each framework's construct, cookbook task."""
    frameworks = guides.frameworks_in([row.frameworks for row in guides.crosswalk])
    parts = []
    for topic, rows in _topics(guides):
        parts.append(f"### {plain_text(topic)}")
        headers = ["Concept", *[framework_heading(guides, f) for f in frameworks], "In the cookbook"]
        parts.append(table(headers, [
            [link(plain_text(row.concept), f"#{row.id}"), *[_construct(row, f) for f in frameworks],
             _cookbook_links(row, task_titles) or NOT_COVERED]
            for row in rows]))
    return "\n\n".join(parts)


def _direction(guides: Guides, source: str, target: str) -> str:
    return f"{plain_text(guides.framework_name(source))} → {plain_text(guides.framework_name(target))}"


def render_crosswalk_details(guides: Guides, links: SiteLinks, task_titles: dict[str, str]) -> str:
    """Each concept with its constructs, cookbook links, traps per direction, sources and metadata."""
    frameworks = guides.frameworks_in([row.frameworks for row in guides.crosswalk])
    parts = []
    for row in guides.crosswalk:
        parts.append(heading(3, row.concept, row.id))
        parts.append(table(["Framework", "Equivalent"],
                           [[framework_heading(guides, f), _construct(row, f)] for f in frameworks]))
        if row.cookbook:
            parts.append(f"**Shown in the cookbook:** {_cookbook_links(row, task_titles)}")
        if row.traps:
            parts.append("\n".join(f"- **Porting {_direction(guides, t.source_framework, t.target_framework)}:** "
                                   f"{inline(t.text)}" for t in row.traps))
        parts.append(sources_line(row.sources))
        parts.append(meta(guides, links, row, f"porting guide '{row.id}'", row.basis))
    return "\n\n".join(parts)


def render_traps_by_direction(guides: Guides) -> str:
    """Every trap, grouped by porting direction, each linking to its concept."""
    directions: dict[tuple[str, str], list[str]] = {}
    for row in guides.crosswalk:
        for trap in row.traps:
            directions.setdefault((trap.source_framework, trap.target_framework), []).append(
                f"- {link(plain_text(row.concept), f'#{row.id}')}: {inline(trap.text)}")
    order = list(guides.framework_names)
    parts = []
    for (source, target), items in sorted(directions.items(), key=lambda d: (order.index(d[0][0]), order.index(d[0][1]))):
        parts.append(heading(3, f"Porting from {guides.framework_name(source)} to {guides.framework_name(target)}",
                             f"traps-{source}-to-{target}"))
        parts.append("\n".join(items))
    return "\n\n".join(parts)
