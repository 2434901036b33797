"""Pieces shared by the guide pages (porting guide, ecosystem, deployment, security, alternatives,
community): where they live, their "edit this" links into data/guides.yaml, and framework columns."""

from __future__ import annotations

from dataclasses import replace

from ..guides.model import Guides
from ..inline import plain_text
from . import pages
from .markdown import SiteLinks, entry_meta

GUIDES_DATA = "data/guides.yaml"
PORTING = pages.PORTING_GUIDE
ECOSYSTEM = "ecosystem.md"
DEPLOYMENT = "deployment.md"
SECURITY = "security.md"
ALTERNATIVES = "alternatives.md"
COMMUNITY = "community.md"
GUIDE_PAGES = (PORTING, ECOSYSTEM, DEPLOYMENT, SECURITY, ALTERNATIVES, COMMUNITY)
NOT_COVERED = "—"


def guide_links(links: SiteLinks) -> SiteLinks:
    """The site's links, pointing at data/guides.yaml instead of data/comparison.yaml."""
    return replace(links, data_path=GUIDES_DATA)


def meta(guides: Guides, links: SiteLinks, entry, what: str, basis: str | None = None) -> str:
    return entry_meta(guide_links(links), entry.line, entry.last_verified or guides.last_verified, what, basis)


def framework_heading(guides: Guides, framework_id: str) -> str:
    return plain_text(guides.framework_name(framework_id))


def guide_citations(guides: Guides) -> list:
    """Every source cited by the guide pages, with where it is cited, for the sources page."""
    from .security import advisory_anchor
    from .sources import Citation

    found = [Citation(s, f"Porting guide › {r.concept}", pages.crosswalk_row_target(guides, r.id))
             for r in guides.crosswalk for s in r.sources]
    found += [Citation(s, f"Ecosystem › {n.need}", f"{ECOSYSTEM}#{n.id}")
              for n in guides.ecosystem for packages in n.packages.values() for p in packages
              for s in p.sources + p.deprecation_sources]
    found += [Citation(s, f"Deployment › {o.title}", f"{DEPLOYMENT}#{o.id}")
              for o in guides.deployment for fact in o.frameworks.values() for s in fact.sources]
    found += [Citation(s, f"Security › policy of {guides.framework_name(p.framework)}",
                       f"{SECURITY}#policy-{p.framework}") for p in guides.policies for s in p.sources]
    found += [Citation(s, f"Security › {a.id}", f"{SECURITY}#{advisory_anchor(a.id)}")
              for a in guides.advisories for s in a.sources]
    found += [Citation(s, f"Alternatives › {a.name}", f"{ALTERNATIVES}#{a.id}") for a in guides.alternatives
              for s in a.sources]
    found += [Citation(s, f"Community › {i.indicator}", f"{COMMUNITY}#{i.id}") for i in guides.indicators
              for s in i.sources]
    return found
