"""Staleness report (`make stale`): entries not verified for too long, and frameworks whose
verified version is behind the newest major release.

The checks are pure functions of the model, today's date and the newest versions; fetching
those versions from PyPI or npm is kept separate so the report also works offline.
"""

from __future__ import annotations

import datetime
import json
import urllib.request
from dataclasses import dataclass

from .model import Comparison

REGISTRY_URLS = {
    "pypi": "https://pypi.org/pypi/{name}/json",
    "npm": "https://registry.npmjs.org/{name}/latest",
}


@dataclass(frozen=True)
class StaleItem:
    line: int
    what: str
    reason: str

    def format(self, file: str) -> str:
        return f"{file}:{self.line}: {self.what}: {self.reason}"


def _major(version: str) -> int:
    return int(version.split(".")[0])


def stale_items(comparison: Comparison, today: datetime.date, max_age_days: int,
                latest_versions: dict[str, str]) -> list[StaleItem]:
    """Entries last verified more than `max_age_days` ago, and frameworks verified against an
    older major version than the newest one in `latest_versions` (framework id -> version)."""
    items = []
    for framework in comparison.frameworks:
        latest = latest_versions.get(framework.id)
        if latest and _major(latest) > _major(framework.verified_version):
            items.append(StaleItem(framework.line, f"framework '{framework.id}'",
                                   f"verified against {framework.verified_version}, newest major release is {latest}"))
    entries = [(f.line, f"framework '{f.id}'", f.last_verified) for f in comparison.frameworks]
    entries += [(c.line, f"criterion '{c.id}'", c.last_verified) for c in comparison.criteria]
    entries += [(p.line, f"{p.framework} {p.kind} '{p.id}'", p.last_verified) for p in comparison.points]
    entries += [(u.line, f"use case '{u.id}'", u.last_verified) for u in comparison.use_cases]
    entries += [(q.line, f"FAQ '{q.id}'", q.last_verified) for q in comparison.faq]
    entries += [(c.line, f"claim '{c.id}'", c.last_verified) for c in comparison.claims]
    for line, what, verified in entries:
        verified = verified or comparison.last_verified
        age = (today - datetime.date.fromisoformat(verified)).days
        if age > max_age_days:
            items.append(StaleItem(line, what, f"last verified {verified}, {age} days ago (limit {max_age_days})"))
    return sorted(items, key=lambda item: item.line)


def fetch_latest_versions(comparison: Comparison, timeout: float = 10.0) -> tuple[dict[str, str], list[str]]:
    """Newest release of each framework from its registry; returns (versions, warnings)."""
    versions, warnings = {}, []
    for framework in comparison.frameworks:
        if not framework.package:
            warnings.append(f"framework '{framework.id}' has no 'package' entry: version not checked")
            continue
        url = REGISTRY_URLS[framework.package["registry"]].format(name=framework.package["name"])
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:
                document = json.load(response)
        except (OSError, ValueError) as error:
            warnings.append(f"could not read {url}: {error}; version of '{framework.id}' not checked")
            continue
        versions[framework.id] = document["info"]["version"] if "info" in document else document["version"]
    return versions, warnings
