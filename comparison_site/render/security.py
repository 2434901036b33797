"""The security page (security.md): each project's security and support policy, and the advisories
that affected each framework and its core dependencies, with fixed versions and sources."""

from __future__ import annotations

from ..guides.model import Guides
from ..inline import plain_text
from .guide_common import framework_heading, meta
from .markdown import SiteLinks, heading, inline, link, sources_line, table


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


def advisory_anchor(advisory_id: str) -> str:
    """GHSA ids are schema-checked to GHSA-xxxx-xxxx-xxxx; lower-cased they are valid anchors."""
    return advisory_id.lower()


def render_advisories(guides: Guides, links: SiteLinks) -> str:
    """Per framework (data order, newest first by convention): a table of versions, then each
    advisory with what it allowed, its sources and its own verification date."""
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
            ["Advisory", "CVE", "Package", "Affected", "Fixed in", "Published"],
            [[link(f"`{a.id}`", f"#{advisory_anchor(a.id)}"), f"`{a.cve}`" if a.cve else "—", f"`{a.package}`",
              plain_text(a.affected), plain_text(a.fixed), plain_text(a.published) if a.published else "—"]
             for a in advisories]))
        for advisory in advisories:
            parts += [heading(4, f"{advisory.id} ({advisory.package})", advisory_anchor(advisory.id)),
                      inline(advisory.summary),
                      sources_line(advisory.sources),
                      meta(guides, links, advisory, f"advisory '{advisory.id}'")]
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
