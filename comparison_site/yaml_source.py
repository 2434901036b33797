"""Read a YAML data file into plain Python data plus the line and column of every value.

The plain data goes to the JSON Schema validator; the location index lets every later stage
(schema errors, cross-reference checks, "edit this" links) point at the exact line.

Data files come from pull requests, so the reader enforces a policy before any value is built
(see yaml_policy.py): no anchors or aliases (a few hundred bytes of nested aliases expand to
gigabytes), no explicit tags, no control or bidirectional-override characters, bounded nesting
and size. The file is read as a stream of libyaml events and the data is built from that stream
directly: no node tree is composed, nothing is expanded, nothing recurses, so a hostile file is
refused in milliseconds with a located message instead of a traceback or a hung build.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import DataError, DataProblem, format_path
from .yaml_policy import MAX_FILE_BYTES, EventPolicy, character_problems

Location = tuple[int, int]  # 1-based line and column


# libyaml's C parser when PyYAML was built with it (the wheels are), else the pure-Python one.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Resolves plain scalars (numbers, booleans, nulls) and builds them with YAML's usual rules.
_SCALARS = yaml.SafeLoader("")
_BUILT_TYPES = ("int", "float", "bool", "null")


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
        # With the data, list items are named by their id: criteria[id=routing] rather than criteria[7].
        return DataProblem(self.file, line, column, format_path(path, self.data), message, hint)


def load_yaml_document(path: Path | str, display_name: str | None = None) -> YamlDocument:
    """Parse `path`; raise DataError (with line and column) if it is not acceptable YAML."""
    path = Path(path)
    name = display_name or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DataError([DataProblem(name, 1, 1, "(YAML policy)",
                                         f"file is {size:,} bytes; data files are limited to {MAX_FILE_BYTES:,}",
                                         "split the data or remove what the site does not use")])
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError([DataProblem(name, 0, 0, "", "file not found", "check the path")]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        problem = DataProblem(name, line, column, "(YAML syntax)", f"not valid UTF-8 ({error.reason})",
                              "save the file as UTF-8")
        raise DataError([problem]) from None
    return parse_yaml_text(text, name)


def parse_yaml_text(text: str, name: str) -> YamlDocument:
    """Parse YAML text; policy violations, duplicate keys, tabs and bad indentation become DataErrors."""
    problems = character_problems(text, name)
    if problems:
        # libyaml would stop at the first of these with an unlocated reader error; report them all.
        raise DataError(problems)
    builder = _Builder(name)
    policy = EventPolicy(name)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.document.problems.extend(policy.check(event))
            if policy.fatal:
                break
            builder.feed(event)
    except yaml.MarkedYAMLError as error:
        raise DataError([_problem_from_yaml_error(error, name, text)]) from None
    except yaml.YAMLError as error:  # e.g. a reader error: no mark, but a position
        position = getattr(error, "position", None)
        line, column = _line_column(text, position) if position is not None else (1, 1)
        raise DataError([DataProblem(name, line, column, "(YAML syntax)", f"malformed YAML: {error}",
                                     "remove the character or save the file as plain UTF-8 text")]) from None
    document = builder.document
    if document.problems:
        raise DataError(document.problems)
    return document


def _line_column(text: str, position: int) -> Location:
    line = text.count("\n", 0, position) + 1
    return line, position - (text.rfind("\n", 0, position) + 1) + 1


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


def _position(event: yaml.Event) -> Location:
    return event.start_mark.line + 1, event.start_mark.column + 1


class _Builder:
    """Builds dict/list/scalar data from parser events, recording the location of every value.

    A mapping child is located at its key, a list item at the item (as editors show them).
    """

    def __init__(self, name: str):
        self.document = YamlDocument(name, None)
        self.document.locations[()] = (1, 1)
        # One frame per open collection: [container, its path, pending key (mappings)].
        self._stack: list[list] = []

    def feed(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.ScalarEvent):
            self._add(_scalar(event), event)
        elif isinstance(event, yaml.AliasEvent):
            self._add(None, event)  # already refused by the policy; keeps the structure balanced
        elif isinstance(event, yaml.MappingStartEvent):
            self._open({}, event)
        elif isinstance(event, yaml.SequenceStartEvent):
            self._open([], event)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            container, path, _ = self._stack.pop()
            if not self._stack:
                self.document.data = container

    def _open(self, container, event) -> None:
        path = self._add(container, event) if self._stack else ()
        if path is not None:
            self._stack.append([container, path, None])

    def _add(self, value, event):
        """Put `value` into the open collection; return its data path (None if it was not kept)."""
        if not self._stack:  # a document that is a single scalar
            self.document.data = value
            return ()
        frame = self._stack[-1]
        container, path = frame[0], frame[1]
        if isinstance(container, list):
            child = path + (len(container),)
            self.document.locations[child] = _position(event)
            container.append(value)
            return child
        if frame[2] is None:  # this scalar is a key
            key = value if isinstance(value, str) else _key_text(value, event)
            frame[2] = (key, _position(event))
            return None
        (key, key_position), frame[2] = frame[2], None
        child = path + (key,)
        if key in container:
            first_line = self.document.locations[child][0]
            self.document.problems.append(DataProblem(
                self.document.file, key_position[0], key_position[1], format_path(child),
                f"malformed YAML: duplicate key '{key}' (first used on line {first_line})",
                "each key may appear once per mapping: remove or rename one of them"))
            return _DISCARDED if isinstance(value, (dict, list)) else None
        self.document.locations[child] = key_position
        container[key] = value
        return child


# Path for a collection under a duplicate key: it is built (to keep the event stream balanced)
# but never attached to the data.
_DISCARDED = ("(duplicate)",)


def _key_text(value, event) -> str:
    return event.value if value is not None else ""


def _scalar(event: yaml.ScalarEvent):
    """Build a scalar. Plain numbers, booleans and nulls get their YAML type; everything else,
    dates included, stays text (the schema checks its form, so an impossible date such as
    2026-13-45 gets a located schema message rather than a parser crash)."""
    tag = _SCALARS.resolve(yaml.ScalarNode, event.value, event.implicit)
    kind = tag.rsplit(":", 1)[-1]
    if kind in _BUILT_TYPES:
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
        # The constructor functions themselves, not construct_object: that one caches every node.
        return _SCALARS.yaml_constructors[tag](_SCALARS, node)
    return event.value
