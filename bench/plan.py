"""What the benchmark measures: the server configurations, the scenarios and the run order.

The machine has few cores, so the plan is built around one rule: the servers run on one CPU
and the load generator on another (see bench/affinity.py). Every configuration therefore has
one core; multi-process configurations share it, which this plan states rather than hides.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

APPS_DIR = Path(__file__).resolve().parent / "apps"

# Application settings, passed to both apps through the environment (see bench/apps/flask_app.py).
IO_WAIT_MS = 50
HOLD_MS = 5000
CPU_ITERATIONS = 200_000  # about 20 ms of pure Python on the reference machine, about 1 ms in Node
MEMORY_SAMPLE_MS = 200  # how often the server processes' memory is read from /proc
SETTLE_TIMEOUT_SECONDS = 60  # longest wait for a server to work off a backlog before a measurement
SERVER_CORES = 1  # the servers' share of the machine (the load generator has its own CPU)
SKIP_ABOVE_CAPACITY = 0.8  # a fixed-rate step above this share of the measured capacity is not run

# Routes compared byte for byte (and by headers) across every configuration before measuring.
CHECKED_ROUTES = ("/health", "/hello", "/json", "/io", "/cpu", "/hold")
# Headers allowed to differ: they describe the connection, the server software or the clock.
IGNORED_HEADERS = ("connection", "date", "keep-alive", "server")


@dataclass(frozen=True)
class Process:
    """One program of a configuration; `{...}` placeholders are filled in at start."""

    role: str  # e.g. "gunicorn" or "nginx": names the process in memory figures
    argv: tuple[str, ...]
    listens_on: str = "port"  # "port" (the public one) or "upstream_port" (behind nginx)


@dataclass(frozen=True)
class Configuration:
    """One way of serving one framework, e.g. Flask on gunicorn sync workers behind nginx."""

    id: str
    framework: str  # a framework id from data/comparison.yaml
    label: str
    description: str
    processes: tuple[Process, ...]
    needs_python_modules: tuple[str, ...] = ()
    needs_programs: tuple[str, ...] = ()
    environment: dict = field(default_factory=dict)
    settings: dict = field(default_factory=dict)
    scenarios: tuple[str, ...] | None = None  # None: every scenario

    def command(self, process: Process, values: dict) -> list[str]:
        return [part.format(**values) for part in process.argv]

    def display_command(self) -> str:
        """The commands as a person would type them in bench/apps (ports left as placeholders)."""
        values = {"python": "python", "node": "node", "nginx": "nginx", "port": "{port}",
                  "upstream_port": "{upstream_port}", "nginx_conf": "nginx.conf"}
        env = " ".join(f"{name}={value}" for name, value in self.environment.items())
        commands = [" ".join(self.command(process, values)) for process in self.processes]
        return (env + " " if env else "") + " + ".join(commands)

    def runs(self, scenario_id: str) -> bool:
        return self.scenarios is None or scenario_id in self.scenarios


@dataclass(frozen=True)
class Stream:
    """Requests to one path; in open mode at `rate` per second."""

    path: str
    rate: float = 0


@dataclass(frozen=True)
class Scenario:
    """One load pattern: closed loop (capacity) or open loop at fixed rates (latency)."""

    id: str
    label: str
    short_label: str  # column heading in the overview table
    description: str
    mode: str  # "closed" or "open"
    streams: tuple[Stream, ...]
    duration_seconds: float
    connections: int  # closed: connections kept busy; open: most connections the generator opens
    timeout_seconds: float  # how long the generator waits for answers after the last send
    warmup: bool = True
    capacity_scenario: str | None = None  # open steps above a share of this scenario's result are skipped
    publishes_latency: bool = False  # only open-loop scenarios measure latency without coordinated omission


def configurations(server_cores: int = SERVER_CORES) -> list[Configuration]:
    """The configurations, each following its project's production docs."""
    workers = 2 * server_cores + 1  # gunicorn's docs: (2 x cores) + 1
    threads = 8
    gunicorn = ("{python}", "-m", "gunicorn", "--log-level", "warning", "--workers", str(workers))
    return [
        Configuration(
            "flask-gunicorn-sync", "flask", "Flask, gunicorn sync + nginx",
            f"gunicorn with {workers} sync workers ((2 x {server_cores} core) + 1, gunicorn's rule) behind "
            "nginx, as gunicorn's docs require for sync workers: nginx holds the client connections "
            "and buffers requests, a worker serves one request at a time. nginx runs on the server "
            "core too, and its memory counts.",
            (Process("gunicorn", (*gunicorn, "--bind", "127.0.0.1:{upstream_port}", "--worker-class", "sync",
                                  "flask_app:app"), "upstream_port"),
             Process("nginx", ("{nginx}", "-e", "stderr", "-c", "{nginx_conf}"))),
            ("gunicorn",), ("nginx",), settings={"workers": workers, "nginx_workers": 1},
        ),
        Configuration(
            "flask-gunicorn-gthread", "flask", "Flask, gunicorn gthread",
            f"gunicorn's gthread worker: {workers} processes x {threads} threads, so at most "
            f"{workers * threads} requests are in progress at once. Gunicorn's docs recommend a proxy in "
            "every deployment but require one that buffers slow clients only for the sync workers; gthread "
            "keeps idle keep-alive connections in its own event loop, so this test runs it without one.",
            (Process("gunicorn", (*gunicorn, "--bind", "127.0.0.1:{port}", "--worker-class", "gthread",
                                  "--threads", str(threads), "flask_app:app")),),
            ("gunicorn",), settings={"workers": workers, "threads": threads},
        ),
        Configuration(
            "flask-gunicorn-gevent", "flask", "Flask, gunicorn gevent",
            f"gunicorn's gevent worker: {workers} processes, up to 1,000 connections each; gevent "
            "patches blocking calls such as `time.sleep` so one process interleaves many waiting requests, "
            "but CPU work in one request stops the others in that process.",
            (Process("gunicorn", (*gunicorn, "--bind", "127.0.0.1:{port}", "--worker-class", "gevent",
                                  "--worker-connections", "1000", "flask_app:app")),),
            ("gunicorn", "gevent"), settings={"workers": workers, "worker_connections": 1000},
        ),
        Configuration(
            "express-single", "express", "Express, one process",
            "`node express_app.js` with `NODE_ENV=production`: one process and event loop (one core "
            "is all this test gives each server); `/cpu` runs on the event loop and blocks it.",
            (Process("node", ("{node}", "express_app.js", "--port", "{port}")),),
            settings={"processes": 1},
        ),
        Configuration(
            "express-worker-threads", "express", "Express, worker threads",
            "The same server with `BENCH_CPU_MODE=worker-threads`: `/cpu` runs in a pool of "
            "`worker_threads` (one per CPU the process may use), so the event loop stays free. Only the "
            "CPU scenario uses it; in the others it would be the same server as above.",
            (Process("node", ("{node}", "express_app.js", "--port", "{port}")),),
            environment={"BENCH_CPU_MODE": "worker-threads"}, settings={"processes": 1},
            scenarios=("cpu-mixed",),
        ),
    ]


def scenarios(hold_ms: int = HOLD_MS) -> list[Scenario]:
    hold_seconds = hold_ms / 1000
    return [
        Scenario(
            "hello-capacity", "Capacity: plain text", "Text, capacity",
            "GET /hello (13-byte text). Closed loop: 50 connections, each sending its next request as "
            "soon as the previous one is answered, so the server is always busy. The figure is answers "
            "per second; latency under this load is not a meaningful figure and is not published.",
            "closed", (Stream("/hello"),), 10, 50, 2),
        Scenario(
            "hello-latency", "Latency: plain text at 500 requests/s", "Text, 500/s",
            "GET /hello at a fixed 500 requests per second (open loop): each request's time is measured "
            "from when it was due to be sent, so waiting anywhere counts.",
            "open", (Stream("/hello", 500),), 10, 256, 2, capacity_scenario="hello-capacity",
            publishes_latency=True),
        Scenario(
            "io-latency", f"Waiting on I/O: {IO_WAIT_MS} ms handler at 200 requests/s", "I/O, 200/s",
            f"GET /io, whose handler waits {IO_WAIT_MS} ms without using the CPU (like a slow database "
            "call), at a fixed 200 requests per second (open loop): about 10 requests are waiting at any "
            "moment. A server that can keep fewer than that in progress falls behind.",
            "open", (Stream("/io", 200),), 10, 1000, 2, publishes_latency=True),
        Scenario(
            "cpu-mixed", "CPU-bound requests among short ones", "CPU + text",
            f"GET /cpu (a pure-language loop of {CPU_ITERATIONS:,} steps: in Python it holds the GIL, in "
            "Node it blocks the event loop unless it runs in a worker thread) at 20 requests per second, "
            "mixed with GET /hello at 100 requests per second (open loop). Shows how long the loop takes "
            "in each language and how much it delays the short requests around it.",
            "open", (Stream("/cpu", 20), Stream("/hello", 100)), 10, 256, 2, publishes_latency=True),
        Scenario(
            "hold-1000", f"Long-lived connections: 1,000 requests held {hold_seconds:g} s", "Held, 1,000",
            f"1,000 requests to GET /hold, whose handler keeps the request open for {hold_seconds:g} s "
            "(like a client waiting for server-sent events), sent over 2 s, each on its own connection; "
            f"the generator then waits up to {hold_seconds + min(3, hold_seconds):g} s more. Counts how many are answered, and "
            "the server's memory while they are open. Runs last for each server: one that cannot hold "
            "them keeps a queue.",
            "open", (Stream("/hold", 500),), 2, 1000, hold_seconds + min(3, hold_seconds), warmup=False),
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


def block_order(configs: list[Configuration], rng: random.Random) -> list[Configuration]:
    """Configurations in the order one repeat runs them: shuffled, so drift lands anywhere."""
    order = list(configs)
    rng.shuffle(order)
    return order


def scenario_order(config: Configuration, chosen: list[Scenario], rng: random.Random) -> list[Scenario]:
    """One configuration's scenarios for one repeat: capacity first (the rate steps depend on it),
    the long-lived test last (a server that could not hold it keeps a queue), the rest shuffled."""
    mine = [s for s in chosen if config.runs(s.id)]
    first = [s for s in mine if s.mode == "closed"]
    last = [s for s in mine if not s.warmup]
    middle = [s for s in mine if s not in first and s not in last]
    rng.shuffle(middle)
    return first + middle + last


def python_executable() -> str:
    return sys.executable
