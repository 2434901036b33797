"""The data reference page, generated from the JSON Schema so the documentation cannot drift.

One section per object type (the top level, then each definition in `$defs` that is an object),
one table row per field: name, type, whether it is required, description and an example.
"""

from __future__ import annotations

import json

from ..inline import plain_text, safe_inline
from .markdown import table


def _anchor(definition: str) -> str:
    return f"type-{definition.lower()}"


def _type_of(schema: dict, defs: dict) -> str:
    """A short, linked description of a field's type."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        target = defs.get(name, {})
        if target.get("type") == "object":
            return f"[{name}](#{_anchor(name)})"
        return _type_of(target, defs)
    if "enum" in schema:
        return "one of " + ", ".join(f"`{v}`" for v in schema["enum"])
    if "const" in schema:
        return f"`{schema['const']}`"
    kind = schema.get("type", "any")
    if kind == "array":
        return f"list of {_type_of(schema.get('items', {}), defs)}"
    if kind == "object" and "additionalProperties" in schema and isinstance(schema["additionalProperties"], dict):
        return f"mapping of id → {_type_of(schema['additionalProperties'], defs)}"
    if kind == "string":
        form = schema.get("format")
        return {"date": "date (YYYY-MM-DD)", "uri": "URL"}.get(form, "text")
    return str(kind)


def _example(schema: dict, defs: dict) -> str:
    """The field's own example, or its referenced type's, as compact JSON in a code span."""
    examples = schema.get("examples")
    if not examples and "$ref" in schema:
        examples = defs.get(schema["$ref"].rsplit("/", 1)[-1], {}).get("examples")
    if not examples:
        return ""
    return "`" + json.dumps(examples[0], ensure_ascii=False) + "`"


def _description(schema: dict, defs: dict) -> str:
    text = schema.get("description")
    if not text and "$ref" in schema:
        text = defs.get(schema["$ref"].rsplit("/", 1)[-1], {}).get("description")
    return safe_inline(text or "")


def _object_section(title: str, anchor: str, schema: dict, defs: dict) -> str:
    required = set(schema.get("required", []))
    rows = [
        [f"`{name}`", _type_of(field, defs), "yes" if name in required else "no",
         _description(field, defs), _example(field, defs)]
        for name, field in schema.get("properties", {}).items()
    ]
    parts = [f"## {plain_text(title)} {{#{anchor}}}"]
    if schema.get("description"):
        parts.append(safe_inline(schema["description"]))
    parts.append(table(["Field", "Type", "Required", "Description", "Example"], rows))
    return "\n\n".join(parts)


def render_schema_reference(schema: dict) -> str:
    defs = schema.get("$defs", {})
    sections = [_object_section("Top level", "type-top-level", schema, defs)]
    for name, definition in defs.items():
        if definition.get("type") == "object" and "properties" in definition:
            sections.append(_object_section(name, _anchor(name), definition, defs))
    value_types = [
        [f"`{name}`", _type_of(definition, defs), _description(definition, defs), _example(definition, defs)]
        for name, definition in defs.items()
        if definition.get("type") != "object"
    ]
    sections.append("## Value types {#value-types}\n\n" + table(["Name", "Type", "Description", "Example"], value_types))
    return "\n\n".join(sections)
