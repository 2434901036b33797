"""Load data/tasks.yaml: parse, schema-validate, cross-check against the repository, build the model.

Every problem is a DataProblem naming the file, line and data path, e.g.
    data/tasks.yaml:212:9: tasks[6].implementations.flask.app: file snippets/flask/missing.py does not exist
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import DataError, DataProblem
from ..safe_paths import file_problem
from ..schema_check import schema_problems
from ..suggestions import did_you_mean
from ..yaml_source import YamlDocument, load_yaml_document
from .model import (
    NOT_GIVEN,
    OPTIONS_ITEM,
    SERVER_PLACEHOLDERS,
    Capture,
    CookieExpectation,
    Expectation,
    FilePart,
    Framework,
    Implementation,
    Incremental,
    Note,
    Request,
    Requirement,
    Server,
    ServerChecks,
    Source,
    StartFailure,
    Step,
    Task,
    TaskBook,
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
DEFAULT_TASKS = PROJECT_ROOT / "data" / "tasks.yaml"
DEFAULT_SCHEMA = PROJECT_ROOT / "data" / "tasks.schema.json"

# `{name}` in request text is replaced by a captured variable; `{tmpdir}` in env by a fresh directory.
PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)(?:\|tamper)?\}")
ENV_PLACEHOLDERS = {"tmpdir"}
BODY_KINDS = ("json", "form", "multipart", "body")


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
    problems = _framework_problems(document)
    frameworks = {framework["id"]: framework for framework in document.data["frameworks"]}
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
                        f"{did_you_mean(other, known)}use the id of a task in this file: {', '.join(sorted(known))}",
                    )
                )
            elif other == task["id"]:
                problems.append(document.problem(here + ("related", position), "a task cannot be related to itself"))
        problems += _implementations_problems(document, here + ("implementations",), frameworks, task["implementations"], root)
        problems += _env_problems(document, here, task.get("env", {}))
        problems += _step_problems(document, here, task["contract"])
    return problems


def _framework_problems(document) -> list[DataProblem]:
    """Unique framework ids, and server commands that only use placeholders the harness fills in."""
    problems: list[DataProblem] = []
    seen: dict[str, int] = {}
    for index, framework in enumerate(document.data["frameworks"]):
        here = ("frameworks", index)
        if framework["id"] in seen:
            first = seen[framework["id"]]
            problems.append(
                document.problem(
                    here + ("id",), f"duplicate framework id {framework['id']!r} (first used by frameworks[{first}])"
                )
            )
        seen.setdefault(framework["id"], index)
        problems += _server_problems(document, here + ("server",), framework["server"])
    return problems


def _server_problems(document, here, server) -> list[DataProblem]:
    problems = []
    has_options = OPTIONS_ITEM in server["command"]
    for key in ("command", "config_options", "default_options"):
        # {config} only makes sense where a configuration file was given; {options} only in command.
        allowed = SERVER_PLACEHOLDERS - ({"config"} if key != "config_options" else set())
        for position, item in enumerate(server.get(key, [])):
            if key == "command" and item == OPTIONS_ITEM:
                continue
            for unknown in sorted(set(PLACEHOLDER.findall(item)) - allowed):
                problems.append(
                    document.problem(
                        here + (key, position),
                        f"{{{unknown}}} cannot be used here",
                        f"{key} may use {', '.join('{' + name + '}' for name in sorted(allowed))}",
                    )
                )
        if key != "command" and key in server and not has_options:
            problems.append(
                document.problem(here + (key,), f"{key} needs an item {OPTIONS_ITEM} in command to say where they go")
            )
    return problems


def _implementations_problems(document, here, frameworks, implementations, root) -> list[DataProblem]:
    """Exactly one implementation per framework in the frameworks section, each valid."""
    problems = []
    for framework_id in frameworks:
        if framework_id not in implementations:
            problems.append(
                document.problem(
                    here,
                    f"no implementation for framework {framework_id!r}",
                    "every task needs a version for each framework in the frameworks section",
                )
            )
    for framework_id, implementation in implementations.items():
        if framework_id not in frameworks:
            problems.append(
                document.problem(
                    here + (framework_id,),
                    f"unknown framework {framework_id!r}",
                    f"{did_you_mean(framework_id, frameworks)}use the id of a framework in the frameworks section: "
                    f"{', '.join(frameworks)}",
                )
            )
        else:
            problems += _implementation_problems(document, here + (framework_id,), frameworks[framework_id], implementation, root)
    return problems


def _implementation_problems(document, here, framework, implementation, root) -> list[DataProblem]:
    problems = []
    folder, suffix, name = framework["folder"], framework["app_suffix"], framework["id"]
    paths = [(("app",), implementation["app"]), (("test",), implementation["test"])]
    paths += [(("files", i), file) for i, file in enumerate(implementation.get("files", []))]
    if "server_config" in implementation:
        if "config_options" not in framework["server"]:
            problems.append(
                document.problem(
                    here + ("server_config",),
                    f"the {name} server takes no configuration file",
                    "give server_config only for frameworks whose server has config_options",
                )
            )
        paths.append((("server_config",), implementation["server_config"]))
    for sub_path, file in paths:
        # Pages include these files: inside the framework's folder, regular, no symlink, tracked by git.
        refused = file_problem(root, file, folder)
        if refused:
            problems.append(document.problem(here + sub_path, *refused))
    app = implementation["app"]
    if not app.endswith(suffix):
        problems.append(document.problem(here + ("app",), f"the {name} app must be a {suffix} file, got {app}"))
    elif _serves_a_module(framework["server"]) and app.startswith(folder):
        module = app[len(folder) : -len(suffix)]  # as Framework.module_name, from the raw data
        if not all(part.isidentifier() for part in module.split("/")):
            problems.append(
                document.problem(
                    here + ("app",),
                    f"{app} cannot be imported as a module by the {name} server",
                    "use snake_case names that are valid Python identifiers",
                )
            )
    return problems


def _serves_a_module(server) -> bool:
    return any("{module}" in item for item in server["command"])


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
    frameworks = tuple(_framework(framework) for framework in data["frameworks"])
    return TaskBook(frameworks, tuple(_task(task, frameworks) for task in data["tasks"]), Path(root), source)


def _framework(data: dict) -> Framework:
    server = data["server"]
    return Framework(
        id=data["id"],
        name=data["name"],
        folder=data["folder"],
        app_suffix=data["app_suffix"],
        language=data["language"],
        served_by=data["served_by"],
        setup=tuple(data["setup"]),
        server=Server(
            command=tuple(server["command"]),
            cwd=server.get("cwd", "."),
            config_options=tuple(server["config_options"]) if "config_options" in server else None,
            default_options=tuple(server.get("default_options", [])),
            requires=tuple(
                Requirement(hint=item["hint"], program=item.get("program"), folder=item.get("folder"))
                for item in server.get("requires", [])
            ),
        ),
    )


def _task(data: dict, frameworks: tuple[Framework, ...]) -> Task:
    return Task(
        id=data["id"],
        title=data["title"],
        summary=data["summary"],
        # In the frameworks section's order, whatever order the task lists them in.
        implementations={
            framework.id: _implementation(framework, data["implementations"][framework.id]) for framework in frameworks
        },
        notes=tuple(
            Note(note["kind"], note["text"], tuple(Source(s["title"], s["url"]) for s in note.get("sources", [])))
            for note in data["notes"]
        ),
        steps=tuple(_step(step) for step in data["contract"]),
        env=dict(data.get("env", {})),
        related=tuple(data.get("related", [])),
        headers=dict(data.get("headers", {})),
        errors=data.get("errors", "json"),
        server_checks=ServerChecks(**data["server_checks"]) if "server_checks" in data else None,
        start_failures=tuple(
            StartFailure(item["description"], dict(item["env"]), tuple(item.get("output_contains", [])))
            for item in data.get("start_failures", [])
        ),
    )


def _implementation(framework: Framework, data: dict) -> Implementation:
    return Implementation(
        framework=framework,
        app=data["app"],
        test=data["test"],
        run=tuple(data["run"]),
        files=tuple(data.get("files", [])),
        server_config=data.get("server_config"),
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
            tamper_cookie=request.get("tamper_cookie"),
            delay=request.get("delay", 0.0),
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
            cookies={name: CookieExpectation(**spec) for name, spec in expect.get("cookies", {}).items()},
            incremental=Incremental(**expect["incremental"]) if "incremental" in expect else None,
        ),
        capture={
            name: Capture(json_path=spec.get("json"), header=spec.get("header")) for name, spec in data.get("capture", {}).items()
        },
    )
