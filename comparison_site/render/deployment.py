"""The deployment page (deployment.md): production servers, containers, platforms, serverless,
reverse proxies and process managers, each with what every framework uses and its sources."""

from __future__ import annotations

from ..guides.model import Guides
from .guide_common import NOT_COVERED, framework_heading, meta
from .markdown import SiteLinks, heading, inline, sources_line, table

KIND_TITLES = {
    "production-server": "Production servers",
    "process-manager": "Process managers",
    "reverse-proxy": "Reverse proxies",
    "container": "Containers",
    "platform": "Platform hosting",
    "serverless-edge": "Serverless and edge",
}


def render_deployment(guides: Guides, links: SiteLinks) -> str:
    frameworks = guides.frameworks_in([option.frameworks for option in guides.deployment])
    parts = []
    for kind, title in KIND_TITLES.items():
        options = [o for o in guides.deployment if o.kind == kind]
        if not options:
            continue
        parts.append(heading(2, title, f"kind-{kind}"))
        for option in options:
            parts.append(heading(3, option.title, option.id))
            rows = []
            for framework_id in frameworks:
                fact = option.frameworks.get(framework_id)
                rows.append([framework_heading(guides, framework_id),
                             inline(fact.summary) if fact else f"{NOT_COVERED} (no source found)"])
            parts.append(table(["Framework", "How"], rows))
            parts.append(sources_line(tuple(s for f in frameworks if f in option.frameworks
                                            for s in option.frameworks[f].sources)))
            parts.append(meta(guides, links, option, f"deployment '{option.id}'", option.basis))
    return "\n\n".join(parts)
