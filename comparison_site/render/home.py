"""Home page pieces: the quick side-by-side table, "choose X when", and the versions verified."""

from __future__ import annotations

from ..inline import plain_text
from ..model import Comparison
from . import pages, wording
from .comparison import criteria_table
from .markdown import inline, link, table


def render_quick_table(comparison: Comparison) -> str:
    """The key-factor criteria, each linking to its detail on its category's page."""
    key_criteria = [c for c in comparison.criteria if c.key_factor]
    return criteria_table(comparison, key_criteria, from_page=pages.HOME)


def render_choose_when(comparison: Comparison) -> str:
    """Use cases grouped by the exact set of frameworks they fit: "Choose X when" for one, "Either
    fits" (two frameworks) or "Any of them fits" when all fit, "X or Y fits" for other sets, and
    "Consider something else" for none.

    Derived from each use case's `fit` for every framework, so the short advice can never claim a
    fit that the use case does not state.
    """
    def item(use_case) -> str:
        return "- " + link(plain_text(use_case.scenario), f"{pages.USE_CASES}#{use_case.id}")

    everyone = tuple(f.id for f in comparison.frameworks)
    groups: dict[tuple[str, ...], list] = {}
    for use_case in comparison.use_cases:
        groups.setdefault(use_case.fits, []).append(use_case)

    def label(fits: tuple[str, ...]) -> str:
        names = [plain_text(comparison.framework(i).name) for i in fits]
        if len(fits) == 1:
            return f"Choose {names[0]} when"
        if fits == everyone:
            return f"{wording.all_of_them(len(everyone)).capitalize()} fits"
        if not fits:
            return "Consider something else"
        return f"{wording.join_words(names, 'or')} fit"

    # One framework alone first (in the data's order), then shared fits, then none.
    order = [(f.id,) for f in comparison.frameworks]
    order += sorted((k for k in groups if len(k) > 1 and k != everyone), key=lambda k: (-len(k), k)) + [everyone, ()]
    blocks = []
    for fits in dict.fromkeys(order):
        if groups.get(fits):
            blocks.append(f"**{label(fits)}:**\n\n" + "\n".join(map(item, groups[fits])))
    return "\n\n".join(blocks)


def render_versions(comparison: Comparison) -> str:
    """The release each framework's content was verified against."""
    rows = []
    for f in comparison.frameworks:
        released = plain_text(f.verified_version_date) if f.verified_version_date else "not recorded"
        rows.append([link(plain_text(f.name), pages.framework_page(f.id)), plain_text(f.verified_version),
                     released, plain_text(f.runtime)])
    return table(["Framework", "Verified against", "Released", "Runtime"], rows) + (
        f"\n\nData last verified: **{plain_text(comparison.last_verified)}**."
    )


def render_framework_list(comparison: Comparison) -> str:
    return "\n".join(
        f"- {link(plain_text(f.name), pages.framework_page(f.id))}: {inline(f.summary)}" for f in comparison.frameworks
    )
