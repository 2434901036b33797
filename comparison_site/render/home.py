"""Home page pieces: the quick side-by-side table, "choose X when", and the versions verified."""

from __future__ import annotations

from ..inline import plain_text
from ..model import Comparison
from . import pages
from .comparison import criteria_table
from .markdown import inline, link, table


def render_quick_table(comparison: Comparison) -> str:
    """The key-factor criteria, linking into the comparison page."""
    key_criteria = [c for c in comparison.criteria if c.key_factor]
    return criteria_table(comparison, key_criteria, link_prefix=pages.COMPARISON)


def render_choose_when(comparison: Comparison) -> str:
    """For each framework, the use cases it alone fits; then those where either fits or neither does.

    Derived from the use cases so the short advice can never disagree with the long one.
    """
    def item(use_case) -> str:
        return "- " + link(plain_text(use_case.scenario), f"{pages.USE_CASES}#{use_case.id}")

    blocks = []
    for framework in comparison.frameworks:
        matches = [u for u in comparison.use_cases if u.fits == (framework.id,)]
        if matches:
            blocks.append(f"**Choose {plain_text(framework.name)} when:**\n\n" + "\n".join(map(item, matches)))
    either = [u for u in comparison.use_cases if len(u.fits) > 1]
    if either:
        blocks.append("**Either fits:**\n\n" + "\n".join(map(item, either)))
    neither = [u for u in comparison.use_cases if not u.fits]
    if neither:
        blocks.append("**Consider something else:**\n\n" + "\n".join(map(item, neither)))
    return "\n\n".join(blocks)


def render_versions(comparison: Comparison) -> str:
    """The release each framework's content was verified against."""
    rows = []
    for f in comparison.frameworks:
        released = plain_text(f.verified_version_date) if f.verified_version_date else "–"
        rows.append([link(plain_text(f.name), pages.framework_page(f.id)), plain_text(f.verified_version),
                     released, plain_text(f.runtime)])
    return table(["Framework", "Verified against", "Released", "Runtime"], rows) + (
        f"\n\nData last verified: **{plain_text(comparison.last_verified)}**."
    )


def render_framework_list(comparison: Comparison) -> str:
    return "\n".join(
        f"- {link(plain_text(f.name), pages.framework_page(f.id))}: {inline(f.summary)}" for f in comparison.frameworks
    )
