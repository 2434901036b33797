"""The community page (community.md): dated, sourced indicators for each framework, and a plain
list of the indicators that could not be verified, with the reason."""

from __future__ import annotations

from ..guides.model import Guides
from ..inline import plain_text
from .guide_common import framework_heading, meta
from .markdown import SiteLinks, heading, inline, link, sources_line, table


def render_community(guides: Guides, links: SiteLinks) -> str:
    frameworks = guides.frameworks_in([{i.framework: i} for i in guides.indicators])
    parts = [heading(2, "Indicators with a source", "indicators")]
    if guides.indicators:
        parts.append(table(["Framework", "Indicator", "Value", "As of"], [
            [framework_heading(guides, i.framework), link(plain_text(i.indicator), f"#{i.id}"), inline(i.value),
             plain_text(i.as_of)]
            for f in frameworks for i in guides.indicators if i.framework == f]))
        for indicator in guides.indicators:
            parts += [heading(3, f"{guides.framework_name(indicator.framework)}: {indicator.indicator}", indicator.id),
                      f"{inline(indicator.value)} (as of {plain_text(indicator.as_of)})",
                      sources_line(indicator.sources),
                      meta(guides, links, indicator, f"community indicator '{indicator.id}'")]
    else:
        parts.append("No indicator could be sourced.")
    if guides.unverified:
        parts.append(heading(2, "What could not be verified", "not-verified"))
        for item in guides.unverified:
            parts += [heading(3, item.indicator, item.id), inline(item.reason),
                      meta(guides, links, item, f"unverified indicator '{item.id}'")]
    return "\n\n".join(parts)
