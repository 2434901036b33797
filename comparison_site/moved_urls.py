"""Known moved or removed pages (data/moved-urls.yaml) and the check that no data file cites them.

A moved page may still load through a redirect for a while and then break, and a deep link into a
reorganised page lands at once on content without the anchor. Keeping the list as data means a
contributor who finds one adds a rule (what happened, what to cite instead, where it is recorded)
and every citation of it, in every data file, is reported with file, line and data path.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .errors import DataError, DataProblem
from .schema_check import schema_problems
from .yaml_source import YamlDocument, load_yaml_document

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_RULES = PROJECT_ROOT / "data" / "moved-urls.yaml"
RULES_SCHEMA = PROJECT_ROOT / "data" / "moved-urls.schema.json"

# A URL inside text (a Markdown link or a bare address) ends at whitespace or at a character that
# ends a Markdown link or quoting; URL fields hold exactly one URL and are taken whole.
_URL_IN_TEXT = re.compile(r"https?://[^\s)\]>\"'`]+")


@dataclass(frozen=True)
class MovedUrlRule:
    id: str
    host: str
    reason: str
    replacement: str
    since: str
    evidence_title: str
    evidence_url: str
    pattern: re.Pattern | None = None
    suggestion: str | None = None
    examples: tuple[tuple[str, str | None], ...] = ()  # (url, expected suggestion)
    line: int = 0

    def match(self, url: str) -> re.Match | bool | None:
        """A match (truthy) when `url` is covered by this rule, otherwise None."""
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if host != self.host and host != f"www.{self.host}":
            return None
        if self.pattern is None:
            return True
        target = parts.path + (f"#{parts.fragment}" if parts.fragment else "")
        return self.pattern.fullmatch(target)

    def suggest(self, url: str) -> str | None:
        """The replacement URL for `url`, when the rule can derive one."""
        found = self.match(url)
        if not found or self.suggestion is None:
            return None
        return found.expand(self.suggestion) if isinstance(found, re.Match) else self.suggestion


def load_rules(path: Path | str = DEFAULT_RULES) -> tuple[MovedUrlRule, ...]:
    """The validated rules of `path`; raise DataError (with file and line) if the file is wrong."""
    document = load_yaml_document(path, _display_name(Path(path)))
    problems = schema_problems(document, RULES_SCHEMA)
    if problems:
        raise DataError(problems)
    rules, problems = [], []
    for index, rule in enumerate(document.data["rules"]):
        pattern = None
        if "pattern" in rule:
            try:
                pattern = re.compile(rule["pattern"])
            except re.error as error:
                problems.append(document.problem(("rules", index, "pattern"), f"not a valid regular expression: {error}",
                                                 "write a Python regular expression matching the URL path"))
                continue
        evidence = rule["evidence"]
        rules.append(MovedUrlRule(
            id=rule["id"], host=rule["host"], reason=rule["reason"], replacement=rule["replacement"],
            since=rule["since"], evidence_title=evidence["title"], evidence_url=evidence["url"], pattern=pattern,
            suggestion=rule.get("suggestion"),
            examples=tuple((example["url"], example.get("suggestion")) for example in rule["examples"]),
            line=document.location(("rules", index))[0]))
    seen: dict[str, int] = {}
    for index, rule in enumerate(document.data["rules"]):
        if rule["id"] in seen:
            problems.append(document.problem(("rules", index, "id"), f"duplicate rule id '{rule['id']}' (first used on "
                                             f"line {seen[rule['id']]})", "ids must be unique: rename one of them"))
        seen.setdefault(rule["id"], document.location(("rules", index))[0])
    if problems:
        raise DataError(problems)
    return tuple(rules)


def first_match(url: str, rules: tuple[MovedUrlRule, ...]) -> MovedUrlRule | None:
    return next((rule for rule in rules if rule.match(url)), None)


@dataclass(frozen=True)
class Citation:
    """One URL found in a data file, with the data path of the value that holds it."""

    url: str
    path: tuple


def citations(data: object, path: tuple = ()) -> Iterator[Citation]:
    """Every http(s) URL in `data`: whole URL values and URLs inside text, in document order."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from citations(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from citations(value, path + (index,))
    elif isinstance(data, str):
        for found in _URL_IN_TEXT.finditer(data):
            yield Citation(found.group(0).rstrip(".,;:"), path)


def moved_url_problems(document: YamlDocument, rules: tuple[MovedUrlRule, ...]) -> list[DataProblem]:
    """A located problem for every URL in `document` that a rule covers."""
    problems = []
    for citation in citations(document.data):
        rule = first_match(citation.url, rules)
        if rule is None:
            continue
        suggestion = rule.suggest(citation.url)
        hint = f"cite {suggestion} instead" if suggestion else rule.replacement
        problems.append(document.problem(
            citation.path, f"{citation.url} is a moved or removed page (rule '{rule.id}' in data/moved-urls.yaml): "
            f"{rule.reason}", hint))
    return problems


def _display_name(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)
