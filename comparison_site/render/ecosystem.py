"""The ecosystem page (ecosystem.md): the packages each side uses for common needs, with the
newest release read from PyPI and npm, and the unmaintained flag defined in data/guides.yaml."""

from __future__ import annotations

from ..guides.model import Guides, Package
from ..inline import plain_text
from .guide_common import framework_heading, meta
from .markdown import SiteLinks, heading, inline, sources_line, table

STATUS_LABELS = {
    "maintained": "Maintained",
    "unmaintained": "**Unmaintained**",
    "not-assessed": "Not assessed",
    "deprecated": "**Deprecated**",
}


def render_maintenance_rule(guides: Guides) -> str:
    """The rule, stated from the data, and what the registries could and could not tell."""
    days = guides.unmaintained_after_days
    read_dates = sorted({p.release.read_on for need in guides.ecosystem for packages in need.packages.values()
                         for p in packages if p.release})
    mirrored = sorted({p.name for need in guides.ecosystem for packages in need.packages.values()
                       for p in packages if p.release and not p.release.original_dates})
    years = round(days / 365)
    about = f" (about {years} year{'s' if years != 1 else ''})" if years else ""
    text = (f"**Unmaintained** means: no release in the {days} days{about} before the "
            "date the registry was read, or the latest version marked deprecated on npm. **Deprecated** means the "
            "package's maintainers say so (source cited). "
            f"Registries read on {', '.join(read_dates) or 'no date yet'}.")
    if mirrored:
        text += (f" For {len(mirrored)} npm package{'s' if len(mirrored) != 1 else ''} the registry reachable "
                 "when the data was read served "
                 "copy dates instead of original publish dates (its `time` data lacked `created` and "
                 "`modified`): their release dates are not shown and their maintenance is **not assessed**.")
    return text


def _status(guides: Guides, package: Package) -> str:
    if package.deprecated:
        since = f" (since {plain_text(package.deprecated_since)})" if package.deprecated_since else ""
        return STATUS_LABELS["deprecated"] + since
    return STATUS_LABELS[guides.maintenance(package.release)]


def _release_cells(guides: Guides, package: Package) -> list[str]:
    release = package.release
    if release is None:
        return ["—", "—", _status(guides, package)]
    last = plain_text(release.last_release) if release.original_dates else "not available"
    return [f"`{release.latest_version}`", last, _status(guides, package)]


def render_ecosystem(guides: Guides, links: SiteLinks) -> str:
    frameworks = guides.frameworks_in([need.packages for need in guides.ecosystem])
    parts = []
    for need in guides.ecosystem:
        parts.append(heading(2, need.need, need.id))
        rows = []
        for framework_id in frameworks:
            for package in need.packages.get(framework_id, ()):
                rows.append([framework_heading(guides, framework_id), f"`{package.name}`", inline(package.role),
                             *_release_cells(guides, package)])
        parts.append(table(["Framework", "Package", "What it does", "Latest", "Last release", "Status"], rows))
        if need.note:
            parts.append(inline(need.note))
        sources = tuple(s for framework_id in frameworks for p in need.packages.get(framework_id, ())
                        for s in p.sources + p.deprecation_sources)
        parts.append(sources_line(sources))
        parts.append(meta(guides, links, need, f"ecosystem '{need.id}'", need.basis))
    return "\n\n".join(parts)
