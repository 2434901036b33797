"""Sentences about the set of frameworks, built from the data so that no page or title names them.

"Flask vs Express" as a title, "Flask and Express" in an intro, "either" or "any of them": all
come from the frameworks in data/comparison.yaml, so a third framework changes every one of them.
Returned text is safe Markdown (names pass through plain_text); `site_title` is plain text for
MkDocs' site_name, which the site hooks escape for HTML.
"""

from __future__ import annotations

from ..inline import plain_text
from ..model import Comparison
from . import pages
from .markdown import link


def join_words(items: list[str], conjunction: str = "and") -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


def site_title(comparison: Comparison) -> str:
    """'Flask vs Express', 'Flask vs Express vs FastAPI' (plain text, not escaped)."""
    return " vs ".join(f.name for f in comparison.frameworks)


def site_description(comparison: Comparison) -> str:
    """One plain-text sentence for the page description (plain text, not escaped)."""
    return f"A comparison of {join_words([f.name for f in comparison.frameworks])} in which every fact carries its source."


def framework_names(comparison: Comparison, conjunction: str = "and") -> str:
    """'Flask and Express' as safe Markdown."""
    return join_words([plain_text(f.name) for f in comparison.frameworks], conjunction)


def framework_links(comparison: Comparison) -> str:
    """'[Flask](flask.md) (Python) and [Express](express.md) (Node.js)': each name links to its page."""
    return join_words([f"{link(plain_text(f.name), pages.framework_page(f.id))} ({plain_text(f.language)})"
                       for f in comparison.frameworks])


def all_of_them(count: int) -> str:
    """How to say 'every framework' for `count` frameworks: 'either' for two, 'any of them' beyond."""
    return "either" if count == 2 else "any of them"


def coverage_note(comparison: Comparison, covered: list[str] | tuple[str, ...] | set[str], what: str) -> str:
    """A note naming the frameworks of the comparison that `what` (plain text, e.g. "The cookbook")
    does not cover, or '' when it covers them all. `covered` holds framework ids."""
    missing = [plain_text(f.name) for f in comparison.frameworks if f.id not in covered]
    if not missing:
        return ""
    present = [plain_text(f.name) for f in comparison.frameworks if f.id in covered]
    verb = "is" if len(missing) == 1 else "are"
    covers = f"covers {join_words(present)} only" if present else "covers none of the compared frameworks"
    return (f'!!! note "Not every framework is covered"\n\n    {plain_text(what)} {covers}: {join_words(missing)} '
            f"{verb} not covered yet, so nothing here speaks for {'it' if len(missing) == 1 else 'them'}.")


def after_title(markdown: str, note: str) -> str:
    """`markdown` with `note` inserted under its first H1 (or at the top when it has none)."""
    if not note:
        return markdown
    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join(lines[: index + 1] + ["", note, ""] + lines[index + 1 :])
    return f"{note}\n\n{markdown}"
