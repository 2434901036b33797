"""The Flask app that the benchmark harness serves; the Express twin is express_app.js.

Both apps answer the same five routes with the same bodies, so a difference in the numbers
comes from the framework and its server, not from different work:

    /health  the run token (lets the harness check it reached *its* server, not a stranger's)
    /hello   a short plain-text body
    /json    a small JSON document, serialised on every request
    /io      waits IO_WAIT_SECONDS without using the CPU, like a slow database call
    /cpu     PBKDF2-HMAC-SHA256 with CPU_ITERATIONS rounds: fixed CPU work done in OpenSSL,
             the same C routine that Node's crypto.pbkdf2Sync calls

Settings come from the environment so the harness and a person rerunning by hand agree.
"""

from __future__ import annotations

import hashlib
import os
import time

from flask import Flask, Response, jsonify

IO_WAIT_SECONDS = int(os.environ.get("BENCH_IO_WAIT_MS", "50")) / 1000
CPU_ITERATIONS = int(os.environ.get("BENCH_CPU_ITERATIONS", "20000"))
RUN_TOKEN = os.environ.get("BENCH_TOKEN", "bench")

# Built once: the scenario measures serialisation, not building the data.
JSON_DOCUMENT = {
    "message": "Hello, World!",
    "items": [{"id": number, "name": f"item {number}", "active": number % 2 == 0} for number in range(10)],
}

app = Flask(__name__)


@app.get("/health")
def health() -> Response:
    return Response(RUN_TOKEN, mimetype="text/plain")


@app.get("/hello")
def hello() -> Response:
    return Response("Hello, World!", mimetype="text/plain")


@app.get("/json")
def json_document() -> Response:
    return jsonify(JSON_DOCUMENT)


@app.get("/io")
def io_wait() -> Response:
    # Under gunicorn's gevent worker this sleep is monkey-patched and yields to other requests;
    # under sync and gthread workers it holds the worker or thread, as a blocking driver would.
    time.sleep(IO_WAIT_SECONDS)
    return Response("waited", mimetype="text/plain")


@app.get("/cpu")
def cpu_work() -> Response:
    digest = hashlib.pbkdf2_hmac("sha256", b"benchmark", b"fixed-salt", CPU_ITERATIONS)
    return Response(digest.hex(), mimetype="text/plain")
