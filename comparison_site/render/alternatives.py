"""The alternatives page (alternatives.md): other frameworks and when each fits better; the
judgement is labelled as opinion unless the data marks it documented."""

from __future__ import annotations

from ..guides.model import Guides
from ..inline import plain_text
from . import pages
from .guide_common import meta
from .markdown import SiteLinks, heading, inline, link, sources_line, table


def render_alternatives(guides: Guides, links: SiteLinks) -> str:
    summary = table(["Framework", "Language", "Alternative to"], [
        [link(plain_text(a.name), f"#{a.id}"), plain_text(a.language),
         ", ".join(link(plain_text(guides.framework_name(f)), pages.framework_page(f)) for f in a.instead_of)]
        for a in guides.alternatives])
    parts = [summary]
    for alternative in guides.alternatives:
        parts.append(heading(2, alternative.name, alternative.id))
        if alternative.what_it_is:
            parts.append(f"**What it is:** {inline(alternative.what_it_is)}")
        label = "Fits better when" + (" (opinion)" if alternative.basis == "opinion" else "")
        parts.append(f"**{label}:** {inline(alternative.fits_when)}")
        parts.append(sources_line(alternative.sources))
        parts.append(meta(guides, links, alternative, f"alternative '{alternative.id}'", alternative.basis))
    return "\n\n".join(parts)
