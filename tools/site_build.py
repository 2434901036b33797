"""One strict MkDocs build, bounded in time, shared by the PDF export and the offline copy."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD_TIMEOUT_S = 300


def strict_build(config: Path, destination: Path, what: str, error: type[Exception]) -> None:
    """Build `config` into `destination` with --strict; raise `error` saying what went wrong."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(config), "-d", str(destination)]
    try:
        result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=BUILD_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise error(f"the {what} took longer than {BUILD_TIMEOUT_S} s and was stopped") from None
    if result.returncode != 0:
        raise error(f"the {what} failed:\n{result.stdout}{result.stderr}")
