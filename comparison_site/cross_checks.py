"""Rules the JSON Schema cannot express: unique ids, references between entries, safe links.

Each rule is a small function taking the document and returning problems. They read the data
defensively (it may also have schema errors) so that every problem is reported in one run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from .errors import DataProblem
from .inline import find_unsafe_links
from .suggestions import unknown_reference_hint
from .yaml_source import YamlDocument

Rule = Callable[[YamlDocument], Iterator[DataProblem]]


def _list(data: object, key: str) -> list:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, list) else []


def _ids(items: list) -> list[str]:
    return [item["id"] for item in items if isinstance(item, dict) and isinstance(item.get("id"), str)]


def _duplicates(document: YamlDocument, items: list, base: tuple, what: str) -> Iterator[DataProblem]:
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        item_id = item.get("id") if isinstance(item, dict) else None
        if not isinstance(item_id, str):
            continue
        if item_id in seen:
            first_line = document.location(base + (seen[item_id],))[0]
            yield document.problem(base + (index, "id"), f"duplicate {what} id '{item_id}' (first used on line {first_line})",
                                   "ids must be unique: rename one of them")
        else:
            seen[item_id] = index


def unique_ids(document: YamlDocument) -> Iterator[DataProblem]:
    data = document.data
    for key, what in [("frameworks", "framework"), ("categories", "category"), ("criteria", "criterion"),
                      ("use_cases", "use case"), ("faq", "FAQ"), ("claims", "claim")]:
        yield from _duplicates(document, _list(data, key), (key,), what)
    pros_and_cons = data.get("pros_and_cons") if isinstance(data, dict) else None
    for framework_id, lists in (pros_and_cons or {}).items() if isinstance(pros_and_cons, dict) else []:
        # Pros and cons of one framework share one anchor namespace on its page.
        combined = [(kind, i, p) for kind in ("pros", "cons") for i, p in enumerate(_list(lists, kind))]
        seen: dict[str, tuple] = {}
        for kind, index, point in combined:
            point_id = point.get("id") if isinstance(point, dict) else None
            if not isinstance(point_id, str):
                continue
            path = ("pros_and_cons", framework_id, kind, index)
            if point_id in seen:
                first_line = document.location(seen[point_id])[0]
                yield document.problem(path + ("id",), f"duplicate pro/con id '{point_id}' (first used on line {first_line})",
                                       "ids must be unique within a framework's pros and cons")
            else:
                seen[point_id] = path


def known_categories(document: YamlDocument) -> Iterator[DataProblem]:
    categories = set(_ids(_list(document.data, "categories")))
    for index, criterion in enumerate(_list(document.data, "criteria")):
        category = criterion.get("category") if isinstance(criterion, dict) else None
        if isinstance(category, str) and category not in categories:
            yield document.problem(("criteria", index, "category"), f"unknown category '{category}'",
                                   unknown_reference_hint(category, categories, ", or add it under 'categories'"))


def values_for_every_framework(document: YamlDocument) -> Iterator[DataProblem]:
    frameworks = _ids(_list(document.data, "frameworks"))
    for index, criterion in enumerate(_list(document.data, "criteria")):
        values = criterion.get("values") if isinstance(criterion, dict) else None
        if not isinstance(values, dict):
            continue
        for framework_id in frameworks:
            if framework_id not in values:
                yield document.problem(("criteria", index, "values"), f"no value for framework '{framework_id}'",
                                       f"add '{framework_id}:' with a summary and sources")
        for key in values:
            if key not in frameworks:
                yield document.problem(("criteria", index, "values", key), f"unknown framework '{key}'",
                                       unknown_reference_hint(key, frameworks, ", or add the framework under 'frameworks'"))


def pros_and_cons_for_known_frameworks(document: YamlDocument) -> Iterator[DataProblem]:
    frameworks = _ids(_list(document.data, "frameworks"))
    pros_and_cons = document.data.get("pros_and_cons") if isinstance(document.data, dict) else None
    if not isinstance(pros_and_cons, dict):
        return
    for key in pros_and_cons:
        if key not in frameworks:
            yield document.problem(("pros_and_cons", key), f"unknown framework '{key}'",
                                   unknown_reference_hint(key, frameworks))
    for framework_id in frameworks:
        if framework_id not in pros_and_cons:
            yield document.problem(("pros_and_cons",), f"no pros and cons for framework '{framework_id}'",
                                   f"add '{framework_id}:' with 'pros:' and 'cons:' lists")


def use_cases_assess_every_framework(document: YamlDocument) -> Iterator[DataProblem]:
    """A use case says how well each framework fits, so no page claims a fit the data does not state."""
    frameworks = _ids(_list(document.data, "frameworks"))
    for index, use_case in enumerate(_list(document.data, "use_cases")):
        fit = use_case.get("fit") if isinstance(use_case, dict) else None
        if not isinstance(fit, dict):
            continue
        for framework_id in frameworks:
            if framework_id not in fit:
                yield document.problem(("use_cases", index, "fit"), f"no fit given for framework '{framework_id}'",
                                       f"add '{framework_id}: fits' or '{framework_id}: not-best'")
        for key in fit:
            if key not in frameworks:
                yield document.problem(("use_cases", index, "fit", key), f"unknown framework '{key}'",
                                       unknown_reference_hint(key, frameworks))


def links_are_safe(document: YamlDocument) -> Iterator[DataProblem]:
    """Inline links may only point to http(s) URLs, site pages or anchors; no images."""

    def walk(node, path):
        if isinstance(node, dict):
            for key, value in node.items():
                yield from walk(value, path + (key,))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from walk(value, path + (index,))
        elif isinstance(node, str):
            for unsafe in find_unsafe_links(node):
                yield document.problem(path, f"{unsafe} is not allowed in text",
                                       "link only to http(s) URLs, other pages (page.md) or anchors (#id); no images")

    yield from walk(document.data, ())


RULES: tuple[Rule, ...] = (
    unique_ids,
    known_categories,
    values_for_every_framework,
    pros_and_cons_for_known_frameworks,
    use_cases_assess_every_framework,
    links_are_safe,
)


def cross_check_problems(document: YamlDocument) -> list[DataProblem]:
    return [problem for rule in RULES for problem in rule(document)]
