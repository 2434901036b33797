"""The cookbook as typed, immutable objects: frameworks, tasks, their implementations and contract steps.

Built only by load.py from validated data; read by render.py (pages) and contract.py (tests).
Frameworks are data too (the `frameworks` section of data/tasks.yaml), so no framework is named here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..model import Source  # the same {title, url} source as the comparison data


class _NotGiven:
    """Marks an optional value that was left out, where None (JSON null) is a real value."""

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __bool__(self) -> bool:
        return False


NOT_GIVEN = _NotGiven()


@dataclass(frozen=True)
class Note:
    kind: str  # "difference", "caution" or "tip"
    text: str
    sources: tuple[Source, ...] = ()


# What `{name}` may stand for in a server command, filled in by contract.server_command.
SERVER_PLACEHOLDERS = frozenset({"python", "host", "port", "root", "app_file", "module", "config"})
OPTIONS_ITEM = "{options}"


@dataclass(frozen=True)
class Requirement:
    """Something the contract run needs before it starts a server: a program on PATH or a folder."""

    hint: str  # what the reader should do when it is missing
    program: str | None = None
    folder: str | None = None  # relative to the repository root


@dataclass(frozen=True)
class Server:
    """How the contract harness serves a framework's snippet, the way a reader would deploy it.

    `command` is an argv template (placeholders: SERVER_PLACEHOLDERS); its item "{options}" is
    replaced by `config_options` when the implementation names a server_config file, otherwise
    by `default_options`.
    """

    command: tuple[str, ...]
    cwd: str = "."  # relative to the repository root
    config_options: tuple[str, ...] | None = None  # None: this server takes no configuration file
    default_options: tuple[str, ...] = ()
    requires: tuple[Requirement, ...] = ()


@dataclass(frozen=True)
class Framework:
    """One framework's cookbook runtime: where its snippets live, how they are shown and served."""

    id: str
    name: str
    folder: str  # every snippet path starts with it, e.g. "snippets/flask/"
    app_suffix: str
    language: str  # code highlighting for files ending in app_suffix
    served_by: str  # shown on task pages: "<name> under <served_by>"
    setup: tuple[str, ...]
    server: Server

    def module_name(self, app: str) -> str:
        """The dotted module an app file is imported as from this framework's folder ({module})."""
        return app[len(self.folder) : -len(self.app_suffix)].replace("/", ".")


@dataclass(frozen=True)
class Implementation:
    """One framework's version of a task; paths are relative to the repository root."""

    framework: Framework
    app: str
    test: str
    run: tuple[str, ...]
    files: tuple[str, ...] = ()
    server_config: str | None = None

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
    tamper_cookie: str | None = None  # send the jar's cookies with this one's signature broken
    delay: float = 0.0  # seconds to wait before sending (e.g. until a token expires)

    @property
    def is_multipart(self) -> bool:
        return self.multipart_fields is not None or self.multipart_files is not None


@dataclass(frozen=True)
class CookieExpectation:
    """Attributes the Set-Cookie for one cookie must have (None: not checked)."""

    secure: bool | None = None
    http_only: bool | None = None
    same_site: str | None = None


@dataclass(frozen=True)
class Incremental:
    """A streamed body must arrive in at least `min_pieces` reads spread over `min_seconds`."""

    min_pieces: int = 2
    min_seconds: float = 0.1


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
    cookies: dict = field(default_factory=dict)  # cookie name -> CookieExpectation
    incremental: Incremental | None = None


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
class ServerChecks:
    """Process-level checks on a running server: how many workers answer `path` (told apart by the
    JSON field `pid_json` over `requests` fresh connections), whether a killed worker is replaced,
    and whether SIGTERM stops the whole server with exit code 0 within `stop_within` seconds."""

    workers: int = 2
    path: str = "/"
    pid_json: str = "pid"
    requests: int = 30
    restart_worker: bool = False
    stop_on_sigterm: bool = False
    stop_within: float = 10.0


@dataclass(frozen=True)
class StartFailure:
    """Started with `env` changed (None removes a variable), the server must exit non-zero, fast,
    and its output must contain every `output_contains` text."""

    description: str
    env: dict
    output_contains: tuple[str, ...] = ()


@dataclass(frozen=True)
class Task:
    id: str
    title: str
    summary: str
    implementations: dict[str, Implementation]  # by framework id, in the frameworks section's order
    notes: tuple[Note, ...]
    steps: tuple[Step, ...]
    env: dict = field(default_factory=dict)
    related: tuple[str, ...] = ()
    headers: dict = field(default_factory=dict)  # sent with every step (a step's own headers win)
    errors: str = "json"  # the shape of its 4xx answers: "json" ({"error": ...}) or "page" (HTML)
    server_checks: ServerChecks | None = None
    start_failures: tuple[StartFailure, ...] = ()

    def implementation(self, framework: str) -> Implementation:
        if framework not in self.implementations:
            raise ValueError(f"unknown framework {framework!r}; expected one of {tuple(self.implementations)}")
        return self.implementations[framework]


@dataclass(frozen=True)
class TaskBook:
    """All tasks in page order, the frameworks each is written for, and the repository root their
    file paths are relative to."""

    frameworks: tuple[Framework, ...]
    tasks: tuple[Task, ...]
    root: Path
    source: str = "data/tasks.yaml"

    @property
    def framework_ids(self) -> tuple[str, ...]:
        return tuple(framework.id for framework in self.frameworks)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(task.id for task in self.tasks)

    def get(self, task_id: str) -> Task:
        for task in self.tasks:
            if task.id == task_id:
                return task
        raise KeyError(f"unknown cookbook task {task_id!r}; known tasks: {', '.join(self.ids)}")
