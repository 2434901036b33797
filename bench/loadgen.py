"""Run the load generator (bench/loadgen.js, on the pinned Node) and return its counters.

The generator is bounded three ways: its own schedule (duration, then at most `timeout_seconds`
waiting for answers), its own hard deadline, and a subprocess deadline here on top.
"""

from __future__ import annotations

import base64
import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .processes import child_setup, stop_group, track_group

GENERATOR = Path(__file__).resolve().parent / "loadgen.js"
_RESULT_LINE = re.compile(r"^BENCH_RESULT (\{.*\})$", re.MULTILINE)
FAILURE_KINDS = ("status", "body", "framing", "reset", "connect")


class LoadGeneratorError(RuntimeError):
    """The generator could not run or gave no result."""


@dataclass(frozen=True)
class Load:
    """What to send: mode, streams (path, rate, the exact body expected back), limits."""

    mode: str  # "open" or "closed"
    streams: tuple[tuple[str, float, bytes], ...]  # (path, rate per second, expected body)
    duration_seconds: float
    connections: int
    timeout_seconds: float

    def spec(self, port: int) -> dict:
        return {
            "host": "127.0.0.1", "port": port, "mode": self.mode, "connections": self.connections,
            "duration_seconds": self.duration_seconds, "timeout_seconds": self.timeout_seconds,
            "streams": [{"path": path, "rate": rate, "expected_body_base64": base64.b64encode(body).decode()}
                        for path, rate, body in self.streams],
        }


def generator_command(node: str) -> list[str]:
    return [node, str(GENERATOR)]


def run_load(node: str, load: Load, port: int, cpus: frozenset[int] | None = None) -> dict:
    """Run one load; return the generator's report (see loadgen.js `report`)."""
    argv = [*generator_command(node), json.dumps(load.spec(port))]
    deadline = load.duration_seconds + load.timeout_seconds + 30
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True, preexec_fn=child_setup(cpus))  # noqa: PLW1509
    track_group(process.pid)  # so Ctrl-C stops the generator too, not only the servers
    try:
        stdout, stderr = process.communicate(timeout=deadline)
    except subprocess.TimeoutExpired:
        stop_group(process.pid, grace=1.0)
        process.communicate()
        raise LoadGeneratorError(f"the load generator did not finish within {deadline:g} s and was stopped") from None
    finally:
        stop_group(process.pid, grace=1.0)  # returns at once (and forgets the group) if it has exited
    match = _RESULT_LINE.search(stdout)
    if process.returncode != 0 or not match:
        detail = (stderr.strip() or stdout.strip() or "no output").splitlines()[-3:]
        raise LoadGeneratorError(f"the load generator exited with code {process.returncode}: {' | '.join(detail)}")
    return json.loads(match.group(1))
