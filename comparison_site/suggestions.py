"""Hints for a misspelt reference: the closest existing id first, then the ids to choose from.

Used wherever the data names another entry (a category, a framework, a cookbook task, a benchmark
scenario), so `make validate` answers "unknown category 'identiti'" with "did you mean 'identity'?".
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

MAX_LISTED = 12  # beyond this the list of choices stops being helpful in a terminal


def closest(value: str, known: Iterable[str]) -> str | None:
    """The known id most like `value` (difflib ratio 0.6 or more), or None."""
    matches = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    return matches[0] if matches else None


def unknown_reference_hint(value: object, known: Iterable[str], otherwise: str = "") -> str:
    """"did you mean 'x'? use one of: a, b, c" (then `otherwise`, e.g. ", or add it under 'categories'")."""
    choices = sorted(set(known))
    guess = closest(value, choices) if isinstance(value, str) else None
    text = f"did you mean '{guess}'? " if guess else ""
    if choices:
        more = len(choices) - MAX_LISTED
        text += "use one of: " + ", ".join(choices[:MAX_LISTED]) + (f" and {more} more" if more > 0 else "")
    return text + otherwise


def did_you_mean(value: object, known: Iterable[str]) -> str:
    """"did you mean 'x'? " when a known id is close to `value`, else "": a prefix for any hint."""
    guess = closest(value, known) if isinstance(value, str) else None
    return f"did you mean '{guess}'? " if guess else ""
