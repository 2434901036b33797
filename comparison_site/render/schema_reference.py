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


def _has_section(definition: dict) -> bool:
    """Objects with named fields get a section of their own; the rest are listed as value types."""
    return definition.get("type") == "object" and "properties" in definition


def _type_of(schema: dict, defs: dict) -> str:
    """A short, linked description of a field's type."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        target = defs.get(name, {})
        if _has_section(target):
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


EXAMPLE_LENGTH = 60


def _example(name: str, schema: dict, defs: dict, samples: list[dict]) -> str:
    """An example for a field: the schema's own, else the value in the first data entry that has
    the field (so examples are real and cannot drift), else the referenced type's example."""
    examples = schema.get("examples")
    if not examples:
        examples = [sample[name] for sample in samples if name in sample][:1]
    if not examples and "$ref" in schema:
        examples = defs.get(schema["$ref"].rsplit("/", 1)[-1], {}).get("examples")
    if not examples:
        item = schema.get("items", {}) if schema.get("type") == "array" else schema
        target = item.get("$ref", "").rsplit("/", 1)[-1]
        return f"see [{target}](#{_anchor(target)})" if _has_section(defs.get(target, {})) else ""
    text = json.dumps(examples[0], ensure_ascii=False)
    if len(text) > EXAMPLE_LENGTH:
        text = text[: EXAMPLE_LENGTH - 1] + "…"
    return "`" + text.replace("`", "'") + "`"


def _description(schema: dict, defs: dict) -> str:
    text = schema.get("description")
    if not text and "$ref" in schema:
        text = defs.get(schema["$ref"].rsplit("/", 1)[-1], {}).get("description")
    return safe_inline(text or "")


def _object_section(title: str, anchor: str, schema: dict, defs: dict, samples: list[dict]) -> str:
    required = set(schema.get("required", []))
    rows = [
        [f"`{name}`", _type_of(field, defs), "yes" if name in required else "no",
         _description(field, defs), _example(name, field, defs, samples)]
        for name, field in schema.get("properties", {}).items()
    ]
    parts = [f"## {plain_text(title)} {{#{anchor}}}"]
    if schema.get("description"):
        parts.append(safe_inline(schema["description"]))
    parts.append(table(["Field", "Type", "Required", "Description", "Example"], rows))
    return "\n\n".join(parts)


def render_schema_reference(schema: dict, samples: dict[str, list[dict]] | None = None) -> str:
    """`samples` maps a definition name (e.g. 'criterion') to data entries of that type, from
    which examples are taken; see `samples_from_data`."""
    defs = schema.get("$defs", {})
    samples = samples or {}
    sections = [_object_section("Top level", "type-top-level", schema, defs, samples.get("", []))]
    for name, definition in defs.items():
        if _has_section(definition):
            sections.append(_object_section(name, _anchor(name), definition, defs, samples.get(name, [])))
    value_types = [
        [f"`{name}`", _type_of(definition, defs), _description(definition, defs), _example(name, definition, defs, [])]
        for name, definition in defs.items()
        if not _has_section(definition)
    ]
    sections.append("## Value types {#value-types}\n\n" + table(["Name", "Type", "Description", "Example"], value_types))
    return "\n\n".join(sections)


def samples_from_data(data: dict) -> dict[str, list[dict]]:
    """Entries of each schema type in the comparison data, as sources of real examples."""
    values = [v for c in data["criteria"] for v in c["values"].values()]
    points = [p for lists in data["pros_and_cons"].values() for kind in ("pros", "cons") for p in lists[kind]]
    everything = [*data["frameworks"], *data["criteria"], *values, *points, *data["use_cases"], *data["faq"],
                  *data["claims"]]
    return {
        "": [{k: v for k, v in data.items() if not isinstance(v, (list, dict))}],
        "framework": data["frameworks"],
        "category": data["categories"],
        "criterion": data["criteria"],
        "criterionValue": values,
        "source": [s for entry in everything for s in entry.get("sources", [])],
        "point": points,
        "useCase": data["use_cases"],
        "faqEntry": data["faq"],
        "claim": data["claims"],
    }


def samples_by_schema(schema: dict, data: object) -> dict[str, list[dict]]:
    """Entries of each object definition found by walking `data` alongside `schema`: the generic
    form of `samples_from_data`, for any data file (the cookbook's tasks.yaml, for instance)."""
    defs = schema.get("$defs", {})
    found: dict[str, list[dict]] = {"": [{k: v for k, v in data.items() if not isinstance(v, (list, dict))}]
                                    if isinstance(data, dict) else []}

    def walk(node: dict, value: object, depth: int = 0) -> None:
        if depth > 40 or not isinstance(node, dict):
            return
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            if isinstance(value, dict) and defs.get(name, {}).get("type") == "object":
                found.setdefault(name, []).append(value)
            walk(defs.get(name, {}), value, depth + 1)
        for branch in node.get("anyOf", []) + node.get("oneOf", []) + node.get("allOf", []):
            walk(branch, value, depth + 1)
        if isinstance(value, dict):
            properties = node.get("properties", {})
            extra = node.get("additionalProperties")
            for key, item in value.items():
                walk(properties.get(key, extra if isinstance(extra, dict) else {}), item, depth + 1)
        elif isinstance(value, list) and isinstance(node.get("items"), dict):
            for item in value:
                walk(node["items"], item, depth + 1)

    walk(schema, data)
    return found
