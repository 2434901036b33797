"""Pages that list one kind of entry: use cases, FAQ and claims checked."""

from __future__ import annotations

from ..inline import plain_text
from ..model import Comparison
from . import pages
from .markdown import SiteLinks, entry_meta, heading, inline, link, sources_line, table, verdict_badge


def _framework_names(comparison: Comparison, ids: tuple[str, ...]) -> str:
    return ", ".join(link(plain_text(comparison.framework(i).name), pages.framework_page(i)) for i in ids)


def render_fit(comparison: Comparison, use_case) -> str:
    """Which frameworks fit the scenario and which do not, exactly as its `fit` says."""
    others = tuple(f.id for f in comparison.frameworks if f.id not in use_case.fits)
    if not use_case.fits:
        nobody = "neither" if len(comparison.frameworks) == 2 else "none of them"
        return f"**Fits:** {nobody} is the best choice here"
    text = f"**Fits:** {_framework_names(comparison, use_case.fits)}"
    if others:
        text += f" · **Not the best choice:** {_framework_names(comparison, others)}"
    return text


def render_use_cases(comparison: Comparison, links: SiteLinks) -> str:
    parts = []
    for use_case in comparison.use_cases:
        parts += [
            heading(2, use_case.scenario, use_case.id),
            render_fit(comparison, use_case),
            inline(use_case.why),
            sources_line(use_case.sources),
            entry_meta(links, use_case.line, use_case.last_verified or comparison.last_verified,
                       f"use case '{use_case.id}'", use_case.basis),
        ]
    return "\n\n".join(parts)


def render_faq(comparison: Comparison, links: SiteLinks, measurements: dict[str, str] | None = None) -> str:
    """Every question and answer; an answer citing benchmark scenarios gets their measured results
    (`measurements`: scenario id -> a sentence generated from the results file)."""
    parts = []
    for entry in comparison.faq:
        parts += [
            heading(2, entry.question, entry.id),
            inline(entry.answer),
            *[(measurements or {})[s] for s in entry.measured if s in (measurements or {})],
            sources_line(entry.sources),
            entry_meta(links, entry.line, entry.last_verified or comparison.last_verified,
                       f"FAQ '{entry.id}'", entry.basis, measured=any(s in (measurements or {}) for s in entry.measured)),
        ]
    return "\n\n".join(parts)


def render_claims(comparison: Comparison, links: SiteLinks, measurements: dict[str, str] | None = None) -> str:
    """A summary table of every claim and its verdict, then the evidence for each: its sources
    and, where a benchmark scenario tests it, the measured results (`measurements`)."""
    summary = table(
        ["Claim", "Verdict"],
        [[link(plain_text(c.claim), f"#{c.id}"), verdict_badge(c.verdict)] for c in comparison.claims],
    )
    parts = [summary]
    for claim in comparison.claims:
        parts += [
            heading(2, f"“{claim.claim}”", claim.id),
            f"**Verdict:** {verdict_badge(claim.verdict)}",
            inline(claim.explanation),
            sources_line(claim.sources),
            *[(measurements or {})[s] for s in claim.measured if s in (measurements or {})],
            entry_meta(links, claim.line, claim.last_verified or comparison.last_verified, f"claim '{claim.id}'",
                       measured=any(s in (measurements or {}) for s in claim.measured)),
        ]
    return "\n\n".join(parts)
