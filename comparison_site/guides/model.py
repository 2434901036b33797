"""Typed, read-only model of data/guides.yaml joined with data/releases.yaml.

Per-framework values are dicts keyed by framework id, never fixed fields, so a third framework
needs only data. Every entry keeps its line for "edit this" links.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field

from ..model import Source


@dataclass(frozen=True)
class Trap:
    source_framework: str
    target_framework: str
    text: str


@dataclass(frozen=True)
class Construct:
    construct: str
    note: str | None = None


@dataclass(frozen=True)
class CrosswalkRow:
    id: str
    topic: str
    concept: str
    frameworks: dict[str, Construct]
    sources: tuple[Source, ...]
    cookbook: tuple[str, ...] = ()
    traps: tuple[Trap, ...] = ()
    basis: str = "documented"
    last_verified: str | None = None
    line: int = 0


@dataclass(frozen=True)
class PortingTopic:
    """The crosswalk rows that share a `topic`; each topic has its own page of the porting guide."""

    id: str
    title: str
    rows: tuple[CrosswalkRow, ...]


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def porting_topics(rows: tuple[CrosswalkRow, ...]) -> tuple[PortingTopic, ...]:
    """Rows grouped by topic, topics in order of first appearance. A topic's id (its page name)
    comes from its text; it is never empty and never shared, so any topic text makes a valid,
    distinct page (a topic with no letters a-z or digits is numbered, a clash gets a suffix)."""
    grouped: dict[str, list[CrosswalkRow]] = {}
    for row in rows:
        grouped.setdefault(row.topic, []).append(row)
    # "index" is kept free: porting-guide/index.md would be the same page as porting-guide.md.
    topics, taken = [], {"index"}
    for number, (title, members) in enumerate(grouped.items(), start=1):
        base = _slug(title) or f"topic-{number}"
        topic_id, suffix = base, 2
        while topic_id in taken:
            topic_id, suffix = f"{base}-{suffix}", suffix + 1
        taken.add(topic_id)
        topics.append(PortingTopic(topic_id, title, tuple(members)))
    return tuple(topics)


@dataclass(frozen=True)
class Release:
    """The newest release of a package, as its registry reported it on `read_on`."""

    registry: str
    name: str
    latest_version: str
    last_release: str
    read_on: str
    source: str
    deprecated: bool = False
    # False when the registry answered with a mirror's copy times instead of publish times.
    original_dates: bool = True

    def days_without_release(self) -> int:
        return (datetime.date.fromisoformat(self.read_on) - datetime.date.fromisoformat(self.last_release)).days


@dataclass(frozen=True)
class Package:
    registry: str
    name: str
    role: str
    sources: tuple[Source, ...]
    release: Release | None = None
    # Set from data when the maintainers deprecated it (some registries and mirrors omit the flag).
    deprecation_sources: tuple[Source, ...] = ()
    deprecated_since: str | None = None

    @property
    def deprecated(self) -> bool:
        return bool(self.deprecation_sources)


@dataclass(frozen=True)
class EcosystemNeed:
    id: str
    need: str
    packages: dict[str, tuple[Package, ...]]
    note: str | None = None
    basis: str = "documented"
    last_verified: str | None = None
    line: int = 0


@dataclass(frozen=True)
class FrameworkFact:
    summary: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class DeploymentOption:
    id: str
    kind: str
    title: str
    frameworks: dict[str, FrameworkFact]
    basis: str = "documented"
    last_verified: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Advisory:
    id: str
    framework: str
    package: str
    summary: str
    affected: str
    fixed: str
    sources: tuple[Source, ...]
    published: str | None = None
    cve: str | None = None
    last_verified: str | None = None
    line: int = 0


@dataclass(frozen=True)
class SecurityPolicy:
    framework: str
    reporting: str
    support: str
    sources: tuple[Source, ...]
    last_verified: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Alternative:
    id: str
    name: str
    language: str
    instead_of: tuple[str, ...]
    fits_when: str
    sources: tuple[Source, ...]
    what_it_is: str | None = None
    basis: str = "documented"
    last_verified: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Indicator:
    id: str
    framework: str
    indicator: str
    value: str
    as_of: str
    sources: tuple[Source, ...]
    last_verified: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Unverified:
    id: str
    indicator: str
    reason: str
    last_verified: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Guides:
    """Everything the guide pages show. `framework_names` maps framework id -> display name,
    in the order of data/comparison.yaml, so pages list frameworks in one consistent order."""

    file: str
    last_verified: str
    unmaintained_after_days: int
    framework_names: dict[str, str]
    crosswalk: tuple[CrosswalkRow, ...]
    ecosystem: tuple[EcosystemNeed, ...]
    deployment: tuple[DeploymentOption, ...]
    policies: tuple[SecurityPolicy, ...]
    advisories: tuple[Advisory, ...]
    alternatives: tuple[Alternative, ...]
    indicators: tuple[Indicator, ...]
    unverified: tuple[Unverified, ...]
    advisories_since: str | None = None
    raw: dict = field(default_factory=dict, compare=False, repr=False)

    def framework_name(self, framework_id: str) -> str:
        return self.framework_names.get(framework_id, framework_id)

    @property
    def porting_topics(self) -> tuple[PortingTopic, ...]:
        return porting_topics(self.crosswalk)

    def porting_topic_of(self, row_id: str) -> PortingTopic:
        return next(t for t in self.porting_topics if any(r.id == row_id for r in t.rows))

    def frameworks_in(self, keyed: list[dict]) -> list[str]:
        """Framework ids, in comparison order, that have a value in at least one of `keyed`."""
        present = {key for values in keyed for key in values}
        return [framework_id for framework_id in self.framework_names if framework_id in present]

    def maintenance(self, release: Release | None) -> str:
        """'unmaintained', 'maintained', or 'not-assessed' when the registry gave no publish dates."""
        if release is None:
            return "not-assessed"
        if release.deprecated:
            return "unmaintained"
        if not release.original_dates:
            return "not-assessed"
        return "unmaintained" if release.days_without_release() > self.unmaintained_after_days else "maintained"
