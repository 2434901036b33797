"""What the benchmark measures: the server configurations, the scenarios and the run order."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

APPS_DIR = Path(__file__).resolve().parent / "apps"
CORES = os.cpu_count() or 1

# Application settings, passed to both apps through the environment (see bench/apps/flask_app.py).
IO_WAIT_MS = 50
CPU_ITERATIONS = 20000
MEMORY_SAMPLE_MS = 100  # how often the server processes' memory is read from /proc
WARMUP_MAX_CONNECTIONS = 100  # warming up needs traffic, not the full 1000 connections
SETTLE_TIMEOUT_SECONDS = 60  # longest wait for a server to work off a backlog before a measurement


@dataclass(frozen=True)
class Configuration:
    """One way of serving one framework, e.g. Flask on gunicorn with sync workers."""

    id: str
    framework: str  # "flask" or "express"
    label: str
    description: str
    argv: tuple[str, ...]  # "{python}", "{node}" and "{port}" are filled in at start
    needs_python_modules: tuple[str, ...] = ()
    settings: dict = field(default_factory=dict)

    def command(self, port: int | str, python: str = sys.executable, node: str = "node") -> list[str]:
        values = {"python": python, "node": node, "port": str(port)}
        return [part.format(**values) for part in self.argv]

    def display_command(self) -> str:
        """The command as a person would type it in bench/apps (port left as a placeholder)."""
        return " ".join(self.command("{port}", python="python", node="node"))


@dataclass(frozen=True)
class Scenario:
    """One request type at one concurrency, e.g. the 50 ms wait at 1000 connections."""

    id: str
    group: str  # scenarios in one group share a route and differ only in connections
    label: str
    short_label: str  # column heading in the overview table
    description: str
    path: str
    connections: int


def configurations(cores: int = CORES) -> list[Configuration]:
    sync_workers = 2 * cores
    threads = 8
    bind = ["--bind", "127.0.0.1:{port}", "--log-level", "warning"]
    return [
        Configuration(
            "flask-gunicorn-sync", "flask", "Flask, gunicorn sync",
            f"gunicorn with {sync_workers} sync worker processes (2 x {cores} cores, the Flask docs' "
            "rule of thumb); each worker serves one request at a time and closes the connection after it.",
            ("{python}", "-m", "gunicorn", *bind, "--workers", str(sync_workers), "--worker-class", "sync",
             "flask_app:app"),
            ("gunicorn",), {"workers": sync_workers},
        ),
        Configuration(
            "express-single", "express", "Express, single process",
            "`node express_app.js`: a single process and event loop, Express defaults.",
            ("{node}", "express_app.js", "--port", "{port}"),
            (), {"processes": 1},
        ),
        Configuration(
            "flask-gunicorn-gthread", "flask", "Flask, gunicorn gthread",
            f"gunicorn's gthread worker: {sync_workers} processes x {threads} threads, so at most "
            f"{sync_workers * threads} requests are in progress at once; keep-alive is supported.",
            ("{python}", "-m", "gunicorn", *bind, "--workers", str(sync_workers), "--worker-class", "gthread",
             "--threads", str(threads), "flask_app:app"),
            ("gunicorn",), {"workers": sync_workers, "threads": threads},
        ),
        Configuration(
            "express-cluster", "express", "Express, cluster",
            f"`node express_app.js --workers {cores}`: node:cluster forks one worker process per core; "
            "the primary shares incoming connections between them.",
            ("{node}", "express_app.js", "--port", "{port}", "--workers", str(cores)),
            (), {"processes": cores},
        ),
        Configuration(
            "flask-gunicorn-gevent", "flask", "Flask, gunicorn gevent",
            f"gunicorn's gevent worker: {sync_workers} processes, up to 1000 connections each; gevent "
            "patches blocking calls such as time.sleep so one process interleaves many waiting requests.",
            ("{python}", "-m", "gunicorn", *bind, "--workers", str(sync_workers), "--worker-class", "gevent",
             "--worker-connections", "1000", "flask_app:app"),
            ("gunicorn", "gevent"), {"workers": sync_workers, "worker_connections": 1000},
        ),
        Configuration(
            "flask-dev-server", "flask", "Flask, dev server",
            "`flask run` without debug or reloader: Werkzeug's threaded development server, one thread "
            "per connection in one process. The Flask docs say not to use it in production.",
            ("{python}", "-m", "flask", "--app", "flask_app", "run", "--host", "127.0.0.1", "--port", "{port}"),
            ("flask",), {"processes": 1},
        ),
    ]


def scenarios() -> list[Scenario]:
    wait = f"{IO_WAIT_MS} ms"
    io_text = (f"GET /io: the handler waits {wait} without using the CPU (like a slow database call), "
               "then returns a short text.")
    return [
        Scenario("hello", "hello", "Plain text", "Text", "GET /hello: a 13-byte text body.", "/hello", 50),
        Scenario("json", "json", "JSON serialisation", "JSON",
                 "GET /json: a small document (a message and 10 items) serialised on each request.", "/json", 50),
        Scenario("cpu", "cpu", "CPU-bound handler", "CPU",
                 f"GET /cpu: PBKDF2-HMAC-SHA256 with {CPU_ITERATIONS} rounds (a few ms of CPU), computed "
                 "synchronously in the handler by the same OpenSSL routine in both apps.", "/cpu", 50),
        Scenario("io-10", "io", f"I/O wait ({wait}), 10 connections", "I/O, 10", io_text, "/io", 10),
        Scenario("io-100", "io", f"I/O wait ({wait}), 100 connections", "I/O, 100", io_text, "/io", 100),
        # Last in each block: a server that falls behind here keeps a backlog of queued connections,
        # which must not spill into another scenario's measurement.
        Scenario("io-1000", "io", f"I/O wait ({wait}), 1000 connections", "I/O, 1000", io_text, "/io", 1000),
    ]


def select(items: list, wanted: str | None, kind: str) -> list:
    """Keep the items whose id is in the comma-separated `wanted` list (all when None)."""
    if not wanted:
        return items
    ids = [part.strip() for part in wanted.split(",") if part.strip()]
    known = {item.id for item in items}
    unknown = [name for name in ids if name not in known]
    if unknown:
        raise ValueError(f"unknown {kind}: {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    return [item for item in items if item.id in ids]


def block_order(configs: list[Configuration], repeat: int) -> list[Configuration]:
    """Configurations in the order one repeat runs them.

    The list alternates Flask and Express, and every other repeat runs it backwards, so a slow
    drift of the machine (heat, a neighbour's load) lands on both frameworks rather than one.
    """
    flask = [c for c in configs if c.framework == "flask"]
    express = [c for c in configs if c.framework != "flask"]
    order: list[Configuration] = []
    while flask or express:
        if flask:
            order.append(flask.pop(0))
        if express:
            order.append(express.pop(0))
    return order if repeat % 2 == 1 else order[::-1]
