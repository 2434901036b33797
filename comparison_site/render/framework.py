"""A framework's page: its identity facts, then its pros and cons, each explained and sourced."""

from __future__ import annotations

from ..inline import plain_text
from ..model import Comparison, Point
from ..safe_urls import markdown_link
from .markdown import SiteLinks, entry_meta, heading, inline, sources_line, table

FACT_FIELDS = [
    ("Language", "language"), ("Runtime", "runtime"), ("Kind", "kind"), ("Creator", "creator"),
    ("First release", "first_release"), ("Licence", "licence"), ("Maintainer", "maintainer"),
    ("Verified against", "verified_version"),
]


def render_framework_page(comparison: Comparison, framework_id: str, links: SiteLinks) -> str:
    framework = comparison.framework(framework_id)
    rows = [[label, plain_text(getattr(framework, attribute))] for label, attribute in FACT_FIELDS]
    rows.append(["Homepage", markdown_link(plain_text(framework.homepage), framework.homepage)])
    rows.append(["Repository", markdown_link(plain_text(framework.repository), framework.repository)])
    parts = [
        f"# {plain_text(framework.name)}",
        inline(framework.summary),
        table(["Fact", "Value"], rows),
        sources_line(framework.sources),
        entry_meta(links, framework.line, framework.last_verified or comparison.last_verified,
                   f"framework '{framework.id}'"),
    ]
    for kind, title in (("pro", "Pros"), ("con", "Cons")):
        points = comparison.points_of(framework.id, kind)
        parts.append(heading(2, title, f"{kind}s"))
        parts += [render_point(comparison, p, links) for p in points]
    return "\n\n".join(parts)


def render_point(comparison: Comparison, point: Point, links: SiteLinks) -> str:
    return "\n\n".join([
        heading(3, point.point, point.id),
        inline(point.explanation),
        sources_line(point.sources),
        entry_meta(links, point.line, point.last_verified or comparison.last_verified,
                   f"{point.framework} {point.kind} '{point.id}'", point.basis),
    ])
