"""Test helper: add a third framework to comparison data, as a contributor's pull request would.

Only data is added (the framework, a value for every criterion, pros and cons): no code. Tests use
it to prove every table and page is generated from the data, not from hard-coded framework names.
"""

from __future__ import annotations

import copy
from pathlib import Path

from ruamel.yaml import YAML

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
}
SOURCE = [{"title": "FastAPI documentation", "url": "https://fastapi.tiangolo.com/"}]


def with_third_framework(data: dict) -> dict:
    data = copy.deepcopy(data)
    data["frameworks"].append(dict(THIRD))
    for criterion in data["criteria"]:
        criterion["values"]["fastapi"] = {"summary": f"FastAPI value for {criterion['id']}", "sources": SOURCE}
    data["pros_and_cons"]["fastapi"] = {
        "pros": [{"id": "type-hints", "point": "FastAPI pro: type hints", "explanation": "Validation from type hints.",
                  "sources": SOURCE}],
        "cons": [{"id": "younger", "point": "FastAPI con: younger project", "explanation": "Fewer years in use.",
                  "sources": SOURCE}],
    }
    data["use_cases"].append({"id": "typed-async-api", "scenario": "A typed async API (FastAPI fixture)",
                              "fits": ["fastapi"], "why": "Types drive validation.", "sources": SOURCE})
    return data


def write_yaml(data: dict, path: Path) -> Path:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.representer.ignore_aliases = lambda _data: True  # data files may not use anchors or aliases
    with path.open("w", encoding="utf-8") as handle:
        handle.write("# yaml-language-server: $schema=../data/comparison.schema.json\n")
        yaml.dump(data, handle)
    return path
