"""Describe the machine and the software versions a benchmark ran with."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import time
from importlib import metadata
from pathlib import Path

from .nginx import find_nginx, nginx_version


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def memory_bytes() -> int:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def os_name() -> str:
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                return line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return platform.platform()


def describe_machine() -> dict:
    return {
        "cpu_model": cpu_model(),
        "logical_cpus": os.cpu_count() or 1,
        "memory_bytes": memory_bytes(),
        "os": os_name(),
        "kernel": f"{platform.system()} {platform.release()}",
    }


def load_average() -> list[float]:
    return [round(value, 2) for value in os.getloadavg()]


def _package_version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def node_version(node: str) -> str:
    completed = subprocess.run([node, "--version"], check=False, capture_output=True, text=True, timeout=10)
    return completed.stdout.strip().lstrip("v")


def express_version(apps_dir: Path) -> str | None:
    manifest = apps_dir / "node_modules" / "express" / "package.json"
    try:
        return json.loads(manifest.read_text())["version"]
    except (OSError, ValueError, KeyError):
        return None


def describe_versions(node: str, apps_dir: Path) -> dict:
    nginx = find_nginx()
    versions = {
        "python": platform.python_version(),
        "flask": _package_version("flask"),
        "werkzeug": _package_version("werkzeug"),
        "gunicorn": _package_version("gunicorn"),
        "gevent": _package_version("gevent"),
        "node": node_version(node),
        "express": express_version(apps_dir),
        "nginx": nginx_version(nginx) if nginx else None,
        "load_generator": "bench/loadgen.js (this repository), on the Node.js above",
    }
    return {name: value for name, value in versions.items() if value}


# --- load on the machine while a run measures ------------------------------------------------

_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_times() -> dict[str, tuple[int, int]]:
    """Per CPU (e.g. 'cpu0'): (busy ticks, total ticks) since boot, from /proc/stat."""
    result = {}
    with open("/proc/stat") as handle:
        for line in handle:
            name, *values = line.split()
            if name.startswith("cpu") and name != "cpu":
                numbers = [int(value) for value in values[:8]]
                idle = numbers[3] + numbers[4]  # idle + iowait
                result[name] = (sum(numbers) - idle, sum(numbers))
    return result


def process_cpu_ticks() -> dict[int, tuple[str, int]]:
    """pid -> (command name, user + system ticks) for every process, from /proc/PID/stat."""
    result = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read().decode("ascii", "replace")
        except OSError:
            continue
        name = stat[stat.find("(") + 1:stat.rfind(")")]
        fields = stat.rsplit(")", 1)[-1].split()
        try:
            result[int(entry.name)] = (name, int(fields[11]) + int(fields[12]))
        except (IndexError, ValueError):
            continue
    return result


class LoadWatch:
    """What else used the CPUs while a run measured: per-CPU busy share, and the busiest
    processes that were not part of the benchmark (the servers, the generator, the harness)."""

    def __init__(self, ours):
        self._ours = ours  # callable -> set of pids belonging to the benchmark

    def __enter__(self):
        self.load_average = load_average()[0]
        self._started = time.monotonic()
        self._cpus = cpu_times()
        self._processes = process_cpu_ticks()
        return self

    def __exit__(self, *_exc):
        seconds = max(time.monotonic() - self._started, 1e-6)
        cpus = cpu_times()
        processes = process_cpu_ticks()
        ours = self._ours()
        busy = {}
        for name, (busy_after, total_after) in cpus.items():
            busy_before, total_before = self._cpus.get(name, (busy_after, total_after))
            total = total_after - total_before
            busy[name] = round(100 * (busy_after - busy_before) / total, 1) if total else 0.0
        others = []
        for pid, (name, ticks) in processes.items():
            if pid in ours or pid not in self._processes:
                continue
            used = ticks - self._processes[pid][1]
            if used > 0:
                others.append((used, name))
        others.sort(reverse=True)
        other_seconds = sum(used for used, _ in others) / _CLOCK_TICKS
        self.record = {
            "load_average_1m": self.load_average,
            "cpu_busy_percent": busy,
            "other_processes_cpu_percent": round(100 * other_seconds / seconds, 1),
            "busiest_other_processes": [
                {"command": name[:40] or "?", "cpu_percent": round(100 * used / _CLOCK_TICKS / seconds, 1)}
                for used, name in others[:3]
            ],
        }
