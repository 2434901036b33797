"""Test helper: add a third framework to comparison data, as a contributor's pull request would.

Only data is added (the framework, a value for every criterion, pros and cons, a fit in every use
case): no code. tests/test_third_framework.py reruns the site's suite on the result, to prove that
every page is generated from the data, not from hard-coded framework names.
"""

from __future__ import annotations

import copy
from pathlib import Path

import yaml

from comparison_site.content_rules import MIN_CONS_PER_FRAMEWORK, MIN_PROS_PER_FRAMEWORK

THIRD = {
    "id": "fastapi",
    "name": "FastAPI",
    "language": "Python",
    "runtime": "CPython 3.8 or newer (ASGI)",
    "kind": "ASGI web framework",
    "creator": "Sebastián Ramírez",
    "first_release": "2018-12-05",
    "licence": "MIT",
    "maintainer": "Sebastián Ramírez",
    "homepage": "https://fastapi.tiangolo.com/",
    "repository": "https://github.com/fastapi/fastapi",
    "verified_version": "0.115.0",
    "summary": "An ASGI framework built on Starlette and Pydantic (test fixture entry).",
    "sources": [{"title": "FastAPI repository", "url": "https://github.com/fastapi/fastapi"}],
    "last_verified": "2026-11-01",
}
SOURCE = [{"title": "FastAPI documentation", "url": "https://fastapi.tiangolo.com/"}]


def _points(kind: str, count: int) -> list[dict]:
    return [{"id": f"fixture-{kind}-{n}", "point": f"FastAPI {kind} {n}", "explanation": f"Fixture {kind} number {n}.",
             "sources": SOURCE, "last_verified": "2026-11-01"} for n in range(1, count + 1)]


def with_third_framework(data: dict) -> dict:
    """`data` plus FastAPI, with everything a contributor must add for a new framework: a value in
    every criterion, pros and cons (as many as the content rules ask), a fit in every use case."""
    data = copy.deepcopy(data)
    if any(framework["id"] == THIRD["id"] for framework in data["frameworks"]):
        return data  # already there: the suite is being rerun on the three-framework data
    data["frameworks"].append(dict(THIRD))
    for criterion in data["criteria"]:
        criterion["values"]["fastapi"] = {"summary": f"FastAPI value for {criterion['id']}", "sources": SOURCE}
    pros = [{"id": "type-hints", "point": "FastAPI pro: type hints", "explanation": "Validation from type hints.",
             "sources": SOURCE, "last_verified": "2026-11-01"}] + _points("pro", MIN_PROS_PER_FRAMEWORK - 1)
    cons = [{"id": "younger", "point": "FastAPI con: younger project", "explanation": "Fewer years in use.",
             "sources": SOURCE, "last_verified": "2026-11-01"}] + _points("con", MIN_CONS_PER_FRAMEWORK - 1)
    data["pros_and_cons"]["fastapi"] = {"pros": pros, "cons": cons}
    for use_case in data["use_cases"]:
        use_case["fit"]["fastapi"] = "not-best"
    data["use_cases"].append({"id": "typed-async-api", "scenario": "A typed async API (FastAPI fixture)",
                              "fit": {framework["id"]: "fits" if framework["id"] == "fastapi" else "not-best"
                                      for framework in data["frameworks"]},
                              "why": "Types drive validation.", "basis": "opinion", "sources": SOURCE,
                              "last_verified": "2026-11-01"})
    return data


def write_yaml(data: dict, path: Path) -> Path:
    """Write `data` as a data file: PyYAML quotes every string that YAML 1.1 would read as another type
    ('true', '2026-11-01'), as the site's libyaml reader expects; no anchors or aliases."""
    class Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data) -> bool:  # data files may not use anchors or aliases
            return True

    with path.open("w", encoding="utf-8") as handle:
        handle.write("# yaml-language-server: $schema=../data/comparison.schema.json\n")
        yaml.dump(data, handle, Dumper=Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=10**6)
    return path
