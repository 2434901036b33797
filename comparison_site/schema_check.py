"""Validate a parsed YAML document against a JSON Schema (draft 2020-12).

Each violation becomes a DataProblem that names the file, line, column and data path, and says
in plain words what was expected, so a contributor can fix it without reading the schema.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from .errors import DataProblem
from .safe_urls import HINT as URL_HINT
from .safe_urls import url_problem
from .yaml_source import YamlDocument


@lru_cache(maxsize=8)
def load_validator(schema_path: str) -> Draft202012Validator:
    schema = json.loads(Path(schema_path).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=_format_checker())


def _format_checker() -> FormatChecker:
    """jsonschema's format checks, with `uri` replaced by the site's one URL rule (safe_urls.py):
    without an extra package jsonschema does not check `uri` at all, and a URL that is merely
    well-formed could still break the Markdown link it is written into."""
    checker = FormatChecker()

    @checker.checks("uri", raises=ValueError)
    def site_url(value) -> bool:
        problem = url_problem(value) if isinstance(value, str) else None
        if problem:
            raise ValueError(problem)
        return True

    return checker


def schema_problems(document: YamlDocument, schema_path: Path | str) -> list[DataProblem]:
    """All schema violations in `document`, most specific first within each path."""
    validator = load_validator(str(schema_path))
    problems = []
    for error in validator.iter_errors(document.data):
        for leaf in _leaf_errors(error):
            path = tuple(leaf.absolute_path)
            message, hint = describe(leaf)
            if leaf.validator == "additionalProperties":
                # Point at the first unexpected key itself rather than at its parent mapping.
                path += (sorted(set(leaf.instance) - set(leaf.schema.get("properties", {})))[0],)
            elif "propertyNames" in leaf.absolute_schema_path and isinstance(leaf.instance, str):
                # A key that breaks propertyNames: point at that key, not at the mapping holding it.
                path += (leaf.instance,)
            problems.append(document.problem(path, message, hint))
    # A URL that breaks the URL rule usually breaks the schema's looser pattern too: keep the message
    # that says why.
    url_paths = {(p.line, p.column, p.path) for p in problems if "is not an acceptable URL" in p.message}
    problems = [p for p in problems
                if not ((p.line, p.column, p.path) in url_paths and "does not have the expected form" in p.message)]
    return sorted(set(problems))


def _leaf_errors(error: ValidationError):
    """For anyOf/oneOf failures report the most relevant branch rather than the summary."""
    if error.context:
        best = min(error.context, key=lambda e: (-len(e.absolute_path), e.validator in ("type", "enum")))
        yield from _leaf_errors(best)
    else:
        yield error


def describe(error: ValidationError) -> tuple[str, str]:
    """A plain-language message and a hint for one schema violation."""
    kind = error.validator
    value = error.instance
    expected = error.validator_value
    field_doc = (error.schema or {}).get("description", "")
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"missing required field '{missing}'", _required_hint(error, missing)
    if kind == "additionalProperties":
        extra = sorted(set(value) - set(error.schema.get("properties", {})))
        allowed = ", ".join(sorted(error.schema.get("properties", {})))
        return f"unknown field(s) {', '.join(map(repr, extra))}", f"check the spelling; allowed fields here: {allowed}"
    if kind == "type":
        return f"expected {_type_words(expected)}, got {_describe_value(value)}", field_doc
    if kind == "enum":
        options = ", ".join(map(repr, expected))
        return f"expected one of {options}, got {value!r}", field_doc
    if kind == "const":
        return f"expected {expected!r}, got {value!r}", field_doc
    if kind == "minItems":
        return f"expected at least {expected} item{'s' if expected != 1 else ''}, got {len(value)}", field_doc
    if kind == "minProperties":
        return f"expected at least {expected} entr{'ies' if expected != 1 else 'y'}, got {len(value)}", field_doc
    if kind == "uniqueItems":
        return "items must be unique", "remove the repeated entry"
    if kind == "minLength":
        return "expected a non-empty text", field_doc
    if kind == "maxLength":
        return f"text is {len(value)} characters long; the limit is {expected}", "shorten it or move detail elsewhere"
    if kind == "pattern":
        return f"{value!r} does not have the expected form", field_doc or f"it must match {expected}"
    if kind == "format" and expected == "uri" and error.cause:
        return f"{value!r} is not an acceptable URL: {error.cause}", URL_HINT
    if kind == "format":
        return f"{value!r} is not a valid {expected}", field_doc
    return error.message, field_doc


def _required_hint(error: ValidationError, missing: str) -> str:
    prop = (error.schema.get("properties") or {}).get(missing, {})
    description = prop.get("description", "")
    return f"add '{missing}:'" + (f" ({description})" if description else "")


def _type_words(expected) -> str:
    names = {"object": "a mapping (key: value)", "array": "a list (- item)", "string": "text",
             "integer": "a whole number", "number": "a number", "boolean": "true or false", "null": "nothing"}
    if isinstance(expected, list):
        return " or ".join(names.get(t, t) for t in expected)
    return names.get(expected, expected)


def _describe_value(value) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return f"the text {value!r}"
