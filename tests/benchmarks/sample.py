"""A small, hand-made results document for the benchmark tests (not measured: every number is
chosen so that medians, ranges and ratios are easy to check by eye)."""

from __future__ import annotations

import copy
import io
from pathlib import Path

from ruamel.yaml import YAML

_LATENCY = {"p50": 12.4, "p90": 20.0, "p99": 38.0, "max": 51.5, "mean": 13.1}
_NO_ERRORS = {"connect": 0, "read": 0, "write": 0, "status": 0, "timeout": 0}


def _run(sequence, repeat, configuration, scenario, requests, duration=3.0, **extra) -> dict:
    run = {
        "sequence": sequence,
        "repeat": repeat,
        "configuration": configuration,
        "scenario": scenario,
        "status": "ok",
        "port": 40000 + sequence,
        "command": f"wrk --threads=1 --connections=50 --duration=3s --timeout=2s "
        f"--script=bench/wrk_report.lua http://127.0.0.1:{40000 + sequence}/hello",
        "requests": requests,
        "duration_seconds": duration,
        "requests_per_second": round(requests / duration, 1),
        "latency_ms": dict(_LATENCY),
        "errors": dict(_NO_ERRORS),
        "peak_rss_bytes": 150 * 2**20,
        "peak_pss_bytes": 90 * 2**20,
        "server_processes": 5,
    }
    run.update(extra)
    return run


def sample_document() -> dict:
    """Two configurations x three scenarios x three repeats, with one failed run and one with errors."""
    runs = []
    sequence = 0
    plan = {
        ("flask-gunicorn-sync", "hello"): [9000, 9300, 9150],
        ("express-single", "hello"): [18000, 18600, 18300],
        ("flask-gunicorn-sync", "io-10"): [240, 239, 241],
        ("express-single", "io-10"): [570, 580, 575],
        ("flask-gunicorn-sync", "io-1000"): [225, 228, 231],
        ("express-single", "io-1000"): [15000, 15300, 14700],
    }
    for repeat in (1, 2, 3):
        for (configuration, scenario), requests in plan.items():
            sequence += 1
            runs.append(_run(sequence, repeat, configuration, scenario, requests[repeat - 1]))
    # One run with timeouts (kept, flagged) and one failed run (left out of the median).
    timeouts = next(r for r in runs if r["configuration"] == "flask-gunicorn-sync" and r["scenario"] == "io-1000")
    timeouts.update(status="errors", problem="wrk counted 79 timeouts", errors=dict(_NO_ERRORS, timeout=79))
    failed_index = next(
        i for i, r in enumerate(runs) if r["configuration"] == "express-single" and r["scenario"] == "io-10"
    )
    runs[failed_index] = {
        "sequence": runs[failed_index]["sequence"],
        "repeat": runs[failed_index]["repeat"],
        "configuration": "express-single",
        "scenario": "io-10",
        "status": "failed",
        "problem": "server failed to start: port 127.0.0.1:40123 is already in use",
    }
    return {
        "schema_version": 1,
        "mode": "full",
        "started_at": "2026-11-21T09:00:00+00:00",
        "finished_at": "2026-11-21T09:01:30+00:00",
        "duration_seconds": 90.2,
        "load_average_at_start": [0.12, 0.2, 0.25],
        "load_average_at_end": [1.5, 0.8, 0.4],
        "machine": {
            "cpu_model": "Example CPU 9000",
            "logical_cpus": 2,
            "memory_bytes": 8 * 2**30,
            "os": "Debian GNU/Linux 12 (bookworm)",
            "kernel": "Linux 6.1.0",
        },
        "versions": {"python": "3.11.7", "flask": "3.1.3", "node": "20.20.2", "express": "5.3.0", "wrk": "4.1.0"},
        "settings": {
            "repeats": 3,
            "duration_seconds": 3,
            "warmup_seconds": 1,
            "warmup_max_connections": 100,
            "wrk_threads": 1,
            "wrk_timeout_seconds": 2,
            "io_wait_ms": 50,
            "cpu_iterations": 20000,
            "memory_sample_ms": 100,
            "fd_limit": 65536,
            "host": "127.0.0.1",
            "harness_command": "python -m bench.run",
            "wrk_command": "wrk --threads=1 --connections={connections} --duration=3s --timeout=2s "
            "--script=bench/wrk_report.lua http://127.0.0.1:{port}{path}",
        },
        "configurations": [
            {
                "id": "flask-gunicorn-sync",
                "framework": "flask",
                "label": "Flask, gunicorn sync",
                "description": "gunicorn with 4 sync workers.",
                "command": "python -m gunicorn --bind 127.0.0.1:{port} --workers 4 flask_app:app",
                "settings": {"workers": 4},
            },
            {
                "id": "express-single",
                "framework": "express",
                "label": "Express, single process",
                "description": "`node express_app.js`: one event loop.",
                "command": "node express_app.js --port {port}",
                "settings": {"processes": 1},
            },
        ],
        "scenarios": [
            {
                "id": "hello",
                "group": "hello",
                "label": "Plain text",
                "short_label": "Text",
                "description": "GET /hello: a 13-byte text body.",
                "path": "/hello",
                "connections": 50,
            },
            {
                "id": "io-10",
                "group": "io",
                "label": "I/O wait (50 ms), 10 connections",
                "short_label": "I/O, 10",
                "description": "GET /io: waits 50 ms.",
                "path": "/io",
                "connections": 10,
            },
            {
                "id": "io-1000",
                "group": "io",
                "label": "I/O wait (50 ms), 1000 connections",
                "short_label": "I/O, 1000",
                "description": "GET /io: waits 50 ms.",
                "path": "/io",
                "connections": 1000,
            },
        ],
        "runs": runs,
    }


def dump_yaml(document: dict) -> str:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.width = 4096
    buffer = io.StringIO()
    yaml.dump(copy.deepcopy(document), buffer)
    return buffer.getvalue()


def write_document(document: dict, path: Path) -> Path:
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
