"""The Flask app that the benchmark harness serves; the Express twin is express_app.js.

Both apps answer the same routes with byte-identical bodies and the same Content-Type; the
harness checks that before it measures anything (bench/equivalence.py), so a difference in the
numbers comes from the framework and its server, not from different work:

    /health  the run token (lets the harness check it reached *its* server, not a stranger's)
    /hello   a short plain-text body
    /json    a small JSON document, serialised on every request (compact, keys in insertion
             order, no trailing newline: what Express's res.json sends)
    /io      waits IO_WAIT_MS without using the CPU, like a slow database call
    /cpu     a pure-Python loop of CPU_ITERATIONS steps. It holds the GIL (no C call releases
             it), so threads of one process cannot run it in parallel; the answer is the loop's
             result, which the Express twin computes with the same arithmetic
    /hold    waits HOLD_MS: a long-lived request, like a client waiting for server-sent events

Settings come from the environment so the harness and a person rerunning by hand agree.
"""

from __future__ import annotations

import json
import os
import time

from flask import Flask, Response

IO_WAIT_SECONDS = int(os.environ.get("BENCH_IO_WAIT_MS", "50")) / 1000
HOLD_SECONDS = int(os.environ.get("BENCH_HOLD_MS", "5000")) / 1000
CPU_ITERATIONS = int(os.environ.get("BENCH_CPU_ITERATIONS", "100000"))
RUN_TOKEN = os.environ.get("BENCH_TOKEN", "bench")
TEXT = "text/plain; charset=utf-8"
JSON_TYPE = "application/json; charset=utf-8"  # what Express's res.json sends

# Built once: the scenario measures serialisation, not building the data.
JSON_DOCUMENT = {
    "message": "Hello, World!",
    "items": [{"id": number, "name": f"item {number}", "active": number % 2 == 0} for number in range(10)],
}

app = Flask(__name__)


def spin(iterations: int) -> int:
    """Pure-Python arithmetic: bytecode all the way, so the GIL is held throughout."""
    value = 0
    for step in range(iterations):
        value = (value * 31 + step) % 1000003
    return value


@app.get("/health")
def health() -> Response:
    return Response(RUN_TOKEN, content_type=TEXT)


@app.get("/hello")
def hello() -> Response:
    return Response("Hello, World!", content_type=TEXT)


@app.get("/json")
def json_document() -> Response:
    # Not jsonify: it sorts keys and appends a newline, so the bytes would differ from Express's.
    return Response(json.dumps(JSON_DOCUMENT, separators=(",", ":")), content_type=JSON_TYPE)


@app.get("/io")
def io_wait() -> Response:
    # Under gunicorn's gevent worker this sleep is monkey-patched and yields to other requests;
    # under sync and gthread workers it holds the worker or thread, as a blocking driver would.
    time.sleep(IO_WAIT_SECONDS)
    return Response("waited", content_type=TEXT)


@app.get("/cpu")
def cpu_work() -> Response:
    return Response(str(spin(CPU_ITERATIONS)), content_type=TEXT)


@app.get("/hold")
def hold() -> Response:
    time.sleep(HOLD_SECONDS)
    return Response("held", content_type=TEXT)
