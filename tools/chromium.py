"""Find and start the system's headless Chromium for the PDF export and the browser tests.

Chromium comes from Debian (`apt-get install chromium`); nothing here downloads a browser, and
`playwright install` is never needed: Playwright for Python drives the system binary through
`executable_path`. Every start and every wait has a time limit, so a broken browser fails a run
with a message instead of hanging it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator

# Set this to use another Chromium binary (a path or a command name).
CHROMIUM_ENV_VAR = "FVX_CHROMIUM"
CANDIDATES = ("chromium", "chromium-browser", "/usr/bin/chromium")
INSTALL_HINT = "install it with: apt-get install chromium"

# Headless, and quiet on the network: no update checks, no sync, no QUIC probes, no first-run work.
# Together with a fresh profile this keeps every request the browser makes under the test's control.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # Debian's Chromium runs as root in CI containers, where the sandbox cannot start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LAUNCH_TIMEOUT_MS = 30_000
ACTION_TIMEOUT_MS = 15_000


class ChromiumUnavailable(RuntimeError):
    """Chromium or Playwright for Python is missing; the message says how to install it."""


def find_chromium() -> str:
    """The path of the Chromium executable; ChromiumUnavailable with an install hint if there is none."""
    requested = os.environ.get(CHROMIUM_ENV_VAR)
    for candidate in ([requested] if requested else CANDIDATES):
        found = shutil.which(candidate)
        if found:
            return found
    where = f"{CHROMIUM_ENV_VAR}={requested!r} is not an executable" if requested else "Chromium was not found"
    raise ChromiumUnavailable(f"{where}; the PDF export and the browser tests need it: {INSTALL_HINT}")


def _sync_playwright():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise ChromiumUnavailable(
            "Playwright for Python is not installed: run `make install` (it is pinned in requirements.txt). "
            "Do not run `playwright install`: the system Chromium is used."
        ) from None
    return sync_playwright


@contextlib.contextmanager
def browser_context(**context_options) -> Iterator:
    """A Playwright BrowserContext on the system Chromium with a fresh, throw-away profile.

    The profile directory is passed with launch_persistent_context (Playwright refuses a
    --user-data-dir argument) and deleted afterwards. Default timeouts bound every wait.
    """
    executable = find_chromium()
    sync_playwright = _sync_playwright()
    profile = tempfile.mkdtemp(prefix="fvx-chromium-profile-")
    try:
        with sync_playwright() as playwright:
            try:
                context = playwright.chromium.launch_persistent_context(
                    profile,
                    executable_path=executable,
                    headless=True,
                    args=CHROMIUM_ARGS,
                    timeout=LAUNCH_TIMEOUT_MS,
                    **context_options,
                )
            except Exception as error:  # Playwright raises its own Error and TimeoutError types
                raise ChromiumUnavailable(f"{executable} did not start: {error}".strip()) from None
            context.set_default_timeout(ACTION_TIMEOUT_MS)
            context.set_default_navigation_timeout(ACTION_TIMEOUT_MS)
            try:
                yield context
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def chromium_version(timeout: float = 10) -> str:
    """`chromium --version`, for messages and reports."""
    result = subprocess.run([find_chromium(), "--version"], capture_output=True, text=True, timeout=timeout)
    return result.stdout.strip().splitlines()[0] if result.stdout.strip() else "unknown"
