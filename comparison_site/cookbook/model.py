"""The cookbook as typed, immutable objects: tasks, their two implementations and contract steps.

Built only by load.py from validated data; read by render.py (pages) and contract.py (tests).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

FRAMEWORKS = ("flask", "express")
FRAMEWORK_NAMES = {"flask": "Flask", "express": "Express"}


class _NotGiven:
    """Marks an optional value that was left out, where None (JSON null) is a real value."""

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __bool__(self) -> bool:
        return False


NOT_GIVEN = _NotGiven()


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class Note:
    kind: str  # "difference", "caution" or "tip"
    text: str
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Implementation:
    """One framework's version of a task; paths are relative to the repository root."""

    framework: str
    app: str
    test: str
    run: tuple[str, ...]
    files: tuple[str, ...] = ()
    gunicorn_config: str | None = None

    @property
    def shown_files(self) -> tuple[str, ...]:
        """Every file the page shows, in order: the app, its companions, then its test."""
        return (self.app, *self.files, self.test)


@dataclass(frozen=True)
class FilePart:
    filename: str
    content: str
    content_type: str = "application/octet-stream"
    repeat: int = 1


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    query: dict = field(default_factory=dict)
    headers: dict = field(default_factory=dict)
    json: object = NOT_GIVEN
    form: dict | None = None
    multipart_fields: dict | None = None
    multipart_files: dict | None = None  # field name -> FilePart
    body: str | None = None
    use_cookie_jar: bool = True

    @property
    def is_multipart(self) -> bool:
        return self.multipart_fields is not None or self.multipart_files is not None


@dataclass(frozen=True)
class Expectation:
    status: int
    headers: dict = field(default_factory=dict)
    headers_contain: dict = field(default_factory=dict)
    headers_match: dict = field(default_factory=dict)
    headers_absent: tuple[str, ...] = ()
    json: object = NOT_GIVEN
    json_subset: object = NOT_GIVEN
    body_contains: tuple[str, ...] = ()
    body_excludes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Capture:
    """Take a variable from a response: a dotted JSON path or a header name."""

    json_path: str | None = None
    header: str | None = None


@dataclass(frozen=True)
class Step:
    description: str
    request: Request
    expect: Expectation
    capture: dict = field(default_factory=dict)  # variable name -> Capture


@dataclass(frozen=True)
class Task:
    id: str
    title: str
    summary: str
    flask: Implementation
    express: Implementation
    notes: tuple[Note, ...]
    steps: tuple[Step, ...]
    env: dict = field(default_factory=dict)
    related: tuple[str, ...] = ()

    def implementation(self, framework: str) -> Implementation:
        if framework not in FRAMEWORKS:
            raise ValueError(f"unknown framework {framework!r}; expected one of {FRAMEWORKS}")
        return getattr(self, framework)


@dataclass(frozen=True)
class TaskBook:
    """All tasks in page order, plus the repository root their file paths are relative to."""

    tasks: tuple[Task, ...]
    root: Path
    source: str = "data/tasks.yaml"

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(task.id for task in self.tasks)

    def get(self, task_id: str) -> Task:
        for task in self.tasks:
            if task.id == task_id:
                return task
        raise KeyError(f"unknown cookbook task {task_id!r}; known tasks: {', '.join(self.ids)}")
