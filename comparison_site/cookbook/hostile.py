"""The shared hostile-input contract: bad requests every cookbook app must answer safely.

Applied to every task automatically (no data needed): the probes are derived from the paths,
query keys and bodies the task's own contract steps use, and sent to the same running server
after those steps pass. Every answer must be below 500, leak nothing (see `leaks`), and a 4xx
must be the task's own error format (JSON `{"error": "..."}` by default, or a page of its own).
Each probe also states the statuses it accepts; probes marked `agree` must get the same status
from every framework (tests/cookbook/test_contract.py compares the runs).
"""

from __future__ import annotations

import http.client
import json
import re
import socket
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import quote, urlencode

from .model import NOT_GIVEN, Step, Task

REQUEST_TIMEOUT = 10.0
OVERSIZED_BYTES = 2 * 1024 * 1024  # above every body limit the cookbook uses (1 MiB uploads, 100 KiB JSON)
ODD_QUERY_VALUES = ("", "²", "٣", "1e999", "-0", " 1", "\x00", "x" * 2000)  # long, but within every server's request-line limit
ODD_SEGMENTS = ("²", "٣", "9" * 25, "-1", "0x1")
TRAVERSALS = ("..%2f..%2f..%2fetc%2fpasswd", "%2e%2e/%2e%2e/%2e%2e/etc/passwd", "..%5c..%5cetc%5cpasswd")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
UNKNOWN_METHOD = "PROPFIND"  # a method llhttp and gunicorn parse, but no cookbook app routes
BODY_METHODS = ("POST", "PUT", "PATCH", "DELETE")

# What a response must never contain: evidence of a stack trace, a server path or a framework's
# default error page. Searched (case-sensitively) in the body and in every header value.
LEAK_PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    ("a Python traceback", re.compile(r"Traceback \(most recent call last\)|File \"[^\"]+\", line \d+")),
    (
        "a JavaScript stack frame",
        re.compile(r"(?:\n|<br>)(?:\s|&nbsp;)*at [^\n<]{0,200}?[^()\s<]+:\d+:\d+\)?|at (Function|Layer|Route|Object)\."),
    ),
    ("an absolute server path", re.compile(r"(?<![\w.:/])/(work|home|usr|opt|tmp|root|srv|var/lib)/[\w.-]+")),
    ("node_modules", re.compile(r"node_modules")),
    ("site-packages", re.compile(r"site-packages|dist-packages")),
    (
        "Werkzeug's default error page",
        re.compile(
            r"<html lang=en>\n<title>\d{3} |The requested URL was not found on the server|is not allowed for the requested URL"
        ),
    ),
    ("Express's default error page", re.compile(r"<pre>Cannot [A-Z]+ |<title>Error</title>")),
)


@dataclass(frozen=True)
class Probe:
    """One hostile request and the statuses it may get."""

    name: str  # stable across frameworks: the key for comparing their answers
    method: str
    target: str  # path and query, already percent-encoded, sent as is
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    allowed: frozenset[int] | None = None  # None: any status below 500
    agree: bool = True  # every framework must answer the same status


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


def probes(task: Task, variables: dict[str, str]) -> list[Probe]:
    """Every probe for `task`, after its steps ran and captured `variables`."""
    steps = [_filled(step, variables) for step in task.steps]
    found: dict[str, Probe] = {}

    def add(probe: Probe) -> None:
        found.setdefault(probe.name, probe)

    add(Probe("unknown path", "GET", "/no-such-path-3f9c", allowed=frozenset({404})))
    prefixes = {"/"} | {"/" + path.strip("/").split("/")[0] + "/" for _, path, _ in steps if path.strip("/")}
    for prefix in sorted(prefixes):
        for traversal in TRAVERSALS:
            add(Probe(f"traversal {prefix}{traversal}", "GET", prefix + traversal))
    for method, path, step in steps:
        quoted = _quote_path(path)
        add(Probe(f"unknown method {path}", UNKNOWN_METHOD, quoted, allowed=frozenset({404, 405, 501}), agree=False))
        segments = path.split("/")
        for index, segment in enumerate(segments):
            if segment.isascii() and segment.isdigit():
                # The same number in Arabic-Indic digits: a route that accepts it serves a real item
                # under a second URL (Python's int() and \\d take such digits, JavaScript's do not).
                for odd in (*ODD_SEGMENTS, segment.translate(ARABIC_INDIC)):
                    odd_path = "/".join([*segments[:index], odd, *segments[index + 1 :]])
                    add(Probe(f"odd segment {odd!r} in {path}", "GET", _quote_path(odd_path)))
        if method == "GET":
            for key, value in step.request.query.items():
                same_number = [str(value).translate(ARABIC_INDIC)] if str(value).isascii() and str(value).isdigit() else []
                for odd in (*ODD_QUERY_VALUES, *same_number):
                    query = {**_query_pairs(step), key: [odd]}
                    add(Probe(f"odd query {key}={odd[:12]!r} at {path}", "GET", quoted + "?" + _encode_query(query)))
                add(
                    Probe(
                        f"repeated query {key} at {path}",
                        "GET",
                        quoted + "?" + _encode_query({**_query_pairs(step), key: ["1", "2"]}),
                    )
                )
        if method in BODY_METHODS:
            for probe in _body_probes(method, quoted, step):
                if _PLACEHOLDER.search(step.request.path) and probe.allowed is not None:
                    # The resource a captured id names may be gone by now (deleted by a later step):
                    # checking it before the body is as right as checking the body first.
                    probe = replace(probe, allowed=probe.allowed | {404})
                add(probe)
    return list(found.values())


def _body_probes(method: str, target: str, step: Step) -> list[Probe]:
    request = step.request
    where = f"{method} {target}"
    big = b"x" * OVERSIZED_BYTES
    if request.json is not NOT_GIVEN:
        return [
            Probe(
                f"malformed JSON {where}", method, target, (("Content-Type", "application/json"),), b'{"a": ', frozenset({400})
            ),
            Probe(
                f"JSON as text/plain {where}",
                method,
                target,
                (("Content-Type", "text/plain"),),
                json.dumps(request.json).encode(),
                frozenset({415}),
            ),
            Probe(
                f"unsupported charset {where}",
                method,
                target,
                (("Content-Type", "application/json; charset=latin1"),),
                json.dumps(request.json).encode(),
                frozenset({415}),
            ),
            Probe(
                f"compressed JSON {where}",  # labelled gzip but not gzip: a zlib error must not be a 500
                method,
                target,
                (("Content-Type", "application/json"), ("Content-Encoding", "gzip")),
                json.dumps(request.json).encode(),
                frozenset({400, 415}),
            ),
            Probe(
                f"oversized JSON {where}",
                method,
                target,
                (("Content-Type", "application/json"),),
                b'{"a": "' + big + b'"}',
                frozenset({413}),
            ),
        ]
    if request.form is not None:
        return [
            Probe(
                f"oversized form {where}",
                method,
                target,
                (("Content-Type", "application/x-www-form-urlencoded"),),
                b"a=" + big,
                frozenset({413, 415}),  # 415 when the route takes only another content type
            )
        ]
    if request.is_multipart:
        boundary = "hostile-boundary"
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\n'
        ).encode()
        content_type = (("Content-Type", f"multipart/form-data; boundary={boundary}"),)
        return [
            Probe(f"truncated multipart {where}", method, target, content_type, head + b"no closing boundary", frozenset({400})),
            Probe(
                f"oversized multipart {where}",
                method,
                target,
                content_type,
                head + big + f"\r\n--{boundary}--\r\n".encode(),
                frozenset({413}),
            ),
        ]
    if request.body is not None:
        return [Probe(f"oversized body {where}", method, target, (), big, frozenset({400, 413, 415}))]
    return []


def send(port: int, probe: Probe) -> Answer:
    """Send a probe over a raw socket (the target is not normalised) and read the answer, even when the
    server answered before reading the whole body and closed the connection."""
    with socket.create_connection(("127.0.0.1", port), timeout=REQUEST_TIMEOUT) as sock:
        lines = [f"{probe.method} {probe.target} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Connection: close"]
        lines += [f"{name}: {value}" for name, value in probe.headers]
        if probe.body or probe.method in BODY_METHODS:
            lines.append(f"Content-Length: {len(probe.body)}")
        try:
            sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + probe.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered early (e.g. 413 from the declared length); read what it said
        response = http.client.HTTPResponse(sock, method=probe.method)
        response.begin()
        try:
            body = response.read()
        except (http.client.IncompleteRead, ConnectionResetError) as error:
            body = getattr(error, "partial", b"")
        headers: dict[str, str] = {}
        for name, value in response.getheaders():
            key = name.lower()
            headers[key] = f"{headers[key]}, {value}" if key in headers else value
        return Answer(response.status, headers, body)


def leaks(status: int, headers: dict[str, str], text: str, root: Path | None = None) -> list[str]:
    """What the response gives away that it must not (empty when clean)."""
    found = []
    for where, content in (("", text), *((f" in header {name}", value) for name, value in headers.items())):
        for label, pattern in LEAK_PATTERNS:
            if pattern.search(content):
                found.append(f"{label}{where}: {_context(pattern, content)!r}")
        if root is not None and str(root) in content:
            found.append(f"the repository's path{where}")
    if "x-powered-by" in headers:
        found.append(f"an X-Powered-By header ({headers['x-powered-by']!r})")
    return found


def error_format_problems(status: int, headers: dict[str, str], text: str, errors: str) -> list[str]:
    """A 4xx must be the task's error format: JSON with a string `error`, or (errors: page) an HTML page."""
    if not 400 <= status < 500:
        return []
    content_type = headers.get("content-type", "")
    if errors == "page" and content_type.startswith("text/html"):
        return []
    if not content_type.startswith("application/json"):
        wanted = "JSON or an HTML page" if errors == "page" else "JSON"
        return [f"a {status} must be {wanted}, got Content-Type {content_type!r}: {text[:120]!r}"]
    try:
        value = json.loads(text)
    except ValueError:
        return [f"a {status} with Content-Type JSON whose body is not JSON: {text[:120]!r}"]
    if not isinstance(value, dict) or not isinstance(value.get("error"), str) or not value["error"].strip():
        return [f'a {status} must be {{"error": "<message>"}}, got {text[:120]!r}']
    return []


def check(probe: Probe, answer: Answer, errors: str, root: Path | None = None) -> list[str]:
    """Every way an answer breaks the hostile contract."""
    problems = []
    if answer.status >= 500:
        problems.append(f"status {answer.status}: bad input must never be a server error")
    elif probe.allowed is not None and answer.status not in probe.allowed:
        problems.append(f"status {answer.status}, expected {' or '.join(map(str, sorted(probe.allowed)))}")
    if "root:x:0:0" in answer.text:
        problems.append("the body is /etc/passwd")
    problems += leaks(answer.status, answer.headers, answer.text, root)
    problems += error_format_problems(answer.status, answer.headers, answer.text, errors)
    return problems


# --- helpers ---------------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")


def _filled(step: Step, variables: dict[str, str]) -> tuple[str, str, Step]:
    path = _PLACEHOLDER.sub(lambda m: str(variables.get(m.group(1), m.group(0))), step.request.path)
    return step.request.method, path.split("?")[0], step


def _quote_path(path: str) -> str:
    return quote(path, safe="/%:@!$&'()*+,;=-._~")


def _query_pairs(step: Step) -> dict[str, list[str]]:
    pairs: dict[str, list[str]] = {}
    for key, value in step.request.query.items():
        values = value if isinstance(value, list) else [value]
        pairs[key] = [("true" if v else "false") if isinstance(v, bool) else str(v) for v in values]
    return pairs


def _encode_query(pairs: dict[str, list[str]]) -> str:
    return urlencode([(key, value) for key, values in pairs.items() for value in values])


def _context(pattern: re.Pattern, text: str) -> str:
    match = pattern.search(text)
    start = max(match.start() - 20, 0)
    return text[start : match.end() + 20]
