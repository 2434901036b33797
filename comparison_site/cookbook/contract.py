"""Run a task's HTTP contract against a real server: start the snippet, wait, send the steps, stop.

Used by tests/cookbook/test_contract.py. Pure standard library, so it runs wherever the tests do.
How each framework's snippets are served (e.g. Flask by gunicorn, Express by node) is data: the
`server` of its entry in data/tasks.yaml. Every server gets an ephemeral port on 127.0.0.1, a
bounded start-up wait and a guaranteed stop (its whole process group, so workers go too).
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field, replace
from http.cookiejar import CookieJar
from pathlib import Path

from .model import NOT_GIVEN, OPTIONS_ITEM, Expectation, Implementation, Request, Step, Task

STARTUP_TIMEOUT = 15.0  # seconds a server may take to answer its first request
REQUEST_TIMEOUT = 10.0  # seconds for one contract request
STOP_TIMEOUT = 5.0  # seconds between SIGTERM and SIGKILL
PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
SHOWN_BODY_CHARS = 800


class SnippetStartError(RuntimeError):
    """A snippet exited or never answered; the message carries its output."""


class ContractFailure(AssertionError):
    """A step's response differed from the expectation; the message shows request, expected, actual."""


# --- starting and stopping servers ------------------------------------------------------------


@dataclass
class ServerCommand:
    argv: list[str]
    cwd: Path
    env: dict[str, str]


def free_port() -> int:
    """An unused port on 127.0.0.1 (the OS picks it; the tiny reuse race is acceptable in tests)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_command(task: Task, framework: str, root: Path, port: int, tmpdir: Path) -> ServerCommand:
    """How to serve one implementation the way a reader would deploy it (its framework's `server`)."""
    implementation = task.implementation(framework)
    server = implementation.framework.server
    check_requirements(implementation, root)
    env = dict(os.environ)
    for name in ("FLASK_DEBUG", "NODE_OPTIONS", "WEB_CONCURRENCY"):
        env.pop(name, None)  # the contract must not depend on the developer's shell
    env.update({name: value.replace("{tmpdir}", str(tmpdir)) for name, value in task.env.items()})
    env.update({"HOST": "127.0.0.1", "PORT": str(port), "PYTHONUNBUFFERED": "1", "PYTHONDONTWRITEBYTECODE": "1"})
    argv = server_argv(implementation, root, "127.0.0.1", port)
    return ServerCommand(argv, root / server.cwd, env)


def check_requirements(implementation: Implementation, root: Path) -> None:
    """Fail fast, with the reader's next step, when a program or installed folder is missing."""
    for requirement in implementation.framework.server.requires:
        if requirement.program is not None and shutil.which(requirement.program) is None:
            raise SnippetStartError(f"{requirement.program} is not on PATH; {requirement.hint}")
        if requirement.folder is not None and not (root / requirement.folder).is_dir():
            raise SnippetStartError(f"{requirement.folder} is missing: {requirement.hint}")


def server_argv(implementation: Implementation, root: Path, host: str, port: int) -> list[str]:
    """The framework's command template filled in for one implementation."""
    framework = implementation.framework
    server = framework.server
    values = {
        "python": sys.executable,
        "host": host,
        "port": str(port),
        "root": str(root),
        "app_file": str(root / implementation.app),
        "module": framework.module_name(implementation.app),
    }
    if implementation.server_config:
        values["config"] = str(root / implementation.server_config)
        options = server.config_options or ()
    else:
        options = server.default_options
    argv: list[str] = []
    for item in server.command:
        argv += [_fill(option, values) for option in options] if item == OPTIONS_ITEM else [_fill(item, values)]
    program = shutil.which(argv[0]) if "{" not in server.command[0] else None
    return [program or argv[0], *argv[1:]]  # a bare program name runs what PATH finds, as a shell would


def _fill(template: str, values: dict[str, str]) -> str:
    # The loader has checked every placeholder, so each one has a value here.
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], template)


class RunningServer:
    """A snippet served on 127.0.0.1:<port>; use as a context manager so it is always stopped."""

    def __init__(self, task: Task, framework: str, root: Path, startup_timeout: float = STARTUP_TIMEOUT):
        self.task, self.framework, self.root = task, framework, Path(root)
        self.startup_timeout = startup_timeout
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.tmpdir = Path(tempfile.mkdtemp(prefix=f"cookbook-{task.id}-{framework}-"))
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> RunningServer:
        try:
            self.start()
            self.wait_until_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def start(self) -> None:
        command = server_command(self.task, self.framework, self.root, self.port, self.tmpdir)
        self._stdout = open(self.tmpdir / "server.out", "wb")
        self._stderr = open(self.tmpdir / "server.err", "wb")
        self.process = subprocess.Popen(
            command.argv,
            cwd=command.cwd,
            env=command.env,
            stdin=subprocess.DEVNULL,
            stdout=self._stdout,
            stderr=self._stderr,
            start_new_session=True,  # its own process group, so stop() reaches every worker
        )

    def wait_until_ready(self) -> None:
        """Return once the server answers any HTTP request; raise SnippetStartError otherwise."""
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            code = self.process.poll()
            if code is not None:
                raise SnippetStartError(f"{self._label()} exited with code {code} before answering.\n{self.output()}")
            if self._answers():
                return
            time.sleep(0.1)
        raise SnippetStartError(
            f"{self._label()} did not answer on {self.base_url} within {self.startup_timeout:g} s.\n{self.output()}"
        )

    def _answers(self) -> bool:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=1)
        try:
            connection.request("GET", "/")
            connection.getresponse().read()
            return True
        except (OSError, http.client.HTTPException):
            return False
        finally:
            connection.close()

    def stop(self) -> None:
        """Stop the whole process group: SIGTERM, then SIGKILL if it lingers. Safe to call twice."""
        if self.process is not None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
            except (ProcessLookupError, PermissionError):
                pass
            try:
                self.process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                pass
            try:  # also reaps workers that outlived their parent
                os.killpg(self.process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            self.process.wait()
        for stream in (getattr(self, "_stdout", None), getattr(self, "_stderr", None)):
            if stream is not None and not stream.closed:
                stream.close()

    def output(self, limit: int = 4000) -> str:
        """The server's stderr and stdout so far (the end of each, if long)."""
        parts = []
        for name in ("server.err", "server.out"):
            path = self.tmpdir / name
            text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
            if text.strip():
                shown = text if len(text) <= limit else "..." + text[-limit:]
                parts.append(f"--- {'stderr' if name.endswith('err') else 'stdout'} ---\n{shown.rstrip()}")
        return "\n".join(parts) or "(the server wrote nothing)"

    def cleanup(self) -> None:
        shutil.rmtree(self.tmpdir, ignore_errors=True)

    def _label(self) -> str:
        return f"{self.framework} snippet for {self.task.id!r} ({self.task.implementation(self.framework).app})"


# --- running the steps -------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    headers: dict[str, str]  # lower-case names; repeated headers joined with ", "
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


@dataclass
class ContractRun:
    """Variables and cookies carried from one step to the next during one run."""

    base_url: str
    variables: dict[str, str] = field(default_factory=dict)
    jar: CookieJar = field(default_factory=CookieJar)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are part of the behaviour under test, so hand them back instead of following."""

    def redirect_request(self, *args, **kwargs):
        return None


def run_contract(task: Task, framework: str, root: Path, startup_timeout: float = STARTUP_TIMEOUT) -> int:
    """Serve the implementation, run every step, stop it. Return the number of steps passed."""
    server = RunningServer(task, framework, root, startup_timeout)
    try:
        with server:
            run = ContractRun(server.base_url)
            for index, step in enumerate(task.steps, start=1):
                try:
                    run_step(run, step)
                except ContractFailure as failure:
                    raise ContractFailure(
                        f"{task.id} ({framework}), step {index} of {len(task.steps)}: {step.description}\n"
                        f"{failure}\n--- server output ---\n{server.output(2000)}"
                    ) from None
            return len(task.steps)
    finally:
        server.cleanup()


def run_step(run: ContractRun, step: Step) -> Response:
    """Send one request, check the response, capture variables; raise ContractFailure on a mismatch."""
    request = _substitute(step.request, run.variables)
    url, data, headers = build_http_request(run.base_url, request)
    response = send(run, request.method, url, data, headers, request.use_cookie_jar)
    problems = check_response(step.expect, response)
    captured = {}
    if not problems:
        for name, capture in step.capture.items():
            value = _capture(capture, response)
            if value is None:
                source = f"JSON field {capture.json_path!r}" if capture.json_path else f"header {capture.header!r}"
                problems.append(f"capture {name}: the response has no {source}")
            else:
                captured[name] = value
    if problems:
        raise ContractFailure(describe_failure(request, url, headers, data, step.expect, response, problems))
    run.variables.update(captured)
    return response


def build_http_request(base_url: str, request: Request) -> tuple[str, bytes | None, dict[str, str]]:
    """The URL, body bytes and headers for a request (headers written in the data win)."""
    url = base_url + request.path
    if request.query:
        separator = "&" if "?" in request.path else "?"
        pairs = [
            (key, _text(value))
            for key, values in request.query.items()
            for value in (values if isinstance(values, list) else [values])
        ]
        url += separator + urllib.parse.urlencode(pairs)
    headers: dict[str, str] = {}
    data: bytes | None = None
    if request.json is not NOT_GIVEN:
        data = json.dumps(request.json).encode()
        headers["Content-Type"] = "application/json"
    elif request.form is not None:
        data = urllib.parse.urlencode(request.form).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    elif request.is_multipart:
        data, headers["Content-Type"] = encode_multipart(request)
    elif request.body is not None:
        data = request.body.encode()
    headers.update(request.headers)
    return url, data, headers


def encode_multipart(request: Request) -> tuple[bytes, str]:
    boundary = f"cookbook-{uuid.uuid4().hex}"
    parts: list[bytes] = []
    for name, value in (request.multipart_fields or {}).items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode() + value.encode() + b"\r\n")
    for name, part in (request.multipart_files or {}).items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{part.filename}"\r\n'
            f"Content-Type: {part.content_type}\r\n\r\n"
        )
        parts.append(head.encode() + part.content.encode() * part.repeat + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def send(run: ContractRun, method: str, url: str, data, headers, use_cookie_jar: bool) -> Response:
    handlers = [_NoRedirect()]
    if use_cookie_jar:
        handlers.append(urllib.request.HTTPCookieProcessor(run.jar))
    opener = urllib.request.build_opener(*handlers)
    http_request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with opener.open(http_request, timeout=REQUEST_TIMEOUT) as answer:
            return Response(answer.status, _headers(answer.headers), answer.read())
    except urllib.error.HTTPError as answer:  # 3xx (not followed), 4xx and 5xx land here
        with answer:
            return Response(answer.code, _headers(answer.headers), answer.read())
    except (OSError, http.client.HTTPException) as error:
        raise ContractFailure(f"request {method} {url} failed: {error!r}") from None


def _headers(message) -> dict[str, str]:
    result: dict[str, str] = {}
    for name, value in message.items():
        key = name.lower()
        result[key] = f"{result[key]}, {value}" if key in result else value
    return result


def check_response(expect: Expectation, response: Response) -> list[str]:
    """Every way `response` differs from `expect` (empty when it matches)."""
    problems = []
    if response.status != expect.status:
        problems.append(f"status: expected {expect.status}, got {response.status}")
    for name, value in expect.headers.items():
        actual = response.headers.get(name.lower())
        if actual != value:
            problems.append(f"header {name}: expected {value!r}, got {actual!r}")
    for name, value in expect.headers_contain.items():
        actual = response.headers.get(name.lower())
        if actual is None or value.lower() not in actual.lower():
            problems.append(f"header {name}: expected it to contain {value!r}, got {actual!r}")
    for name, pattern in expect.headers_match.items():
        actual = response.headers.get(name.lower())
        if actual is None or not re.fullmatch(pattern, actual):
            problems.append(f"header {name}: expected it to match {pattern!r}, got {actual!r}")
    for name in expect.headers_absent:
        if name.lower() in response.headers:
            problems.append(f"header {name}: expected it absent, got {response.headers[name.lower()]!r}")
    if expect.json is not NOT_GIVEN or expect.json_subset is not NOT_GIVEN:
        try:
            actual_json = json.loads(response.text)
        except ValueError:
            problems.append("body: expected JSON, got text that is not JSON")
        else:
            if expect.json is not NOT_GIVEN and not json_equal(expect.json, actual_json):
                problems.append(f"json: expected {_dump(expect.json)}, got {_dump(actual_json)}")
            if expect.json_subset is not NOT_GIVEN and not json_contains(actual_json, expect.json_subset):
                problems.append(f"json: expected it to contain {_dump(expect.json_subset)}, got {_dump(actual_json)}")
    for text in expect.body_contains:
        if text not in response.text:
            problems.append(f"body: expected it to contain {text!r}")
    for text in expect.body_excludes:
        if text in response.text:
            problems.append(f"body: expected it not to contain {text!r}")
    return problems


def json_equal(expected, actual) -> bool:
    """Equality that, unlike Python's, tells true from 1 (numbers still compare 100 == 100.0)."""
    if isinstance(expected, bool) or isinstance(actual, bool):
        return type(expected) is type(actual) and expected == actual
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        return expected == actual
    if isinstance(expected, dict):
        return (
            isinstance(actual, dict)
            and expected.keys() == actual.keys()
            and all(json_equal(expected[key], actual[key]) for key in expected)
        )
    if isinstance(expected, list):
        return (
            isinstance(actual, list)
            and len(expected) == len(actual)
            and all(json_equal(e, a) for e, a in zip(expected, actual, strict=True))
        )
    return type(expected) is type(actual) and expected == actual


def json_contains(actual, subset) -> bool:
    """True if every key of `subset` (recursively) is in `actual`; lists must start with its items."""
    if isinstance(subset, dict):
        return isinstance(actual, dict) and all(
            key in actual and json_contains(actual[key], value) for key, value in subset.items()
        )
    if isinstance(subset, list):
        return (
            isinstance(actual, list)
            and len(actual) >= len(subset)
            and all(json_contains(a, s) for a, s in zip(actual, subset, strict=False))
        )
    return json_equal(subset, actual)


def describe_failure(request, url, headers, data, expect, response, problems) -> str:
    lines = ["request:", f"  {request.method} {url}"]
    lines += [f"  {name}: {value}" for name, value in headers.items()]
    if data:
        lines.append(f"  body: {_shorten(data.decode('utf-8', errors='replace'))}")
    lines.append("expected:")
    lines += [
        f"  {name}: {_dump(value) if not isinstance(value, str) else value}"
        for name, value in vars(expect).items()
        if value not in ((), {}, NOT_GIVEN)
    ]
    lines += ["actual:", f"  status: {response.status}"]
    lines += [f"  {name}: {value}" for name, value in response.headers.items()]
    lines.append(f"  body: {_shorten(response.text)}")
    lines.append("problems:")
    lines += [f"  - {problem}" for problem in problems]
    return "\n".join(lines)


def _substitute(request: Request, variables: dict[str, str]) -> Request:
    """A copy of `request` with `{name}` replaced in its path, query, headers and bodies."""

    def fill(value):
        if isinstance(value, str):
            return PLACEHOLDER.sub(lambda m: str(variables[m.group(1)]) if m.group(1) in variables else m.group(0), value)
        if isinstance(value, list):
            return [fill(item) for item in value]
        if isinstance(value, dict):
            return {key: fill(item) for key, item in value.items()}
        return value

    return replace(
        request,
        path=fill(request.path),
        query=fill(request.query),
        headers=fill(request.headers),
        json=fill(request.json) if request.json is not NOT_GIVEN else NOT_GIVEN,
        form=fill(request.form) if request.form is not None else None,
        multipart_fields=fill(request.multipart_fields) if request.multipart_fields is not None else None,
        body=fill(request.body) if request.body is not None else None,
    )


def _capture(capture, response: Response):
    if capture.header:
        return response.headers.get(capture.header.lower())
    try:
        value = json.loads(response.text)
    except ValueError:
        return None
    for part in capture.json_path.split("."):
        if isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        elif isinstance(value, dict) and part in value:
            value = value[part]
        else:
            return None
    return value


def _text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _dump(value) -> str:
    return _shorten(json.dumps(value, ensure_ascii=False, sort_keys=True))


def _shorten(text: str) -> str:
    return text if len(text) <= SHOWN_BODY_CHARS else text[:SHOWN_BODY_CHARS] + f"... ({len(text)} characters)"
