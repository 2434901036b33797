"""`make build`: a strict build into a new folder beside the target, swapped in only when complete.

An interrupted or failed build (Ctrl-C, a data error, a full disk) leaves the previous site/ as it
was, and removes its own unfinished folder. Usage: python scripts/build_site.py [SITE_DIR] [mkdocs args]
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).parent / "mkdocs"


def build(site: Path, extra: list[str]) -> int:
    site = site if site.is_absolute() else ROOT / site
    # Beside the target, so the swap is a rename on one file system; hidden, so nothing serves it.
    staging = Path(tempfile.mkdtemp(prefix=f".{site.name}-build-", dir=site.parent))
    previous = site.parent / f".{site.name}-previous-{os.getpid()}"
    signal.signal(signal.SIGTERM, _interrupted)  # a CI cancel or `kill` cleans up like Ctrl-C does
    process = None
    try:
        process = subprocess.Popen([str(MKDOCS), "build", "--strict", "--clean", "-d", str(staging), *extra], cwd=ROOT)
        if process.wait() != 0:
            print(f"build failed: {site.name}/ was left as it was", file=sys.stderr)
            return process.returncode
        if site.exists():
            site.rename(previous)
        staging.rename(site)
        shutil.rmtree(previous, ignore_errors=True)
        return 0
    except KeyboardInterrupt:
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        print(f"\nbuild interrupted: {site.name}/ was left as it was", file=sys.stderr)
        return 130
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if previous.exists() and not site.exists():
            previous.rename(site)  # the swap itself was interrupted: put the old site back


def _interrupted(signum, frame):
    raise KeyboardInterrupt


def main(argv: list[str]) -> int:
    site = Path(argv[1]) if len(argv) > 1 else Path("site")
    return build(site, argv[2:])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
