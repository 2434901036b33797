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

FD_LIMIT = 65536  # 1000 generator connections (and nginx's upstream ones) need more than the common default of 1024 descriptors
_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
_PR_SET_PDEATHSIG = 1
_live_groups: set[int] = set()
_handlers_installed = False


class ServerStartError(RuntimeError):
    """The server did not come up; the message says why, with the end of its log."""


def raise_fd_limit() -> int:
    """Raise this process's open-file limit; children (servers and the generator) inherit it. Returns it."""
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
    """Register a process group (a server, or the generator) to be stopped if the harness is interrupted."""
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


@dataclass(frozen=True)
class ProcessMemory:
    """One process's memory from /proc/PID/smaps_rollup: PSS splits shared pages between the
    processes sharing them (so a sum over processes is not inflated by forked workers); USS is
    what the process alone holds (Private_Clean + Private_Dirty)."""

    pid: int
    role: str
    pss_bytes: int
    uss_bytes: int
    rss_bytes: int


def read_memory(pid: int, role: str) -> ProcessMemory | None:
    fields = {}
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                name, _, rest = line.partition(":")
                if name in ("Rss", "Pss", "Private_Clean", "Private_Dirty"):
                    fields[name] = int(rest.split()[0]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    if "Pss" not in fields:
        return None
    return ProcessMemory(pid, role, fields["Pss"], fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0),
                         fields.get("Rss", 0))


def process_role(pid: int, default: str) -> str:
    """A short name for a server process from its command line (e.g. 'gunicorn worker', 'nginx worker')."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            words = handle.read().decode("utf-8", "replace").replace("\0", " ")
    except OSError:
        return default
    if words.startswith("nginx: "):
        return "nginx " + words.split()[1]  # "nginx: master process ..." / "nginx: worker process"
    return default


class MemorySampler:
    """Samples PSS and USS of every process of a server every `interval` seconds in a thread.

    `peak` is the sample with the highest total PSS: its per-process figures are kept, so the
    results show both the configuration's total and each process's share at the same moment.
    """

    def __init__(self, groups: dict[int, str], interval: float = 0.2):
        self.groups = groups  # process group -> role of its leader's program
        self.interval = interval
        self.peak: list[ProcessMemory] = []
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

    def sample(self) -> list[ProcessMemory]:
        current = snapshot(self.groups)
        if sum(p.pss_bytes for p in current) > sum(p.pss_bytes for p in self.peak):
            self.peak = current
        return current


def snapshot(groups: dict[int, str]) -> list[ProcessMemory]:
    """Memory of every live process in the given groups, leaders first."""
    result = []
    for group, role in groups.items():
        for pid in sorted(group_members(group)):
            name = role if pid == group else f"{role} worker"
            memory = read_memory(pid, process_role(pid, name))
            if memory:
                result.append(memory)
    return result


def allowed_cpus(pid: int) -> str | None:
    """The CPUs a process may run on, as Linux lists them (e.g. '0' or '0-1')."""
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("Cpus_allowed_list:"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


def child_setup(cpus: frozenset[int] | None):
    """What a child runs before exec: die with the harness, and run only on `cpus` (inherited by
    everything it forks, so gunicorn's and nginx's workers stay on the server CPU too)."""

    def setup() -> None:
        die_with_parent()
        if cpus:
            os.sched_setaffinity(0, cpus)

    return setup


@dataclass(frozen=True)
class Program:
    """One program of a server: its role, command and the port it must answer on."""

    role: str
    argv: list[str]
    health_port: int


class Server:
    """The programs of one configuration (e.g. gunicorn, then nginx in front), each in its own
    process group, started in order and stopped together."""

    def __init__(self, programs: list[Program], cwd: Path, env: dict, port: int, token: str, log_path: Path,
                 cpus: frozenset[int] | None = None):
        self.programs = programs
        self.cwd = cwd
        self.env = env
        self.port = port
        self.token = token
        self.log_path = log_path
        self.cpus = cpus
        self.processes: list[subprocess.Popen] = []

    @property
    def groups(self) -> dict[int, str]:
        """Process group -> role, for every started program (start_new_session makes each a leader)."""
        return {process.pid: program.role for process, program in zip(self.processes, self.programs, strict=False)}

    def start(self, timeout: float = 20.0) -> None:
        install_cleanup_handlers()
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        try:
            for program in self.programs:
                with open(self.log_path, "ab") as log:
                    process = subprocess.Popen(
                        program.argv, cwd=self.cwd, env=self.env, stdin=subprocess.DEVNULL, stdout=log,
                        stderr=subprocess.STDOUT, start_new_session=True,
                        # Servers start only between measurements, while the harness runs no other
                        # thread, so a Python preexec_fn is safe here.
                        preexec_fn=child_setup(self.cpus),  # noqa: PLW1509
                    )
                self.processes.append(process)
                track_group(process.pid)
                self._wait_until_ready(program.health_port, timeout)
        except ServerStartError:
            self.stop()
            raise

    def _wait_until_ready(self, port: int, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for process in self.processes:
                if process.poll() is not None:
                    raise ServerStartError(self._exit_explanation(process, port))
            answer = self._health(port)
            if answer == self.token:
                return
            if answer is not None:
                # Something answered, but not our server: the port belongs to another process.
                raise ServerStartError(
                    f"port 127.0.0.1:{port} is in use by another server (its /health answer "
                    "was not this run's token)")
            time.sleep(0.1)
        raise ServerStartError(f"no answer on 127.0.0.1:{port}/health within {timeout:g} s; "
                               f"log: {self.log_tail()}")

    def settle(self, timeout: float = 30.0) -> float | None:
        """Wait until the server answers /health again; return the seconds that took (None: never).

        A server that fell behind (gunicorn's sync workers after the long-lived test, say) still
        owes answers to connections the generator has already closed, queued in the listen
        backlog. Its next measurement would start behind that queue, so the harness waits it out.
        """
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if not self.alive():
                return None
            if self._health(self.port, timeout=max(0.5, timeout - (time.monotonic() - started))) == self.token:
                return time.monotonic() - started
            time.sleep(0.05)
        return None

    def _health(self, port: int, timeout: float = 1.0) -> str | None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        try:
            connection.request("GET", "/health")
            return connection.getresponse().read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException):
            return None
        finally:
            connection.close()

    def _exit_explanation(self, process: subprocess.Popen, port: int) -> str:
        code = process.returncode
        tail = self.log_tail()
        if "EADDRINUSE" in tail or "Address already in use" in tail:
            return f"port 127.0.0.1:{port} is already in use (the server exited with code {code})"
        return f"the server exited with code {code} before answering; log: {tail}"

    def log_tail(self, lines: int = 6) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no log)"
        kept = [line.strip() for line in text.strip().splitlines()[-lines:]]
        return " | ".join(kept) if kept else "(empty log)"

    def alive(self) -> bool:
        return bool(self.processes) and all(process.poll() is None for process in self.processes)

    def affinity(self) -> dict[str, str]:
        """Role -> the CPUs its processes may use, read back from /proc (what really applied)."""
        found: dict[str, str] = {}
        for memory in snapshot(self.groups):
            cpus = allowed_cpus(memory.pid)
            if cpus is not None:
                found.setdefault(memory.role, cpus)
        return found

    def stop(self) -> None:
        for process in reversed(self.processes):  # the front (nginx) first, then what it proxies
            stop_group(process.pid)
            try:
                process.wait(timeout=2)
            except subprocess.TimeoutExpired:
                pass
