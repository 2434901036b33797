"""Problems found in a data file, reported with the file, line, column and data path.

Every stage that reads contributor data (YAML parsing, schema validation, cross-reference
checks) reports through these two types, so a contributor always gets the same shape of message:

    data/comparison.yaml:120:9: criteria[4].values.express.sources: expected at least 1 item, got 0
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


def format_path(parts: tuple) -> str:
    """Render a data path such as ('criteria', 4, 'values') as 'criteria[4].values'."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text
