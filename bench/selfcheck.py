"""The harness's self-check: prove, before trusting a run, that the load generator notices failure.

A deliberately faulty server answers five paths in five ways: correctly, with status 500, with
the wrong body, by closing the connection without an answer, and not at all. The generator
loads each path at a fixed rate; the check passes only if every request lands in the right
count (answered, failed by status, failed by body, reset, unanswered). A generator that counted
a wrong answer as a good one would fail here, so a run that reports "no errors" means something.
Counts, not timings, are compared, so the check is exact on a busy machine too.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .loadgen import Load, run_load

RATE = 20
DURATION_SECONDS = 1
EXPECTED_BODY = b"ok"
# path -> (where each request must be counted)
FAULTS = {
    "/ok": "answered",
    "/status": "status",
    "/body": "body",
    "/reset": "reset",
    "/hang": "unanswered",
}


class _FaultyHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    release: threading.Event

    def do_GET(self):  # noqa: N802 (http.server's naming)
        if self.path == "/reset":
            self.close_connection = True  # close without a word
            return
        if self.path == "/hang":
            self.release.wait(30)
            self.close_connection = True
            return
        status, body = {"/ok": (200, EXPECTED_BODY), "/status": (500, EXPECTED_BODY),
                        "/body": (200, b"not ok")}.get(self.path, (404, b"?"))
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args):
        pass


def expected_counts(rate: float = RATE, seconds: float = DURATION_SECONDS) -> dict[str, dict[str, int]]:
    sent = int(rate * seconds)
    return {path: {"sent": sent, where: sent} for path, where in FAULTS.items()}


def counted(report: dict) -> dict[str, dict[str, int]]:
    result = {}
    for stream in report["streams"]:
        counts = {"sent": stream["sent"], "answered": stream["answered"], "unanswered": stream["unanswered"],
                  **stream["failed"]}
        result[stream["path"]] = {name: value for name, value in counts.items() if value}
    return result


def run_self_check(node: str, cpus: frozenset[int] | None = None) -> dict:
    """Run the check; return a record for the results file (`passed` says whether it held)."""
    release = threading.Event()
    handler = type("FaultyHandler", (_FaultyHandler,), {"release": release})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        load = Load("open", tuple((path, RATE, EXPECTED_BODY) for path in FAULTS), DURATION_SECONDS, 256, 1)
        report = run_load(node, load, server.server_address[1], cpus)
    finally:
        release.set()
        server.shutdown()
        server.server_close()
    expected, found = expected_counts(), counted(report)
    return {
        "passed": expected == found,
        "what": ("a faulty server answered five paths correctly, with status 500, with a wrong body, by "
                 "closing the connection, and not at all; the generator had to count each request in the "
                 "right place"),
        "expected": expected,
        "counted": found,
    }
