"""Pieces shared by the guide pages (porting guide, ecosystem, deployment, security, alternatives,
community): where they live, their "edit this" links into data/guides.yaml, and framework columns."""

from __future__ import annotations

from dataclasses import replace

from ..guides.model import Guides
from ..inline import plain_text
from .markdown import SiteLinks, entry_meta

GUIDES_DATA = "data/guides.yaml"
PORTING = "porting-guide.md"
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
