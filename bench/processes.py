"""Start and stop server processes so that none outlives the harness, and measure their memory.

Every child runs in its own session (a new process group), so one killpg reaches gunicorn's
workers and node's cluster workers too. A registry of live groups is emptied on normal exit,
on an exception, on Ctrl-C and on SIGTERM. On Linux the child also asks the kernel to send it
SIGTERM if the harness dies without cleaning up (PR_SET_PDEATHSIG).
"""

from __future__ import annotations

import atexit
import ctypes
import http.client
import os
import resource
import signal
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Self

FD_LIMIT = 65536  # 1000 wrk connections need more than the common default of 1024 descriptors
_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
_PR_SET_PDEATHSIG = 1
_live_groups: set[int] = set()
_handlers_installed = False


class ServerStartError(RuntimeError):
    """The server did not come up; the message says why, with the end of its log."""


def raise_fd_limit() -> int:
    """Raise this process's open-file limit; children (servers and wrk) inherit it. Returns it."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = FD_LIMIT if hard == resource.RLIM_INFINITY else min(FD_LIMIT, hard)
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return max(soft, target)


def die_with_parent() -> None:
    """Runs in a server child before exec: ask Linux to SIGTERM it if the harness dies."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass  # not Linux: the registry and signal handlers still clean up


def install_cleanup_handlers() -> None:
    """Make Ctrl-C, SIGTERM and interpreter exit stop every server still registered."""
    global _handlers_installed
    if _handlers_installed:
        return
    _handlers_installed = True
    atexit.register(kill_all_groups)

    def on_signal(signum, _frame):
        kill_all_groups()
        raise KeyboardInterrupt if signum == signal.SIGINT else SystemExit(128 + signum)

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)


def track_group(group: int) -> None:
    """Register a process group (a server, or wrk) to be stopped if the harness is interrupted."""
    _live_groups.add(group)


def kill_all_groups() -> None:
    for group in list(_live_groups):
        stop_group(group, grace=2.0)


def group_members(group: int) -> list[int]:
    """Process ids whose process group is `group`, read from /proc."""
    members = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read().decode("ascii", "replace")
        except OSError:
            continue
        # Field 5 is the process group; the command name (field 2) may contain spaces, so split after ")".
        fields = stat.rsplit(")", 1)[-1].split()
        if len(fields) > 2 and fields[0] != "Z" and int(fields[2]) == group:
            members.append(int(entry.name))
    return members


def stop_group(group: int, grace: float = 5.0) -> None:
    """SIGTERM the whole group, wait up to `grace` seconds, then SIGKILL whatever is left."""
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 2.0)):
        try:
            os.killpg(group, sig)
        except ProcessLookupError:
            break
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline and group_members(group):
            time.sleep(0.05)
        if not group_members(group):
            break
    _live_groups.discard(group)


@dataclass
class MemoryPeak:
    rss_bytes: int = 0
    pss_bytes: int = 0
    processes: int = 0


class MemorySampler:
    """Samples the summed RSS and PSS of a process group every `interval` seconds in a thread.

    RSS sums count memory shared between forked workers once per process; PSS divides shared
    pages between the processes sharing them, so its sum is the fairer total for multi-process
    servers. Both are kept.
    """

    def __init__(self, group: int, interval: float = 0.1):
        self.group = group
        self.interval = interval
        self.peak = MemoryPeak()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> Self:
        self.sample()
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def sample(self) -> None:
        rss = pss = 0
        members = group_members(self.group)
        for pid in members:
            rss += _rss_bytes(pid)
            pss += _pss_bytes(pid)
        self.peak.rss_bytes = max(self.peak.rss_bytes, rss)
        self.peak.pss_bytes = max(self.peak.pss_bytes, pss)
        self.peak.processes = max(self.peak.processes, len(members))


def _rss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * _PAGE_SIZE
    except (OSError, IndexError, ValueError):
        return 0


def _pss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


class Server:
    """One server process group, started from a command in a working directory."""

    def __init__(self, argv: list[str], cwd: Path, env: dict, port: int, token: str, log_path: Path):
        self.argv = argv
        self.cwd = cwd
        self.env = env
        self.port = port
        self.token = token
        self.log_path = log_path
        self.process: subprocess.Popen | None = None

    @property
    def group(self) -> int:
        assert self.process is not None
        return self.process.pid  # start_new_session makes the child its group's leader

    def start(self, timeout: float = 20.0) -> None:
        install_cleanup_handlers()
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                self.argv, cwd=self.cwd, env=self.env, stdin=subprocess.DEVNULL, stdout=log,
                stderr=subprocess.STDOUT, start_new_session=True,
                # Servers start only between measurements, while the harness runs no other thread,
                # so a Python preexec_fn is safe here.
                preexec_fn=die_with_parent,  # noqa: PLW1509
            )
        track_group(self.group)
        try:
            self._wait_until_ready(timeout)
        except ServerStartError:
            self.stop()
            raise

    def _wait_until_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServerStartError(self._exit_explanation())
            answer = self._health()
            if answer == self.token:
                return
            if answer is not None:
                # Something answered, but not our server: the port belongs to another process.
                raise ServerStartError(
                    f"port 127.0.0.1:{self.port} is in use by another server (its /health answer "
                    "was not this run's token)")
            time.sleep(0.1)
        raise ServerStartError(f"no answer on 127.0.0.1:{self.port}/health within {timeout:g} s; "
                               f"log: {self.log_tail()}")

    def settle(self, timeout: float = 30.0) -> float | None:
        """Wait until the server answers /health again; return the seconds that took (None: never).

        A server that fell behind (gunicorn's sync workers after 1000 connections, say) still
        owes answers to connections wrk has already closed, queued in the listen backlog. Its
        next measurement would start behind that queue, so the harness waits it out first.
        """
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if not self.alive():
                return None
            if self._health(timeout=max(0.5, timeout - (time.monotonic() - started))) == self.token:
                return time.monotonic() - started
            time.sleep(0.05)
        return None

    def _health(self, timeout: float = 1.0) -> str | None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request("GET", "/health")
            return connection.getresponse().read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException):
            return None
        finally:
            connection.close()

    def _exit_explanation(self) -> str:
        code = self.process.returncode
        tail = self.log_tail()
        if "EADDRINUSE" in tail or "Address already in use" in tail:
            return f"port 127.0.0.1:{self.port} is already in use (the server exited with code {code})"
        return f"the server exited with code {code} before answering; log: {tail}"

    def log_tail(self, lines: int = 6) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no log)"
        kept = [line.strip() for line in text.strip().splitlines()[-lines:]]
        return " | ".join(kept) if kept else "(empty log)"

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        if self.process is None:
            return
        stop_group(self.group)
        try:
            self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            pass
