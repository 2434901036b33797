"""Run wrk against one URL for a fixed time and return its counters.

wrk stops by time, not by request count, so every run is bounded by -d (duration) and
--timeout (per request); the subprocess itself has a hard deadline on top.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .processes import stop_group, track_group

REPORT_SCRIPT = Path(__file__).resolve().parent / "wrk_report.lua"
_RESULT_LINE = re.compile(r"^BENCH_RESULT (\{.*\})$", re.MULTILINE)


class LoadGeneratorError(RuntimeError):
    """wrk could not run or gave no result."""


@dataclass(frozen=True)
class WrkSettings:
    threads: int
    duration_seconds: int
    timeout_seconds: int

    def argv(self, url: str, connections: int | str, script: Path | str = REPORT_SCRIPT) -> list[str]:
        # wrk needs at least one connection per thread.
        threads = max(1, min(self.threads, connections)) if isinstance(connections, int) else self.threads
        return ["wrk", f"--threads={threads}", f"--connections={connections}",
                f"--duration={self.duration_seconds}s", f"--timeout={self.timeout_seconds}s",
                f"--script={script}", url]


def display_command(argv: list[str]) -> str:
    """The wrk command as recorded in the results: the script path relative to the project root."""
    return " ".join(DISPLAY_SCRIPT if part == f"--script={REPORT_SCRIPT}" else part for part in argv)


DISPLAY_SCRIPT = "--script=bench/wrk_report.lua"


def find_wrk() -> str | None:
    return shutil.which("wrk")


def wrk_version() -> str:
    """wrk's version word, e.g. '4.1.0' from 'wrk debian/4.1.0-3+b2 [epoll] ...'."""
    completed = subprocess.run(["wrk", "--version"], check=False, capture_output=True, text=True, timeout=10)
    first = (completed.stdout + completed.stderr).strip().splitlines()[0]
    match = re.search(r"wrk (\S+)", first)
    word = match.group(1) if match else first
    number = re.search(r"(\d+\.\d+(?:\.\d+)?)", word)
    return number.group(1) if number else word


def run_wrk(settings: WrkSettings, url: str, connections: int) -> tuple[dict, list[str]]:
    """Run wrk; return (counters parsed from the report script, the argv used)."""
    argv = settings.argv(url, connections)
    deadline = settings.duration_seconds + settings.timeout_seconds + 20
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    track_group(process.pid)  # so Ctrl-C stops wrk too, not only the servers
    try:
        stdout, stderr = process.communicate(timeout=deadline)
    except subprocess.TimeoutExpired:
        stop_group(process.pid, grace=1.0)
        process.communicate()
        raise LoadGeneratorError(f"wrk did not finish within {deadline} s and was stopped") from None
    finally:
        stop_group(process.pid, grace=1.0)  # returns at once (and forgets the group) if wrk has exited
    match = _RESULT_LINE.search(stdout)
    if process.returncode != 0 or not match:
        detail = (stderr.strip() or stdout.strip() or "no output").splitlines()[-3:]
        raise LoadGeneratorError(f"wrk exited with code {process.returncode}: {' | '.join(detail)}")
    return json.loads(match.group(1)), argv
