"""Load data/tasks.yaml: parse, schema-validate, cross-check against the repository, build the model.

Every problem is a DataProblem naming the file, line and data path, e.g.
    data/tasks.yaml:212:9: tasks[6].flask.app: file snippets/flask/missing.py does not exist
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import DataError, DataProblem
from ..schema_check import schema_problems
from ..yaml_source import YamlDocument, load_yaml_document
from .model import (
    FRAMEWORKS,
    NOT_GIVEN,
    Capture,
    Expectation,
    FilePart,
    Implementation,
    Note,
    Request,
    Source,
    Step,
    Task,
    TaskBook,
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
DEFAULT_TASKS = PROJECT_ROOT / "data" / "tasks.yaml"
DEFAULT_SCHEMA = PROJECT_ROOT / "data" / "tasks.schema.json"

# `{name}` in request text is replaced by a captured variable; `{tmpdir}` in env by a fresh directory.
PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
ENV_PLACEHOLDERS = {"tmpdir"}
BODY_KINDS = ("json", "form", "multipart", "body")
SNIPPET_RULES = {
    # framework: (folder every path must be under, suffix of the app file)
    "flask": ("snippets/flask/", ".py"),
    "express": ("snippets/express/", ".js"),
}


def display_name(path: Path) -> str:
    """Paths inside the project are shown relative to it (data/tasks.yaml), others in full."""
    try:
        return str(path.resolve().relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)


def load_tasks(
    path: Path | str = DEFAULT_TASKS,
    schema_path: Path | str = DEFAULT_SCHEMA,
    root: Path | str | None = None,
) -> TaskBook:
    """Return the validated cookbook; raise DataError listing every problem if anything is wrong.

    `root` is the directory snippet paths are relative to: by default the parent of the data
    file's folder (the repository root for data/tasks.yaml).
    """
    path = Path(path)
    root = Path(root) if root is not None else path.resolve().parent.parent
    document = load_yaml_document(path, display_name(path))
    problems = schema_problems(document, schema_path)
    if problems:
        # Cross-checks assume the shapes the schema guarantees, so stop here.
        raise DataError(problems)
    problems = cross_check_problems(document, root)
    if problems:
        raise DataError(problems)
    return build_book(document.data, root, document.file)


def cross_check_problems(document: YamlDocument, root: Path) -> list[DataProblem]:
    """Rules JSON Schema cannot express: unique ids, known references, existing files, variables."""
    problems: list[DataProblem] = []
    tasks = document.data["tasks"]
    seen: dict[str, int] = {}
    for index, task in enumerate(tasks):
        here = ("tasks", index)
        if task["id"] in seen:
            problems.append(
                document.problem(
                    here + ("id",),
                    f"duplicate task id {task['id']!r} (first used by tasks[{seen[task['id']]}])",
                    "every task needs its own id: it names the page",
                )
            )
        seen.setdefault(task["id"], index)
    known = set(seen)
    for index, task in enumerate(tasks):
        here = ("tasks", index)
        for position, other in enumerate(task.get("related", [])):
            if other not in known:
                problems.append(
                    document.problem(
                        here + ("related", position),
                        f"unknown task {other!r}",
                        f"use the id of a task in this file: {', '.join(sorted(known))}",
                    )
                )
            elif other == task["id"]:
                problems.append(document.problem(here + ("related", position), "a task cannot be related to itself"))
        for framework in FRAMEWORKS:
            problems += _implementation_problems(document, here + (framework,), framework, task[framework], root)
        problems += _env_problems(document, here, task.get("env", {}))
        problems += _step_problems(document, here, task["contract"])
    return problems


def _implementation_problems(document, here, framework, implementation, root) -> list[DataProblem]:
    problems = []
    folder, suffix = SNIPPET_RULES[framework]
    paths = [(("app",), implementation["app"]), (("test",), implementation["test"])]
    paths += [(("files", i), file) for i, file in enumerate(implementation.get("files", []))]
    if "gunicorn_config" in implementation:
        if framework != "flask":
            problems.append(document.problem(here + ("gunicorn_config",), "gunicorn_config applies to the Flask version only"))
        paths.append((("gunicorn_config",), implementation["gunicorn_config"]))
    for sub_path, file in paths:
        if not file.startswith(folder):
            problems.append(
                document.problem(here + sub_path, f"{file} is not under {folder}", f"{framework} files live in {folder}")
            )
        elif not (root / file).is_file():
            problems.append(
                document.problem(
                    here + sub_path,
                    f"file {file} does not exist",
                    "check the path (relative to the repository root) or create the file",
                )
            )
    app = implementation["app"]
    if not app.endswith(suffix):
        problems.append(document.problem(here + ("app",), f"the {framework} app must be a {suffix} file, got {app}"))
    elif framework == "flask" and app.startswith(folder):
        module_parts = app[len(folder) : -len(suffix)].split("/")
        if not all(part.isidentifier() for part in module_parts):
            problems.append(
                document.problem(
                    here + ("app",),
                    f"{app} cannot be imported by gunicorn",
                    "use snake_case names that are valid Python identifiers",
                )
            )
    return problems


def _env_problems(document, here, env) -> list[DataProblem]:
    problems = []
    for name, value in env.items():
        for unknown in sorted(set(PLACEHOLDER.findall(value)) - ENV_PLACEHOLDERS):
            problems.append(
                document.problem(
                    here + ("env", name), f"unknown placeholder {{{unknown}}}", "only {tmpdir} is replaced in env values"
                )
            )
    return problems


def _step_problems(document, here, steps) -> list[DataProblem]:
    problems = []
    defined: set[str] = set()
    for index, step in enumerate(steps):
        at = here + ("contract", index)
        request, expect = step["request"], step["expect"]
        bodies = [kind for kind in BODY_KINDS if kind in request]
        if len(bodies) > 1:
            problems.append(
                document.problem(
                    at + ("request", bodies[1]),
                    f"a request has at most one body, got {' and '.join(bodies)}",
                    "keep one of json, form, multipart and body",
                )
            )
        if bodies and request["method"] in ("GET", "HEAD"):
            problems.append(
                document.problem(at + ("request", bodies[0]), f"a {request['method']} request should not have a body")
            )
        for sub_path, text in _request_strings(request):
            for name in PLACEHOLDER.findall(text):
                if name not in defined:
                    problems.append(
                        document.problem(
                            at + ("request",) + sub_path,
                            f"uses {{{name}}} before any step captures it",
                            f"add 'capture: {{{name}: ...}}' to an earlier step, or fix the name",
                        )
                    )
        for name, pattern in expect.get("headers_match", {}).items():
            try:
                re.compile(pattern)
            except re.error as error:
                problems.append(document.problem(at + ("expect", "headers_match", name), f"invalid regular expression: {error}"))
        if "json" in expect and "json_subset" in expect:
            problems.append(document.problem(at + ("expect", "json_subset"), "give json or json_subset, not both"))
        defined |= set(step.get("capture", {}))
    return problems


def _request_strings(request: dict):
    """(data sub-path, text) for every request string where `{name}` is substituted."""
    yield ("path",), request["path"]
    for section in ("query", "headers", "form"):
        for key, value in request.get(section, {}).items():
            for position, item in enumerate(value if isinstance(value, list) else [value]):
                if isinstance(item, str):
                    yield ((section, key, position) if isinstance(value, list) else (section, key)), item
    if "body" in request:
        yield ("body",), request["body"]
    if "json" in request:
        yield from _json_strings(request["json"], ("json",))
    for key, value in request.get("multipart", {}).get("fields", {}).items():
        yield ("multipart", "fields", key), value


def _json_strings(value, path):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _json_strings(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _json_strings(item, path + (index,))


def build_book(data: dict, root: Path, source: str) -> TaskBook:
    """Turn validated, cross-checked data into the model."""
    return TaskBook(tuple(_task(task) for task in data["tasks"]), Path(root), source)


def _task(data: dict) -> Task:
    return Task(
        id=data["id"],
        title=data["title"],
        summary=data["summary"],
        flask=_implementation("flask", data["flask"]),
        express=_implementation("express", data["express"]),
        notes=tuple(
            Note(note["kind"], note["text"], tuple(Source(s["title"], s["url"]) for s in note.get("sources", [])))
            for note in data["notes"]
        ),
        steps=tuple(_step(step) for step in data["contract"]),
        env=dict(data.get("env", {})),
        related=tuple(data.get("related", [])),
    )


def _implementation(framework: str, data: dict) -> Implementation:
    return Implementation(
        framework=framework,
        app=data["app"],
        test=data["test"],
        run=tuple(data["run"]),
        files=tuple(data.get("files", [])),
        gunicorn_config=data.get("gunicorn_config"),
    )


def _step(data: dict) -> Step:
    request, expect = data["request"], data["expect"]
    multipart = request.get("multipart")
    return Step(
        description=data["step"],
        request=Request(
            method=request["method"],
            path=request["path"],
            query=dict(request.get("query", {})),
            headers=dict(request.get("headers", {})),
            json=request.get("json", NOT_GIVEN),
            form=request.get("form"),
            multipart_fields=dict(multipart.get("fields", {})) if multipart is not None else None,
            multipart_files=(
                {name: FilePart(**part) for name, part in multipart.get("files", {}).items()} if multipart is not None else None
            ),
            body=request.get("body"),
            use_cookie_jar=request.get("use_cookie_jar", True),
        ),
        expect=Expectation(
            status=expect["status"],
            headers=dict(expect.get("headers", {})),
            headers_contain=dict(expect.get("headers_contain", {})),
            headers_match=dict(expect.get("headers_match", {})),
            headers_absent=tuple(expect.get("headers_absent", [])),
            json=expect.get("json", NOT_GIVEN),
            json_subset=expect.get("json_subset", NOT_GIVEN),
            body_contains=tuple(expect.get("body_contains", [])),
            body_excludes=tuple(expect.get("body_excludes", [])),
        ),
        capture={
            name: Capture(json_path=spec.get("json"), header=spec.get("header")) for name, spec in data.get("capture", {}).items()
        },
    )
