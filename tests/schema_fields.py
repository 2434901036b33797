"""Test helper: every string field a JSON Schema allows, and where those fields occur in data.

A field is a pattern of steps from the document root: a property name, ITEM (any list item),
VALUE (the value under any key of a free-form mapping) or KEY (the key itself of such a mapping,
also text that reaches pages). `string_fields(schema)` walks the schema ($ref, allOf/anyOf/oneOf,
items, additionalProperties, patternProperties), so a field another schema author adds later is
found without changing the tests.
"""

from __future__ import annotations

from collections.abc import Iterator

ITEM = "[]"
VALUE = "{value}"
KEY = "{key}"

Pattern = tuple


def resolve_ref(schema: dict, root: dict) -> dict:
    seen = set()
    while isinstance(schema, dict) and "$ref" in schema and schema["$ref"] not in seen:
        seen.add(schema["$ref"])
        target = root
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        merged = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
        schema = merged
    return schema


def _allows_string(schema: dict) -> bool:
    kind = schema.get("type")
    if kind == "string" or (isinstance(kind, list) and "string" in kind):
        return True
    if kind is None:
        values = schema.get("enum", []) + ([schema["const"]] if "const" in schema else [])
        return any(isinstance(v, str) for v in values) or "pattern" in schema or "format" in schema
    return False


def string_fields(schema: dict) -> list[Pattern]:
    """Every pattern at which the schema allows a string (sorted, without duplicates)."""
    found: set[Pattern] = set()

    def walk(node: dict, pattern: Pattern, refs: tuple) -> None:
        if not isinstance(node, dict):
            return
        ref = node.get("$ref")
        if ref in refs:
            return  # a recursive definition: its fields were walked once already
        node = resolve_ref(node, schema)
        refs = refs + ((ref,) if ref else ())
        if _allows_string(node):
            found.add(pattern)
        for keyword in ("allOf", "anyOf", "oneOf"):
            for branch in node.get(keyword, []):
                walk(branch, pattern, refs)
        for name, child in node.get("properties", {}).items():
            walk(child, pattern + (name,), refs)
        extra = [node.get("additionalProperties"), *node.get("patternProperties", {}).values()]
        for child in extra:
            if isinstance(child, dict):
                walk(child, pattern + (VALUE,), refs)
                found.add(pattern + (KEY,))
        if isinstance(node.get("items"), dict):
            walk(node["items"], pattern + (ITEM,), refs)
        for child in node.get("prefixItems", []):
            walk(child, pattern + (ITEM,), refs)

    walk(schema, (), ())
    return sorted(found, key=lambda p: tuple(map(str, p)))


def instances(data: object, pattern: Pattern, path: tuple = ()) -> Iterator[tuple]:
    """Concrete data paths matching `pattern`. For a KEY step the path ends with ('{key}', key)."""
    if not pattern:
        yield path
        return
    step, rest = pattern[0], pattern[1:]
    if step == ITEM:
        if isinstance(data, list):
            for index, item in enumerate(data):
                yield from instances(item, rest, path + (index,))
    elif step == VALUE:
        if isinstance(data, dict):
            for key, value in data.items():
                yield from instances(value, rest, path + (key,))
    elif step == KEY:
        if isinstance(data, dict) and not rest:
            for key in data:
                yield path + (KEY, key)
    elif isinstance(data, dict) and step in data:
        yield from instances(data[step], rest, path + (step,))


def get(data: object, path: tuple) -> object:
    for step in path:
        data = data[step]
    return data


def put(data: object, path: tuple, value: object) -> None:
    """Set the value at `path`, or rename the key when the path ends with ('{key}', key)."""
    if len(path) >= 2 and path[-2] == KEY:
        mapping = get(data, path[:-2])
        items = list(mapping.items())
        mapping.clear()
        for key, item in items:
            mapping[value if key == path[-1] else key] = item
        return
    get(data, path[:-1])[path[-1]] = value


def field_name(pattern: Pattern) -> str:
    return ".".join(str(step) for step in pattern) or "(top level)"
