"""The porting guide: an overview (porting-guide.md) with each concept's equivalent construct in every
framework and the traps of porting in each direction, and one page per topic with each concept in
detail (its cookbook task, traps, sources)."""

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


def _cookbook_links(row: CrosswalkRow, task_titles: dict[str, str], from_page: str) -> str:
    return ", ".join(link(plain_text(task_titles.get(t, t)), pages.relative(pages.cookbook_task_page(t), from_page))
                     for t in row.cookbook)


def _row_link(guides: Guides, row: CrosswalkRow, from_page: str) -> str:
    return link(plain_text(row.concept), pages.relative(pages.crosswalk_row_target(guides, row.id), from_page))


def render_crosswalk_overview(guides: Guides, task_titles: dict[str, str]) -> str:
    """One table per topic: concept (linking to its details on the topic's page), each framework's
    construct, cookbook task."""
    frameworks = guides.frameworks_in([row.frameworks for row in guides.crosswalk])
    here = pages.PORTING_GUIDE
    parts = []
    for topic in guides.porting_topics:
        parts.append(f"### {plain_text(topic.title)}")
        headers = ["Concept", *[framework_heading(guides, f) for f in frameworks], "In the cookbook"]
        parts.append(table(headers, [
            [_row_link(guides, row, here), *[_construct(row, f) for f in frameworks],
             _cookbook_links(row, task_titles, here) or NOT_COVERED]
            for row in topic.rows]))
        parts.append(f"Sources, notes and porting traps: "
                     f"{link(plain_text(topic.title) + ' in detail', pages.relative(pages.porting_topic_page(topic.id), here))}.")
    return "\n\n".join(parts)


def render_topic_list(guides: Guides) -> str:
    """The topic pages, each with the number of concepts it details."""
    return "\n".join(
        f"- {link(plain_text(t.title), pages.relative(pages.porting_topic_page(t.id), pages.PORTING_GUIDE))}: "
        f"{len(t.rows)} concept{'s' if len(t.rows) != 1 else ''}"
        f" ({', '.join(plain_text(r.concept) for r in t.rows)})"
        for t in guides.porting_topics)


def _direction(guides: Guides, source: str, target: str) -> str:
    return f"{plain_text(guides.framework_name(source))} → {plain_text(guides.framework_name(target))}"


def render_porting_topic(guides: Guides, topic_id: str, links: SiteLinks, task_titles: dict[str, str]) -> str:
    """One topic's page: each concept with its constructs, cookbook links, traps per direction,
    sources and metadata. The long porting guide is split by topic so that a phone lays out one
    topic at a time (issue 13: the single page measured 3,700 elements and 0.6 s of blocking time)."""
    topic = next(t for t in guides.porting_topics if t.id == topic_id)
    here = pages.porting_topic_page(topic.id)
    frameworks = guides.frameworks_in([row.frameworks for row in guides.crosswalk])
    names = [framework_heading(guides, f) for f in frameworks]
    names = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)
    parts = [f"# Porting guide: {plain_text(topic.title)}",
             f"How each concept of this topic is written in {names}, the cookbook task whose tested code "
             f"shows it, and the traps of porting it in each direction. The "
             f"{link('porting guide overview', pages.relative(pages.PORTING_GUIDE, here))} has every topic "
             f"at a glance."]
    for row in topic.rows:
        parts.append(heading(2, row.concept, row.id))
        parts.append(table(["Framework", "Equivalent"],
                           [[framework_heading(guides, f), _construct(row, f)] for f in frameworks]))
        if row.cookbook:
            parts.append(f"**Shown in the cookbook:** {_cookbook_links(row, task_titles, here)}")
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
                f"- {_row_link(guides, row, pages.PORTING_GUIDE)}: {inline(trap.text)}")
    order = list(guides.framework_names)
    parts = []
    for (source, target), items in sorted(directions.items(), key=lambda d: (order.index(d[0][0]), order.index(d[0][1]))):
        parts.append(heading(3, f"Porting from {guides.framework_name(source)} to {guides.framework_name(target)}",
                             f"traps-{source}-to-{target}"))
        parts.append("\n".join(items))
    return "\n\n".join(parts)
