"""The security page (security.md): each project's security and support policy, and the advisories
that affected each framework and its core dependencies, with fixed versions and sources."""

from __future__ import annotations

from ..guides.model import Guides
from ..inline import plain_text
from ..safe_urls import markdown_link
from .guide_common import framework_heading, meta
from .markdown import SiteLinks, heading, inline, sources_line, table


def render_policies(guides: Guides, links: SiteLinks) -> str:
    parts = []
    for policy in guides.policies:
        parts += [
            heading(3, guides.framework_name(policy.framework), f"policy-{policy.framework}"),
            f"**Reporting:** {inline(policy.reporting)}",
            f"**Supported versions:** {inline(policy.support)}",
            sources_line(policy.sources),
            meta(guides, links, policy, f"security policy of '{policy.framework}'"),
        ]
    return "\n\n".join(parts)


def render_advisories(guides: Guides, links: SiteLinks) -> str:
    """One table per framework, in data order (newest first by convention), then each advisory's sources."""
    frameworks = guides.frameworks_in([{a.framework: a} for a in guides.advisories])
    parts = []
    if guides.advisories_since:
        parts.append(f"Advisories published since {plain_text(guides.advisories_since)} that the cited sources "
                     "confirm; older ones are out of scope.")
    for framework_id in frameworks:
        advisories = [a for a in guides.advisories if a.framework == framework_id]
        parts.append(heading(3, f"{guides.framework_name(framework_id)} and its dependencies",
                             f"advisories-{framework_id}"))
        parts.append(f"{len(advisories)} advisories.")
        parts.append(table(
            ["Advisory", "Package", "Affected", "Fixed in", "What it allowed", "Published", "Sources"],
            [[f"`{a.id}`" + (f"<br>`{a.cve}`" if a.cve else ""), f"`{a.package}`", plain_text(a.affected),
              plain_text(a.fixed), inline(a.summary), plain_text(a.published) if a.published else "—",
              "; ".join(markdown_link(plain_text(s.title), s.url) for s in a.sources)]
             for a in advisories]))
    return "\n\n".join(parts)


def render_advisory_counts(guides: Guides) -> str:
    """Advisories per framework and package, as a small table (no ranking implied)."""
    counts: dict[tuple[str, str], int] = {}
    for advisory in guides.advisories:
        counts[(advisory.framework, advisory.package)] = counts.get((advisory.framework, advisory.package), 0) + 1
    order = list(guides.framework_names)
    rows = [[framework_heading(guides, f), f"`{p}`", str(n)]
            for (f, p), n in sorted(counts.items(), key=lambda item: (order.index(item[0][0]), -item[1], item[0][1]))]
    return table(["Framework", "Package", "Advisories listed"], rows)
