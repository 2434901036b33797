"""Problems found in a data file, reported with the file, line, column and data path.

Every stage that reads contributor data (YAML parsing, schema validation, cross-reference
checks) reports through these two types, so a contributor always gets the same shape of message:

    data/comparison.yaml:120:9: criteria[id=routing].values.express.sources: expected at least 1 item, got 0
      hint: add a source with a title and an http(s) URL
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class DataProblem:
    """One thing wrong with a data file; line and column are 1-based (0 when unknown)."""

    file: str
    line: int
    column: int
    path: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        text = f"{where}: {self.path or '(top level)'}: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class DataError(Exception):
    """Raised when a data file has one or more problems; holds all of them, sorted by position."""

    def __init__(self, problems: list[DataProblem]):
        self.problems = sorted(problems)
        count = len(self.problems)
        header = f"{count} problem{'s' if count != 1 else ''} in the data:"
        super().__init__("\n".join([header, *(str(p) for p in self.problems)]))


def format_path(parts: tuple, data: object = None) -> str:
    """Render a data path such as ('criteria', 4, 'values') as 'criteria[id=async-support].values'.

    With the document's `data`, a list item that has an id is named by it, so a message stays
    meaningful when entries are added or moved; items without a usable id (no id, an id that is
    not a plain word, or one used twice in the list) keep their position, 'sources[0]'.
    """
    text = ""
    node = data
    for part in parts:
        if isinstance(part, int):
            item_id = _entry_id(node, part)
            text += f"[id={item_id}]" if item_id else f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
        node = _child(node, part)
    return text


def _child(node: object, part: object) -> object:
    if isinstance(node, dict):
        return node.get(part)
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return None


def _entry_id(items: object, index: int) -> str | None:
    item = _child(items, index)
    item_id = item.get("id") if isinstance(item, dict) else None
    if not isinstance(item_id, str) or not item_id or any(c.isspace() or c in "[]" for c in item_id):
        return None
    same = sum(1 for other in items if isinstance(other, dict) and other.get("id") == item_id)
    return item_id if same == 1 else None
