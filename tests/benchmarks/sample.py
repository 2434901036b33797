"""A small, hand-made results document for the benchmark tests (not measured: every number is
chosen so that medians, ranges and counts are easy to check by eye).

Two configurations (Flask on gunicorn sync behind nginx, Express in one process), three repeats,
four scenarios: a closed-loop capacity test, an open-loop latency step, an I/O step at which
Flask falls behind (saturated: no latency may be published for it), and the long-lived test.
One run has errors, one failed, one latency step was skipped.
"""

from __future__ import annotations

import copy
import io
from pathlib import Path

from ruamel.yaml import YAML

from bench.summary import METHOD, summarise

MIB = 2**20
_NO_FAILURES = {"status": 0, "body": 0, "framing": 0, "reset": 0, "connect": 0}


def latency(p50: float, p99: float) -> dict:
    return {"p50": p50, "p90": round((p50 + p99) / 2, 3), "p99": p99, "p999": p99 + 1, "max": p99 + 2,
            "mean": p50 + 0.1}


def stream(path: str, answered: int, seconds: float, rate: float | None = None, scheduled: int | None = None,
           unanswered: int = 0, not_sent: int = 0, failed: dict | None = None, lat: dict | None = None) -> dict:
    failures = dict(_NO_FAILURES, **(failed or {}))
    sent = answered + sum(failures.values()) + unanswered
    record = {"path": path}
    if rate is not None:
        record["rate"] = rate
    record.update({
        "scheduled": scheduled if scheduled is not None else sent + not_sent,
        "sent": sent, "answered": answered, "failed": failures, "unanswered": unanswered, "not_sent": not_sent,
        "answered_per_second": round(answered / seconds, 1),
    })
    if answered:
        record["latency_ms"] = lat or latency(1.0, 5.0)
    if rate is not None:
        record["send_lag_ms"] = latency(0.01, 0.2)
    return record


def measured(sequence: int, repeat: int, configuration: str, scenario: str, streams: list[dict], seconds: float,
             pss_mib: int, status: str = "ok", problem: str | None = None) -> dict:
    run = {"sequence": sequence, "repeat": repeat, "configuration": configuration, "scenario": scenario,
           "status": status}
    if problem:
        run["problem"] = problem
    run.update({
        "port": 40000 + sequence,
        "settle_seconds": 0.01,
        "machine_load": {"load_average_1m": 0.5 + sequence / 100, "cpu_busy_percent": {"cpu0": 90.0, "cpu1": 40.0},
                         "other_processes_cpu_percent": 1.5,
                         "busiest_other_processes": [{"command": "python3", "cpu_percent": 1.0}]},
        "generator": {"measured_seconds": seconds, "connections_opened": 50, "peak_connections": 50,
                      "generator_cpu_seconds": 3.0},
        "streams": streams,
        "memory": {"pss_bytes": pss_mib * MIB, "uss_bytes": (pss_mib - 10) * MIB,
                   "processes": [{"role": "server", "pss_bytes": pss_mib * MIB, "uss_bytes": (pss_mib - 10) * MIB}]},
    })
    return run


def sample_document() -> dict:
    runs = []

    def add(run_builder, *args, **kwargs):
        runs.append(run_builder(len(runs) + 1, *args, **kwargs))

    for repeat in (1, 2, 3):
        # Capacity (closed loop): Flask 1,700 / 1,800 / 1,750 per second, Express 6,000 / 6,400 / 6,200.
        flask_rate, express_rate = (1700, 1800, 1750)[repeat - 1], (6000, 6400, 6200)[repeat - 1]
        add(measured, repeat, "flask-gunicorn-sync", "hello-capacity",
            [stream("/hello", flask_rate * 10, 10.0)], 10.0, 70)
        add(measured, repeat, "express-single", "hello-capacity",
            [stream("/hello", express_rate * 10, 10.0)], 10.0, 60)
        # Latency at 500/s: both keep up; Flask p99 6, 7, 8 ms, Express p99 3, 4, 5 ms.
        add(measured, repeat, "flask-gunicorn-sync", "hello-latency",
            [stream("/hello", 5000, 10.0, rate=500, lat=latency(0.7, 5.0 + repeat))], 10.0, 71)
        add(measured, repeat, "express-single", "hello-latency",
            [stream("/hello", 5000, 10.0, rate=500, lat=latency(0.3, 2.0 + repeat))], 10.0, 61)
        # I/O at 200/s: Flask falls behind every time; Express keeps up.
        add(measured, repeat, "flask-gunicorn-sync", "io-latency",
            [stream("/io", 600 + repeat, 10.0, rate=200, unanswered=400, not_sent=1000 - repeat)], 10.0, 72,
            status="saturated", problem="the server fell behind")
        add(measured, repeat, "express-single", "io-latency",
            [stream("/io", 2000, 10.0, rate=200, lat=latency(51.0, 55.0 + repeat))], 10.0, 62)
        # Long-lived: Flask answers 6, Express 1,000.
        add(measured, repeat, "flask-gunicorn-sync", "hold-1000",
            [stream("/hold", 6, 2.0, rate=500, unanswered=994, lat=latency(5000.0, 6000.0))], 2.0, 80,
            status="saturated", problem="the server fell behind")
        add(measured, repeat, "express-single", "hold-1000",
            [stream("/hold", 1000, 2.0, rate=500, lat=latency(5001.0, 5020.0))], 2.0, 90 + repeat)
    # Repeat 2: Express's I/O run counted 3 wrong bodies; repeat 3: Flask's latency step was skipped,
    # and Express's capacity run failed.
    express_io = next(r for r in runs if r["repeat"] == 2 and r["configuration"] == "express-single"
                      and r["scenario"] == "io-latency")
    express_io["streams"] = [stream("/io", 1997, 10.0, rate=200, failed={"body": 3}, lat=latency(51.0, 57.0))]
    express_io.update(status="errors", problem="the generator counted 3 answers with a wrong body")
    express_io = {key: express_io[key] for key in ("sequence", "repeat", "configuration", "scenario", "status",
                                                   "problem", "port", "settle_seconds", "machine_load", "generator",
                                                   "streams", "memory")}
    runs[[r["sequence"] for r in runs].index(express_io["sequence"])] = express_io
    for index, run in enumerate(runs):
        if run["repeat"] == 3 and run["configuration"] == "flask-gunicorn-sync" and run["scenario"] == "hello-latency":
            runs[index] = {key: run[key] for key in ("sequence", "repeat", "configuration", "scenario")}
            runs[index].update(status="skipped", problem="not run: 500 requests/s is more than 80% of the capacity")
        if run["repeat"] == 3 and run["configuration"] == "express-single" and run["scenario"] == "hello-capacity":
            runs[index] = {key: run[key] for key in ("sequence", "repeat", "configuration", "scenario")}
            runs[index].update(status="failed", problem="server failed to start: port 127.0.0.1:40123 is already in use")
    memory = {"pss_bytes": 0, "uss_bytes": 0, "processes": []}

    def idle(pss_mib: list[int], role: str) -> dict:
        processes = [{"role": role if i == 0 else f"{role} worker", "pss_bytes": value * MIB,
                      "uss_bytes": (value - 5) * MIB} for i, value in enumerate(pss_mib)]
        return dict(memory, pss_bytes=sum(pss_mib) * MIB, uss_bytes=sum(p - 5 for p in pss_mib) * MIB,
                    processes=processes)

    server_starts = []
    for repeat in (1, 2, 3):
        server_starts.append({"repeat": repeat, "configuration": "flask-gunicorn-sync",
                              "affinity": {"gunicorn": "0", "nginx master": "0"},
                              "idle_memory": idle([20, 15, 15, 15, 4 + repeat], "gunicorn")})
        server_starts.append({"repeat": repeat, "configuration": "express-single", "affinity": {"node": "0"},
                              "idle_memory": idle([45 + repeat], "node")})
    return {
        "schema_version": 2,
        "mode": "full",
        "started_at": "2026-11-21T09:00:00+00:00",
        "finished_at": "2026-11-21T09:20:00+00:00",
        "duration_seconds": 1200.4,
        "load_average_at_start": [0.12, 0.2, 0.25],
        "load_average_at_end": [1.5, 0.8, 0.4],
        "machine": {"cpu_model": "Example CPU 9000", "logical_cpus": 2, "memory_bytes": 8 * 2**30,
                    "os": "Debian GNU/Linux 12 (bookworm)", "kernel": "Linux 6.1.0"},
        "versions": {"python": "3.11.7", "flask": "3.1.3", "gunicorn": "27.0.1", "node": "26.10.0",
                     "express": "5.3.0", "nginx": "1.22.1"},
        "settings": {
            "repeats": 3, "duration_seconds": 10, "warmup_seconds": 1, "seed": 424242, "io_wait_ms": 50,
            "hold_ms": 5000, "cpu_iterations": 200000, "memory_sample_ms": 200, "skip_above_capacity": 0.8,
            "fd_limit": 65536, "host": "127.0.0.1", "harness_command": "python -m bench.run",
            "load_generator": "node bench/loadgen.js (run as node loadgen.js)",
        },
        "method": dict(METHOD),
        "affinity": {"pinned": True, "server_cpus": "0", "generator_cpus": "1", "harness_cpus": "1",
                     "note": "servers pinned to the server CPU; generator and harness to the other."},
        "self_check": {"passed": True, "what": "a faulty server",
                       "expected": {"/ok": {"sent": 20, "answered": 20}, "/status": {"sent": 20, "status": 20}},
                       "counted": {"/ok": {"sent": 20, "answered": 20}, "/status": {"sent": 20, "status": 20}}},
        "equivalence": {
            "passed": True, "configurations": ["flask-gunicorn-sync", "express-single"],
            "ignored_headers": ["connection", "date", "keep-alive", "server"],
            "routes": [{"path": "/hello", "status": 200, "body_bytes": 13, "body_sha256": "a" * 64,
                        "headers": {"content-length": "13", "content-type": "text/plain; charset=utf-8"}}],
        },
        "configurations": [
            {"id": "flask-gunicorn-sync", "framework": "flask", "label": "Flask, gunicorn sync + nginx",
             "description": "gunicorn with 3 sync workers behind nginx.",
             "command": "python -m gunicorn --workers 3 flask_app:app + nginx -c nginx.conf",
             "settings": {"workers": 3}, "scenarios": ["hello-capacity", "hello-latency", "io-latency", "hold-1000"]},
            {"id": "express-single", "framework": "express", "label": "Express, one process",
             "description": "`node express_app.js`: one event loop.", "command": "node express_app.js --port {port}",
             "settings": {"processes": 1}, "scenarios": ["hello-capacity", "hello-latency", "io-latency", "hold-1000"]},
        ],
        "scenarios": [
            {"id": "hello-capacity", "label": "Capacity: plain text", "short_label": "Text, capacity",
             "description": "GET /hello, closed loop.", "mode": "closed", "connections": 50, "timeout_seconds": 2,
             "publishes_latency": False, "streams": [{"path": "/hello"}]},
            {"id": "hello-latency", "label": "Latency: plain text at 500 requests/s", "short_label": "Text, 500/s",
             "description": "GET /hello at 500/s, open loop.", "mode": "open", "connections": 256,
             "timeout_seconds": 2, "publishes_latency": True, "streams": [{"path": "/hello", "rate": 500}],
             "capacity_scenario": "hello-capacity"},
            {"id": "io-latency", "label": "Waiting on I/O at 200 requests/s", "short_label": "I/O, 200/s",
             "description": "GET /io at 200/s.", "mode": "open", "connections": 1000, "timeout_seconds": 2,
             "publishes_latency": True, "streams": [{"path": "/io", "rate": 200}]},
            {"id": "hold-1000", "label": "Long-lived connections", "short_label": "Held, 1,000",
             "description": "1,000 requests held 5 s.", "mode": "open", "connections": 1000, "timeout_seconds": 8,
             "publishes_latency": False, "streams": [{"path": "/hold", "rate": 500}]},
        ],
        "server_starts": server_starts,
        "cells": [],  # filled in by write_document, as the harness does at the end of a run
        "runs": runs,
    }


def dump_yaml(document: dict) -> str:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.width = 4096
    buffer = io.StringIO()
    yaml.dump(copy.deepcopy(document), buffer)
    return buffer.getvalue()


def write_document(document: dict, path: Path, summarise_runs: bool = True) -> Path:
    """Write the document; by default its per-cell summary is first recomputed from its runs, as the
    harness does, so a test that changes runs gets a consistent file (pass False to test the check)."""
    if summarise_runs and "cells" in document and "runs" in document:
        document = dict(document, cells=summarise(document))
    path.write_text("# test results\n" + dump_yaml(document), encoding="utf-8")
    return path


def line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    """1-based line number of the `occurrence`-th line containing `needle`."""
    seen = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} not found {occurrence} times in {path}")
