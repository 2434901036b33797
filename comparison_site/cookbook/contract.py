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
from http.cookiejar import CookieJar, DefaultCookiePolicy
from pathlib import Path

from . import hostile
from .model import NOT_GIVEN, OPTIONS_ITEM, Expectation, Implementation, Request, ServerChecks, StartFailure, Step, Task

STARTUP_TIMEOUT = 15.0  # seconds a server may take to answer its first request
REQUEST_TIMEOUT = 10.0  # seconds for one contract request
STOP_TIMEOUT = 5.0  # seconds between SIGTERM and SIGKILL
WORKER_PROBE_TIMEOUT = 2.0  # seconds for one request when counting worker processes
EXIT_TIMEOUT = 10.0  # seconds a process that must fail (bad config, port in use) may take to exit
PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
VARIABLE = re.compile(r"\{([a-z][a-z0-9_]*)(\|tamper)?\}")  # `{name}` or `{name|tamper}` in request text
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


def server_command(
    task: Task, framework: str, root: Path, port: int, tmpdir: Path, env_changes: dict | None = None
) -> ServerCommand:
    """How to serve one implementation the way a reader would deploy it (its framework's `server`).
    `env_changes` overrides the task's env; a None value removes the variable."""
    implementation = task.implementation(framework)
    server = implementation.framework.server
    check_requirements(implementation, root)
    env = dict(os.environ)
    for name in ("FLASK_DEBUG", "NODE_OPTIONS", "WEB_CONCURRENCY", "NODE_ENV"):
        env.pop(name, None)  # the contract must not depend on the developer's shell
    for name, value in {**task.env, **(env_changes or {})}.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value.replace("{tmpdir}", str(tmpdir))
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
    server = implementation.framework.server
    values = _values(implementation, root, host, port)
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


def _values(implementation: Implementation, root: Path, host: str, port: int) -> dict[str, str]:
    return {
        "python": sys.executable,
        "host": host,
        "port": str(port),
        "root": str(root),
        "app_file": str(root / implementation.app),
        "module": implementation.framework.module_name(implementation.app),
    }


def _fill(template: str, values: dict[str, str]) -> str:
    # The loader has checked every placeholder, so each one has a value here.
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], template)


class RunningServer:
    """A snippet served on 127.0.0.1:<port>; use as a context manager so it is always stopped."""

    def __init__(
        self,
        task: Task,
        framework: str,
        root: Path,
        startup_timeout: float = STARTUP_TIMEOUT,
        env_changes: dict | None = None,
    ):
        self.task, self.framework, self.root = task, framework, Path(root)
        self.startup_timeout = startup_timeout
        self.env_changes = env_changes
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
        command = server_command(self.task, self.framework, self.root, self.port, self.tmpdir, self.env_changes)
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

    def wait_for_exit(self, timeout: float = EXIT_TIMEOUT) -> int | None:
        """The exit code, or None if the process is still running after `timeout` seconds."""
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None

    def group_alive(self) -> bool:
        """True while any process of the server's group (the server or a worker) is still running."""
        try:
            os.killpg(self.process.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True

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


# --- server checks: workers, restarts, SIGTERM; start-up failures; listen errors ----------------


def run_server_checks(task: Task, framework: str, server: RunningServer) -> int:
    """The task's `server_checks`, against the running server. Return how many passed."""
    checks: ServerChecks = task.server_checks
    label = f"{task.id} ({framework})"
    passed = 0
    # The server answered once its first worker was up; give the others time to boot.
    pids: set[int] = set()
    deadline = time.monotonic() + EXIT_TIMEOUT
    while len(pids) < checks.workers and time.monotonic() < deadline:
        pids |= worker_pids(server, checks)
    if len(pids) < checks.workers:
        raise ContractFailure(f"{label}: expected at least {checks.workers} worker processes, saw {sorted(pids)}")
    passed += 1
    if checks.restart_worker:
        victim = min(pids)
        os.kill(victim, signal.SIGKILL)
        deadline = time.monotonic() + EXIT_TIMEOUT
        seen: set[int] = set()
        while time.monotonic() < deadline:
            seen |= worker_pids(server, checks, requests=checks.workers * 4) - {victim}
            if len(seen) >= checks.workers:
                break
            time.sleep(0.2)
        else:
            raise ContractFailure(
                f"{label}: after worker {victim} was killed, expected {checks.workers} live workers again within "
                f"{EXIT_TIMEOUT:g} s, saw {sorted(seen)}\n{server.output(2000)}"
            )
        passed += 1
    if checks.stop_on_sigterm:
        server.process.send_signal(signal.SIGTERM)  # to the server process only, as a supervisor does
        code = server.wait_for_exit(checks.stop_within)
        if code is None:
            raise ContractFailure(f"{label}: still running {checks.stop_within:g} s after SIGTERM\n{server.output(2000)}")
        if code != 0:
            raise ContractFailure(f"{label}: exit code {code} after SIGTERM, expected 0\n{server.output(2000)}")
        deadline = time.monotonic() + 2
        while server.group_alive() and time.monotonic() < deadline:
            time.sleep(0.05)
        if server.group_alive():
            raise ContractFailure(f"{label}: worker processes outlived the server after SIGTERM")
        passed += 1
    return passed


def worker_pids(server: RunningServer, checks: ServerChecks, requests: int | None = None) -> set[int]:
    """The distinct values of the JSON field `checks.pid_json` in answers from `checks.path`.

    Connections are opened `checks.workers` at a time before any request is sent: a worker that
    takes a connection then waits for its request, so the next connection must go to another
    worker (sent one after another, a single idle worker could answer them all)."""
    pids: set[int] = set()
    batch = max(checks.workers, 2)
    for _ in range(max((requests or checks.requests) // batch, 1)):
        # A short timeout: a connection handed to a worker that was just killed may never be answered.
        connections = [http.client.HTTPConnection("127.0.0.1", server.port, timeout=WORKER_PROBE_TIMEOUT) for _ in range(batch)]
        try:
            for connection in connections:
                connection.connect()
            for connection in connections:
                connection.request("GET", checks.path, headers={"Connection": "close"})
                value = json.loads(connection.getresponse().read()).get(checks.pid_json)
                if isinstance(value, int):
                    pids.add(value)
        except (OSError, http.client.HTTPException, ValueError, AttributeError):
            pass  # a worker being replaced may drop a connection; the count decides
        finally:
            for connection in connections:
                connection.close()
    return pids


def run_start_failure(task: Task, framework: str, root: Path, failure: StartFailure) -> str:
    """Start the server with a broken setting; it must exit non-zero, fast, saying what is wrong.
    Return its output."""
    server = RunningServer(task, framework, root, env_changes=failure.env)
    label = f"{task.id} ({framework}), start failure {failure.description!r}"
    try:
        server.start()
        code = server.wait_for_exit(EXIT_TIMEOUT)
        output = server.output()
        if code is None:
            raise ContractFailure(f"{label}: still running after {EXIT_TIMEOUT:g} s; it must stop at start-up\n{output}")
        if code == 0:
            raise ContractFailure(f"{label}: exited with code 0; a configuration error must be a non-zero exit\n{output}")
        missing = [text for text in failure.output_contains if text not in output]
        if missing:
            raise ContractFailure(f"{label}: the output does not say {missing!r}\n{output}")
        return output
    finally:
        server.stop()
        server.cleanup()


def listen_error_problems(code: int | None, output: str, port: int) -> list[str]:
    """How a process started on a port already in use failed to say so (empty when it did right:
    a non-zero exit, a message naming the port, no stack trace)."""
    if code is None:
        return [f"still running after {EXIT_TIMEOUT:g} s; with the port taken it must exit"]
    if code == 0:
        return ["exited with code 0; a listen error must be a non-zero exit"]
    problems = []
    if str(port) not in output:
        problems.append(f"the message does not name the port {port}")
    traces = [p for p in hostile.leaks(500, {}, output) if "traceback" in p or "stack frame" in p]
    if traces:
        problems.append(f"the message is a stack trace, not a sentence: {traces}")
    return problems


# --- running the steps -------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    headers: dict[str, str]  # lower-case names; repeated headers joined with ", "
    body: bytes
    set_cookies: tuple[str, ...] = ()  # every Set-Cookie header, unjoined (dates contain commas)
    arrivals: tuple[float, ...] = ()  # monotonic time each piece of the body arrived

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


@dataclass
class ContractRun:
    """Variables and cookies carried from one step to the next during one run."""

    base_url: str
    variables: dict[str, str] = field(default_factory=dict)
    jar: CookieJar = field(default_factory=lambda: CookieJar(LoopbackIsSecurePolicy()))


class LoopbackIsSecurePolicy(DefaultCookiePolicy):
    """Send `Secure` cookies back over http://127.0.0.1, as browsers do for localhost, so apps can
    set the flag they need in production and still be tested over plain HTTP."""

    def return_ok_secure(self, cookie, request):
        return (
            True
            if urllib.parse.urlsplit(request.get_full_url()).hostname == "127.0.0.1"
            else super().return_ok_secure(cookie, request)
        )


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are part of the behaviour under test, so hand them back instead of following."""

    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class ContractReport:
    """What one run of a task's contract established."""

    steps: int  # steps passed
    hostile: dict[str, int] = field(default_factory=dict)  # hostile probe name -> status answered
    agreeing: frozenset[str] = frozenset()  # the probes every framework must answer alike
    server_checks: int = 0  # server checks passed (workers, restart, SIGTERM)


def run_contract(
    task: Task, framework: str, root: Path, startup_timeout: float = STARTUP_TIMEOUT, with_hostile: bool = True
) -> ContractReport:
    """Serve the implementation, run every step, then the shared hostile-input probes and the task's
    server checks; stop it. Raise ContractFailure on the first broken expectation."""
    server = RunningServer(task, framework, root, startup_timeout)
    try:
        with server:
            run = ContractRun(server.base_url)
            for index, step in enumerate(task.steps, start=1):
                try:
                    response = run_step(run, step, task.headers)
                    problems = hostile.leaks(response.status, response.headers, response.text, Path(root).resolve())
                    if problems:
                        raise ContractFailure("the response leaks internals:\n" + "\n".join(f"  - {p}" for p in problems))
                except ContractFailure as failure:
                    raise ContractFailure(
                        f"{task.id} ({framework}), step {index} of {len(task.steps)}: {step.description}\n"
                        f"{failure}\n--- server output ---\n{server.output(2000)}"
                    ) from None
            report = ContractReport(len(task.steps))
            if with_hostile:
                report.hostile, report.agreeing = run_hostile(task, framework, server, run.variables, Path(root).resolve())
            if task.server_checks is not None:
                report.server_checks = run_server_checks(task, framework, server)
            return report
    finally:
        server.cleanup()


def run_hostile(task: Task, framework: str, server: RunningServer, variables: dict, root: Path):
    """Send every hostile probe; fail with all the broken ones listed. Return the statuses."""
    statuses: dict[str, int] = {}
    failures: list[str] = []
    probes = hostile.probes(task, variables)
    for probe in probes:
        try:
            answer = hostile.send(server.port, probe)
        except (OSError, http.client.HTTPException) as error:
            failures.append(f"{probe.name}: {probe.method} {probe.target[:120]} -> no answer ({error!r})")
            continue
        statuses[probe.name] = answer.status
        for problem in hostile.check(probe, answer, task.errors, root):
            failures.append(f"{probe.name}: {probe.method} {probe.target[:120]} -> {problem}")
    if failures:
        raise ContractFailure(
            f"{task.id} ({framework}): the shared hostile-input contract failed ({len(failures)} of {len(probes)}):\n"
            + "\n".join(f"  - {failure}" for failure in failures[:40])
            + f"\n--- server output ---\n{server.output(2000)}"
        )
    return statuses, frozenset(probe.name for probe in probes if probe.agree)


def compare_hostile(reports: dict[str, ContractReport]) -> list[str]:
    """Probes the frameworks answered with different statuses (each must agree with the others)."""
    names = set.intersection(*(set(report.agreeing) for report in reports.values()))
    problems = []
    for name in sorted(names):
        statuses = {framework: report.hostile.get(name) for framework, report in reports.items()}
        if len(set(statuses.values())) > 1:
            problems.append(f"{name}: " + ", ".join(f"{framework} {status}" for framework, status in statuses.items()))
    return problems


def run_step(run: ContractRun, step: Step, default_headers: dict | None = None) -> Response:
    """Send one request, check the response, capture variables; raise ContractFailure on a mismatch."""
    request = _substitute(step.request, run.variables)
    if default_headers:
        request = replace(request, headers={**default_headers, **request.headers})
    url, data, headers = build_http_request(run.base_url, request)
    use_jar = request.use_cookie_jar
    if request.tamper_cookie is not None:
        headers["Cookie"] = tampered_cookie_header(run.jar, request.tamper_cookie)
        use_jar = False  # send exactly that header; the jar keeps the real cookie for later steps
    if request.delay:
        time.sleep(request.delay)
    response = send(run, request.method, url, data, headers, use_jar)
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


def tampered_cookie_header(jar: CookieJar, name: str) -> str:
    """A Cookie header with every cookie of the jar, the one called `name` with a broken signature."""
    cookies = {cookie.name: cookie.value for cookie in jar}
    if name not in cookies:
        raise ContractFailure(f"tamper_cookie: no cookie {name!r} in the jar (have {sorted(cookies)})")
    cookies[name] = tamper(cookies[name])
    return "; ".join(f"{key}={value}" for key, value in cookies.items())


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
            return _response(answer.status, answer.headers, answer)
    except urllib.error.HTTPError as answer:  # 3xx (not followed), 4xx and 5xx land here
        with answer:
            return _response(answer.code, answer.headers, answer)
    except (OSError, http.client.HTTPException) as error:
        raise ContractFailure(f"request {method} {url} failed: {error!r}") from None


def _response(status: int, message, stream) -> Response:
    """Read the body piece by piece as it arrives, noting when each piece came (for streaming checks)."""
    pieces, arrivals = [], []
    reader = stream.fp if isinstance(stream, urllib.error.HTTPError) else stream  # the HTTPResponse
    read = getattr(reader, "read1", None) or reader.read
    while True:
        piece = read(65536)
        if not piece:
            break
        pieces.append(piece)
        arrivals.append(time.monotonic())
    return Response(status, _headers(message), b"".join(pieces), tuple(message.get_all("Set-Cookie") or ()), tuple(arrivals))


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
    for name, wanted in expect.cookies.items():
        problems += cookie_problems(name, wanted, response.set_cookies)
    if expect.incremental is not None:
        problems += incremental_problems(expect.incremental, response.arrivals)
    return problems


def cookie_problems(name: str, wanted, set_cookies: tuple[str, ...]) -> list[str]:
    """Compare the attributes of the Set-Cookie for `name` with the expectation."""
    header = next((value for value in set_cookies if value.split("=", 1)[0].strip() == name), None)
    if header is None:
        return [f"cookie {name}: expected a Set-Cookie for it, got {list(set_cookies)!r}"]
    attributes: dict[str, str] = {}
    for part in header.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        attributes[key.lower()] = value
    problems = []
    for flag, key in (("secure", "secure"), ("http_only", "httponly")):
        expected = getattr(wanted, flag)
        if expected is not None and (key in attributes) != expected:
            problems.append(f"cookie {name}: expected {key} {'set' if expected else 'unset'}, got {header!r}")
    if wanted.same_site is not None and attributes.get("samesite", "").lower() != wanted.same_site.lower():
        problems.append(f"cookie {name}: expected SameSite={wanted.same_site}, got {header!r}")
    return problems


def incremental_problems(wanted, arrivals: tuple[float, ...]) -> list[str]:
    """A streamed body must arrive in several pieces spread over time, not in one buffered block."""
    spread = arrivals[-1] - arrivals[0] if arrivals else 0.0
    if len(arrivals) < wanted.min_pieces or spread < wanted.min_seconds:
        return [
            f"body: expected it to arrive in at least {wanted.min_pieces} pieces over at least {wanted.min_seconds:g} s, "
            f"got {len(arrivals)} piece(s) over {spread:.3f} s (is the response buffered?)"
        ]
    return []


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
        if value not in ((), {}, NOT_GIVEN, None)
    ]
    lines += ["actual:", f"  status: {response.status}"]
    lines += [f"  {name}: {value}" for name, value in response.headers.items()]
    lines.append(f"  body: {_shorten(response.text)}")
    lines.append("problems:")
    lines += [f"  - {problem}" for problem in problems]
    return "\n".join(lines)


def _substitute(request: Request, variables: dict[str, str]) -> Request:
    """A copy of `request` with `{name}` replaced in its path, query, headers and bodies."""

    def value_of(match):
        if match.group(1) not in variables:
            return match.group(0)
        value = str(variables[match.group(1)])
        return tamper(value) if match.group(2) else value

    def fill(value):
        if isinstance(value, str):
            return VARIABLE.sub(value_of, value)
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


def tamper(value: str) -> str:
    """The same value with a different signature: the first character of its last dot-separated part
    changed ("A" <-> another letter), so the shape and length stay valid and only verification can
    tell. Used as `{token|tamper}` for signed tokens and by `tamper_cookie` for signed cookies."""
    head, dot, last = value.rpartition(".")
    if not last:
        return value + "A"
    return head + dot + ("B" if last[0] == "A" else "A") + last[1:]


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
