"""`python -m comparison_site refresh-releases`: rewrite data/releases.yaml from the registries.

A package that cannot be read keeps its previous record (with its old read date), so one
registry hiccup never deletes data; each such package is printed as a warning.
"""

from __future__ import annotations

import datetime
import sys

from ..errors import DataError
from .load import DEFAULT_GUIDES, DEFAULT_RELEASES, display_name, load_releases
from .releases import refresh, render_releases_yaml


def refresh_releases(guides_path=DEFAULT_GUIDES, releases_path=DEFAULT_RELEASES, today=None) -> int:
    try:
        previous = load_releases(releases_path) if releases_path.exists() else {}
    except DataError as error:
        print(f"warning: ignoring the previous {display_name(releases_path)}:\n{error}", file=sys.stderr)
        previous = {}
    releases, warnings = refresh(guides_path, releases_path, today or datetime.date.today(), previous=previous)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    releases_path.write_text(render_releases_yaml(releases), encoding="utf-8")
    mirrored = sum(1 for r in releases if not r.original_dates)
    print(f"{display_name(releases_path)}: {len(releases)} packages written"
          + (f" ({mirrored} npm packages served without original publish dates)" if mirrored else ""))
    return 1 if warnings else 0
