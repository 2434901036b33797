"""Test helper: small guides data (two frameworks, one of each entry kind) written to a folder,
so loader and renderer tests change one field at a time."""

from __future__ import annotations

import copy
from pathlib import Path

import yaml

SOURCE = [{"title": "Docs", "url": "https://example.org/docs"}]
FRAMEWORKS = {"flask": "Flask", "express": "Express"}
TASKS = {"hello-world", "routing-parameters"}
DATED = {"last_verified": "2026-11-22"}  # every entry carries its own date

GUIDES = {
    "schema_version": 1,
    "last_verified": "2026-11-22",
    "maintenance": {"unmaintained_after_days": 730},
    "crosswalk": [
        {"id": "route-declaration", **DATED, "topic": "Routing", "concept": "Declaring a route",
         "frameworks": {"flask": {"construct": "`@app.route`"}, "express": {"construct": "`app.get`", "note": "also `app.all`."}},
         "cookbook": ["hello-world"],
         "traps": [{"from": "flask", "to": "express", "text": "Handlers must send a response."},
                   {"from": "express", "to": "flask", "text": "Views must return a response."}],
         "sources": SOURCE},
        {"id": "path-parameters", "topic": "Routing", "concept": "Path parameters",
         "frameworks": {"flask": {"construct": "`<int:id>`"}}, "sources": SOURCE, "last_verified": "2026-01-02"},
    ],
    "ecosystem": [
        {"id": "auth", **DATED, "need": "Authentication", "note": "Both leave it to packages.", "packages": {
            "flask": [{"registry": "pypi", "name": "Flask-Login", "role": "Session login.", "sources": SOURCE}],
            "express": [{"registry": "npm", "name": "passport", "role": "Strategies.", "sources": SOURCE},
                        {"registry": "npm", "name": "csurf", "role": "CSRF.", "sources": SOURCE},
                        {"registry": "npm", "name": "old-csrf", "role": "Old CSRF.", "sources": SOURCE,
                         "deprecated": {"since": "2022-09-01", "sources": [{"title": "Notice", "url": "https://example.org/n"}]}}]}},
    ],
    "deployment": [
        {"id": "application-server", **DATED, "kind": "production-server", "title": "What serves HTTP",
         "frameworks": {"flask": {"summary": "A WSGI server.", "sources": SOURCE}}},
    ],
    "security": {
        "since": "2022-01-01",
        "policies": [{"framework": "flask", **DATED, "reporting": "Privately.", "support": "Current line.", "sources": SOURCE}],
        "advisories": [
            {"id": "GHSA-m2qf-hxjv-5gpq", **DATED, "cve": "CVE-2023-30861", "framework": "flask", "package": "flask",
             "summary": "Missing `Vary: Cookie`.", "affected": "< 2.2.5", "fixed": "2.2.5", "published": "2023-05-01",
             "sources": SOURCE},
            {"id": "GHSA-rv95-896h-c2vc", **DATED, "framework": "express", "package": "express", "summary": "Open redirect.",
             "affected": "< 4.19.2", "fixed": "4.19.2", "sources": SOURCE},
        ],
    },
    "alternatives": [
        {"id": "quart", **DATED, "name": "Quart", "language": "Python", "instead_of": ["flask"], "what_it_is": "Flask on ASGI.",
         "fits_when": "Many long-lived connections.", "basis": "opinion", "sources": SOURCE},
    ],
    "community": {
        "indicators": [{"id": "downloads", **DATED, "framework": "express", "indicator": "Weekly downloads",
                        "value": "About 17 million.", "as_of": "2025-03-31", "sources": SOURCE}],
        "unverified": [{"id": "stars", **DATED, "indicator": "GitHub stars", "reason": "GitHub was not reachable."}],
    },
}

RELEASES = {
    "schema_version": 1,
    "packages": [
        {"registry": "pypi", "name": "Flask-Login", "latest_version": "0.6.3", "last_release": "2023-10-30",
         "read_on": "2026-11-22", "source": "https://pypi.org/pypi/Flask-Login/json"},
        {"registry": "npm", "name": "passport", "latest_version": "0.7.0", "last_release": "2026-01-05",
         "read_on": "2026-11-22", "source": "https://www.npmjs.com/package/passport", "original_dates": True},
        {"registry": "npm", "name": "csurf", "latest_version": "1.11.0", "last_release": "2026-09-15",
         "read_on": "2026-11-22", "source": "https://www.npmjs.com/package/csurf", "original_dates": False},
        {"registry": "npm", "name": "old-csrf", "latest_version": "1.0.0", "last_release": "2026-10-01",
         "read_on": "2026-11-22", "source": "https://www.npmjs.com/package/old-csrf", "original_dates": True},
    ],
}


def sample() -> tuple[dict, dict]:
    return copy.deepcopy(GUIDES), copy.deepcopy(RELEASES)


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data) -> bool:  # data files may not use anchors (YAML policy)
        return True


def write(folder: Path, guides: dict, releases: dict) -> tuple[Path, Path]:
    guides_path, releases_path = folder / "guides.yaml", folder / "releases.yaml"
    guides_path.write_text(yaml.dump(guides, Dumper=_NoAliases, sort_keys=False, allow_unicode=True), encoding="utf-8")
    releases_path.write_text(yaml.dump(releases, Dumper=_NoAliases, sort_keys=False), encoding="utf-8")
    return guides_path, releases_path
