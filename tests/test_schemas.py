"""Rules every data schema follows: valid draft 2020-12, and a description for every field, so
editors and the generated data reference can explain each one."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from .conftest import ROOT

# Every data schema, found rather than listed, so a new data file is held to the same rules.
SCHEMAS = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "data").glob("*.schema.json"))


def undescribed_fields(schema: dict) -> list[str]:
    """Paths of properties and definitions with no description (a $ref to a described definition counts)."""
    defs = schema.get("$defs", {})
    missing = [f"$defs.{name}" for name, definition in defs.items() if not definition.get("description")]

    def described(field: dict) -> bool:
        target = defs.get(field.get("$ref", "").rsplit("/", 1)[-1], {})
        return bool(field.get("description") or target.get("description"))

    def walk(node, where: str) -> None:
        if isinstance(node, dict):
            missing.extend(f"{where}.{name}" for name, field in (node.get("properties") or {}).items()
                           if isinstance(field, dict) and not described(field))
            for key, child in node.items():
                if key != "if":  # an if-condition names fields described where they are defined
                    walk(child, f"{where}/{key}")
        elif isinstance(node, list):
            for index, child in enumerate(node):
                walk(child, f"{where}[{index}]")

    walk(schema, "#")
    return missing


@pytest.mark.parametrize("path", SCHEMAS)
def test_schema_is_valid_and_describes_every_field(path):
    schema = json.loads((ROOT / path).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert undescribed_fields(schema) == []


def test_the_rule_catches_an_undescribed_field():
    schema = {"$defs": {"a": {"description": "A."}}, "properties": {"x": {"type": "string"}, "y": {"$ref": "#/$defs/a"}}}
    assert undescribed_fields(schema) == ["#.x"]
