"""Describe the machine and the software versions a benchmark ran with."""

from __future__ import annotations

import json
import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path

from .loadgen import wrk_version


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
    versions = {
        "python": platform.python_version(),
        "flask": _package_version("flask"),
        "werkzeug": _package_version("werkzeug"),
        "gunicorn": _package_version("gunicorn"),
        "gevent": _package_version("gevent"),
        "node": node_version(node),
        "express": express_version(apps_dir),
        "wrk": wrk_version(),
    }
    return {name: value for name, value in versions.items() if value}
