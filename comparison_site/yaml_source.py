"""Read a YAML data file into plain Python data plus the line and column of every value.

The plain data goes to the JSON Schema validator; the location index lets every later stage
(schema errors, cross-reference checks, "edit this" links) point at the exact line.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from .errors import DataError, DataProblem, format_path

Location = tuple[int, int]  # 1-based line and column


@dataclass
class YamlDocument:
    """A parsed data file: plain data, its file name, and the location of each data path."""

    file: str
    data: object
    locations: dict[tuple, Location] = field(default_factory=dict)

    def location(self, path: tuple) -> Location:
        """The location of `path`, or of its nearest parent that has one."""
        path = tuple(path)
        while path:
            if path in self.locations:
                return self.locations[path]
            path = path[:-1]
        return self.locations.get((), (1, 1))

    def problem(self, path: tuple, message: str, hint: str = "") -> DataProblem:
        line, column = self.location(path)
        return DataProblem(self.file, line, column, format_path(path), message, hint)


def load_yaml_document(path: Path | str, display_name: str | None = None) -> YamlDocument:
    """Parse `path`; raise DataError (with line and column) if it is not well-formed YAML."""
    path = Path(path)
    name = display_name or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError([DataProblem(name, 0, 0, "", "file not found", "check the path")]) from None
    except UnicodeDecodeError as error:
        problem = DataProblem(name, 0, 0, "", f"not valid UTF-8 ({error.reason})", "save the file as UTF-8")
        raise DataError([problem]) from None
    return parse_yaml_text(text, name)


def parse_yaml_text(text: str, name: str) -> YamlDocument:
    """Parse YAML text; duplicate keys, tabs and bad indentation become DataErrors."""
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    # Keep dates as the text written: the schema checks their form, and an impossible date such
    # as 2026-13-45 then gets a schema message with its line instead of a parser crash.
    yaml.constructor.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))
    try:
        tree = yaml.load(text)
    except MarkedYAMLError as error:
        raise DataError([_problem_from_yaml_error(error, name, text)]) from None
    document = YamlDocument(name, None)
    document.locations[()] = (1, 1)
    document.data = _to_plain(tree, (), document.locations)
    return document


def _problem_from_yaml_error(error: MarkedYAMLError, name: str, text: str) -> DataProblem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    problem = (error.problem or "").strip()
    context = (error.context or "").strip()
    message = f"malformed YAML: {problem}" + (f" ({context})" if context else "")
    hint = "check the indentation and quoting on this line and the one before it"
    if "duplicate key" in message.lower() or "found duplicate key" in str(error).lower():
        message = "malformed YAML: " + problem.splitlines()[0]
        hint = "each key may appear once per mapping: remove or rename one of them"
    elif "\\t" in problem or "tab" in problem.lower():
        hint = "YAML indentation must use spaces, not tabs"
    elif line and line <= len(text.splitlines()) and "\t" in text.splitlines()[line - 1]:
        hint = "this line contains a tab: YAML indentation must use spaces, not tabs"
    return DataProblem(name, line, column, "(YAML syntax)", message, hint)


def _to_plain(node, path: tuple, locations: dict[tuple, Location]):
    """Convert ruamel's round-trip nodes to dict/list/str and record each child's location."""
    if isinstance(node, CommentedMap):
        result = {}
        for key in node:
            child_path = path + (str(key),)
            line, column = node.lc.key(key)
            locations[child_path] = (line + 1, column + 1)
            result[str(key)] = _to_plain(node[key], child_path, locations)
        return result
    if isinstance(node, CommentedSeq):
        result = []
        for index, item in enumerate(node):
            child_path = path + (index,)
            line, column = node.lc.item(index)
            locations[child_path] = (line + 1, column + 1)
            result.append(_to_plain(item, child_path, locations))
        return result
    if isinstance(node, (datetime.date, datetime.datetime)):
        # Dates stay ISO strings so the JSON Schema "format: date" rule and JSON export agree.
        return node.isoformat()
    if isinstance(node, str):
        return str(node)  # drop ruamel's scalar string subclasses
    return node
