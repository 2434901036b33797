"""What a data file may contain at the YAML level, checked before any value is built.

Data files are plain data written by people in pull requests. The YAML features below have no use
in them and are refused, each with the file, line and column:

- anchors and aliases (`&a`, `*a`): a few hundred bytes of nested aliases expand to gigabytes
  ("billion laughs"), and a recursive alias never ends. Repeat the value instead.
- explicit tags (`!!int abc`, `!!python/object`, `!custom`): values get their type from the
  schema, not from the file.
- control characters and NUL (raw or written as escapes such as "\\0" or "\\x1b"), and the
  invisible bidirectional-override characters that make text display differently from what it
  contains ("Trojan Source"). Tabs and line breaks are fine.
- the snippet-include marker (`--8<--`) anywhere in a value: pymdownx.snippets acts on every line
  of a page's Markdown, so a value that reached the start of a line (a command in a code block,
  say) would copy a file from the build machine into the page. No data text needs it.
- nesting deeper than MAX_DEPTH, keys that are lists or mappings, more than one document, files
  larger than MAX_FILE_BYTES.

The checks run on libyaml's event stream (see yaml_source.py), so they cost one pass over the file.
"""

from __future__ import annotations

import re

import yaml

from .errors import DataProblem

MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 32  # the deepest real data (a cookbook request body) is 9 levels
MAX_PROBLEMS = 20  # a hostile file can have thousands; after this many the reader stops

# C0 controls except tab, line feed and carriage return; DEL and C1 controls; the bidirectional
# formatting characters (Unicode TR9: LRM, RLM, ALM, LRE..RLO, LRI..PDI); line and paragraph
# separators; a byte-order mark after the start; and the two non-characters libyaml refuses.
FORBIDDEN_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff\ufffe\uffff]"
)
# pymdownx.snippets' include marker: one or more dashes, "8<", one or more dashes.
SNIPPET_MARKER = re.compile(r"-+8<-+")
POLICY = "(YAML policy)"


def describe_character(character: str) -> str:
    code = f"U+{ord(character):04X}"
    if character == "\x00":
        return f"a NUL character ({code})"
    if character in "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069":
        return f"an invisible bidirectional-text control character ({code})"
    if character in "\u2028\u2029":
        return f"an invisible line separator ({code})"
    if character == "\ufeff":
        return f"a byte-order mark inside the file ({code})"
    return f"a control character ({code})"


def character_problems(text: str, name: str) -> list[DataProblem]:
    """Forbidden characters written directly in the file, each located."""
    problems = []
    for match in FORBIDDEN_CHARACTERS.finditer(text):
        if match.start() == 0 and match.group() == "\ufeff":
            continue  # a byte-order mark at the very start is allowed (some editors write one)
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        problems.append(DataProblem(name, line, column, POLICY, f"{describe_character(match.group())} is not allowed",
                                    "delete it (your editor may show it only with 'show invisible characters')"))
        if len(problems) >= MAX_PROBLEMS:
            break
    return problems


class EventPolicy:
    """Checks parser events one by one; `fatal` becomes true when reading must stop."""

    def __init__(self, name: str):
        self.name = name
        self.fatal = False
        self._count = 0
        # One entry per open collection: for mappings, whether the next node is a key.
        self._open: list[list] = []
        self._documents = 0

    def check(self, event: yaml.Event) -> list[DataProblem]:
        problems = self._problems(event)
        self._track(event)
        self._count += len(problems)
        if self._count >= MAX_PROBLEMS and not self.fatal:
            self.fatal = True
            problems.append(self._problem(event, f"stopped reading after {MAX_PROBLEMS} problems",
                                          "fix these and run the check again"))
        return problems

    def _problem(self, event, message: str, hint: str) -> DataProblem:
        mark = event.start_mark
        return DataProblem(self.name, mark.line + 1, mark.column + 1, POLICY, message, hint)

    def _fatal(self, event, message: str, hint: str) -> list[DataProblem]:
        self.fatal = True
        return [self._problem(event, message, hint)]

    def _problems(self, event) -> list[DataProblem]:
        problems = []
        if isinstance(event, yaml.DocumentStartEvent):
            self._documents += 1
            if self._documents > 1:
                return self._fatal(event, "a second YAML document ('---') is not allowed",
                                   "a data file holds one document: remove the '---' line and what follows, or merge it")
            if event.tags:
                problems.append(self._problem(event, "%TAG directives are not allowed", "remove the %TAG line"))
        if isinstance(event, yaml.AliasEvent):
            return [self._problem(event, f"alias '*{event.anchor}' is not allowed",
                                  "data files may not use anchors and aliases: write the value out in full")]
        if not isinstance(event, yaml.NodeEvent):
            return problems
        if self._open and self._open[-1][0] and isinstance(event, yaml.CollectionStartEvent):
            return self._fatal(event, "a list or mapping cannot be used as a key",
                               "keys are plain text: 'name: value'")
        if event.anchor is not None:
            problems.append(self._problem(event, f"anchor '&{event.anchor}' is not allowed",
                                          "data files may not use anchors and aliases: write the value out in full"))
        tag = getattr(event, "tag", None)  # None unless the file wrote one
        if tag is not None:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            problems.append(self._problem(event, f"explicit tag '{shown}' is not allowed",
                                          "remove the tag; the schema decides each value's type "
                                          "(quote text that looks like a number)"))
        if isinstance(event, yaml.ScalarEvent):
            match = FORBIDDEN_CHARACTERS.search(event.value)
            if match:
                problems.append(self._problem(event, f"the value contains {describe_character(match.group())}",
                                              "remove the escape sequence or character"))
            if SNIPPET_MARKER.search(event.value):
                problems.append(self._problem(event, "the snippet-include marker '--8<--' is not allowed in data",
                                              "write it another way (e.g. '-- 8< --'): the site would treat it "
                                              "as an instruction to include a file"))
        if isinstance(event, yaml.CollectionStartEvent) and len(self._open) + 1 > MAX_DEPTH:
            return problems + self._fatal(event, f"nesting deeper than {MAX_DEPTH} levels",
                                          "data files are shallow: flatten this structure")
        return problems

    def _track(self, event) -> None:
        """Follow the structure so key positions (and depth) are known."""
        if isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent, yaml.CollectionStartEvent)) and self._open:
            top = self._open[-1]
            if top[0] is not None:
                top[0] = not top[0]  # mapping: key, value, key, value...
        if isinstance(event, yaml.MappingStartEvent):
            self._open.append([True])
        elif isinstance(event, yaml.SequenceStartEvent):
            self._open.append([None])
        elif isinstance(event, yaml.CollectionEndEvent) and self._open:
            self._open.pop()
