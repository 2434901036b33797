"""Read a YAML data file into plain Python data plus the line and column of every value.

The plain data goes to the JSON Schema validator; the location index lets every later stage
(schema errors, cross-reference checks, "edit this" links) point at the exact line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import DataError, DataProblem, format_path

Location = tuple[int, int]  # 1-based line and column


# libyaml's C parser when PyYAML was built with it (the wheels are), else the pure-Python one.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Builds numbers, booleans and nulls from single scalar nodes, with YAML's usual rules.
_SCALARS = yaml.SafeLoader("")


@dataclass
class YamlDocument:
    """A parsed data file: plain data, its file name, and the location of each data path."""

    file: str
    data: object
    locations: dict[tuple, Location] = field(default_factory=dict)
    problems: list[DataProblem] = field(default_factory=list)

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
    """Parse YAML text; duplicate keys, tabs and bad indentation become DataErrors.

    The file is composed into a node tree (libyaml's C parser when available: it is several times
    faster than a pure-Python one) and converted here, so every value keeps its position.
    """
    try:
        tree = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        raise DataError([_problem_from_yaml_error(error, name, text)]) from None
    document = YamlDocument(name, None)
    document.locations[()] = (1, 1)
    if tree is not None:
        document.data = _to_plain(tree, (), document)
    if document.problems:
        raise DataError(document.problems)
    return document


def _problem_from_yaml_error(error: yaml.MarkedYAMLError, name: str, text: str) -> DataProblem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    problem = (error.problem or "").strip()
    context = (error.context or "").strip()
    message = f"malformed YAML: {problem}" + (f" ({context})" if context else "")
    lines = text.splitlines()
    hint = "check the indentation and quoting on this line and the one before it"
    if "\\t" in problem or "tab" in problem.lower():
        hint = "YAML indentation must use spaces, not tabs"
    elif line and line <= len(lines) and "\t" in lines[line - 1]:
        hint = "this line contains a tab: YAML indentation must use spaces, not tabs"
    return DataProblem(name, line, column, "(YAML syntax)", message, hint)


def _position(node: yaml.Node) -> Location:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _to_plain(node: yaml.Node, path: tuple, document: YamlDocument):
    """Convert composed nodes to dict/list/scalars, recording each child's location."""
    if isinstance(node, yaml.MappingNode):
        result = {}
        for key_node, value_node in node.value:
            key = str(_scalar(key_node)) if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            child_path = path + (key,)
            if key in result:
                line, column = _position(key_node)
                first_line = document.locations[child_path][0]
                document.problems.append(DataProblem(
                    document.file, line, column, format_path(child_path),
                    f"malformed YAML: duplicate key '{key}' (first used on line {first_line})",
                    "each key may appear once per mapping: remove or rename one of them"))
                continue
            document.locations[child_path] = _position(key_node)
            result[key] = _to_plain(value_node, child_path, document)
        return result
    if isinstance(node, yaml.SequenceNode):
        result = []
        for index, item in enumerate(node.value):
            child_path = path + (index,)
            document.locations[child_path] = _position(item)
            result.append(_to_plain(item, child_path, document))
        return result
    return _scalar(node)


def _scalar(node: yaml.ScalarNode):
    """Build a scalar from its resolved tag. Dates stay text (the schema checks their form), so an
    impossible date such as 2026-13-45 gets a schema message with its line, not a parser crash."""
    tag = node.tag.rsplit(":", 1)[-1]
    if tag in ("int", "float", "bool", "null"):
        return _SCALARS.construct_object(node)
    return node.value
