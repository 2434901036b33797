"""The comparison data as typed, read-only objects for the renderers.

Built only from data that has passed validation, so renderers never check for missing fields.
Every entry keeps the line it starts on, for "edit this" links and error messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .yaml_source import YamlDocument


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    accessed: str | None = None


@dataclass(frozen=True)
class Framework:
    id: str
    name: str
    language: str
    runtime: str
    kind: str
    creator: str
    first_release: str
    licence: str
    maintainer: str
    homepage: str
    repository: str
    verified_version: str
    summary: str
    sources: tuple[Source, ...]
    verified_version_date: str | None = None
    last_verified: str = field(kw_only=True)  # required: every entry carries its own date
    package: dict | None = None  # {"registry": "pypi" | "npm", "name": ...}
    line: int = 0


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    description: str | None = None


@dataclass(frozen=True)
class Value:
    summary: str
    sources: tuple[Source, ...]
    details: str | None = None


@dataclass(frozen=True)
class Criterion:
    id: str
    title: str
    category: str
    values: dict[str, Value]
    basis: str = "documented"
    key_factor: bool = False
    depends_on: str | None = None
    last_verified: str = field(kw_only=True)  # required: every entry carries its own date
    cookbook: tuple[str, ...] = ()  # ids of cookbook tasks that show this criterion in code
    measured: tuple[str, ...] = ()  # ids of benchmark scenarios that measure it
    line: int = 0


@dataclass(frozen=True)
class Point:
    """A pro or a con of one framework."""

    id: str
    framework: str
    kind: str  # "pro" or "con"
    point: str
    explanation: str
    sources: tuple[Source, ...]
    basis: str = "documented"
    last_verified: str = field(kw_only=True)  # required: every entry carries its own date
    line: int = 0


FITS = "fits"  # a use case's fit for one framework: "fits" or "not-best"


@dataclass(frozen=True)
class UseCase:
    id: str
    scenario: str
    fit: dict[str, str]  # framework id -> "fits" | "not-best", for every framework
    why: str
    sources: tuple[Source, ...]
    basis: str = "documented"
    last_verified: str = field(kw_only=True)  # required: every entry carries its own date
    line: int = 0

    @property
    def fits(self) -> tuple[str, ...]:
        """Ids of the frameworks this scenario fits, in the data's order."""
        return tuple(framework_id for framework_id, fit in self.fit.items() if fit == FITS)


@dataclass(frozen=True)
class FaqEntry:
    id: str
    question: str
    answer: str
    sources: tuple[Source, ...]
    basis: str = "documented"
    last_verified: str = field(kw_only=True)  # required: every entry carries its own date
    measured: tuple[str, ...] = ()  # ids of benchmark scenarios whose results bear on the answer
    line: int = 0


@dataclass(frozen=True)
class Claim:
    id: str
    claim: str
    verdict: str
    explanation: str
    sources: tuple[Source, ...]
    last_verified: str = field(kw_only=True)  # required: every entry carries its own date
    measured: tuple[str, ...] = ()  # ids of benchmark scenarios that test it
    line: int = 0


@dataclass(frozen=True)
class Comparison:
    """Everything on the site that comes from data/comparison.yaml."""

    file: str
    last_verified: str
    frameworks: tuple[Framework, ...]
    categories: tuple[Category, ...]
    criteria: tuple[Criterion, ...]
    points: tuple[Point, ...]
    use_cases: tuple[UseCase, ...]
    faq: tuple[FaqEntry, ...]
    claims: tuple[Claim, ...]
    raw: dict = field(default_factory=dict, compare=False, repr=False)

    def framework(self, framework_id: str) -> Framework:
        return next(f for f in self.frameworks if f.id == framework_id)

    def criteria_in(self, category_id: str) -> list[Criterion]:
        return [c for c in self.criteria if c.category == category_id]

    def points_of(self, framework_id: str, kind: str) -> list[Point]:
        return [p for p in self.points if p.framework == framework_id and p.kind == kind]


def build_comparison(document: YamlDocument) -> Comparison:
    """Turn a validated document into model objects."""
    data = document.data

    def line(path: tuple) -> int:
        return document.location(path)[0]

    def sources(items) -> tuple[Source, ...]:
        return tuple(Source(s["title"], s["url"], s.get("accessed")) for s in items)

    frameworks = tuple(
        Framework(**{**f, "sources": sources(f["sources"])}, line=line(("frameworks", i)))
        for i, f in enumerate(data["frameworks"])
    )
    categories = tuple(Category(**c) for c in data["categories"])
    criteria = tuple(
        Criterion(
            **{k: v for k, v in c.items() if k not in ("values", "cookbook", "measured")},
            cookbook=tuple(c.get("cookbook", ())),
            measured=tuple(c.get("measured", ())),
            values={fid: Value(v["summary"], sources(v["sources"]), v.get("details")) for fid, v in c["values"].items()},
            line=line(("criteria", i)),
        )
        for i, c in enumerate(data["criteria"])
    )
    points = tuple(
        Point(**{**p, "sources": sources(p["sources"])}, framework=fid, kind=kind[:-1],
              line=line(("pros_and_cons", fid, kind, i)))
        for fid, lists in data["pros_and_cons"].items()
        for kind in ("pros", "cons")
        for i, p in enumerate(lists[kind])
    )
    use_cases = tuple(
        UseCase(**{**u, "fit": {f["id"]: u["fit"][f["id"]] for f in data["frameworks"]}, "sources": sources(u["sources"])},
                line=line(("use_cases", i)))
        for i, u in enumerate(data["use_cases"])
    )
    faq = tuple(
        FaqEntry(**{**q, "sources": sources(q["sources"]), "measured": tuple(q.get("measured", ()))},
                 line=line(("faq", i))) for i, q in enumerate(data["faq"])
    )
    claims = tuple(
        Claim(**{**c, "sources": sources(c["sources"]), "measured": tuple(c.get("measured", ()))}, line=line(("claims", i)))
        for i, c in enumerate(data["claims"])
    )
    return Comparison(document.file, data["last_verified"], frameworks, categories, criteria, points,
                      use_cases, faq, claims, raw=data)
