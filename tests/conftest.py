"""Shared fixtures: paths, the minimal data fixture, and one strict site build per test run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from comparison_site.site_data import data_file_path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
MINIMAL = FIXTURES / "minimal.yaml"
# The comparison data the site reads: data/comparison.yaml unless FVX_COMPARISON_DATA or FVX_DATA_DIR
# say otherwise (comparison_site.site_data.data_file_path). The third-framework proof
# (tests/test_third_framework.py) reruns the suite on a data folder with a third framework added.
REAL_DATA = data_file_path("comparison")
MKDOCS = Path(sys.executable).parent / "mkdocs"

# The pinned Node.js (package.json -> npm package `node`) runs every JavaScript in the tests, also when
# pytest is started directly rather than through `make test`.
os.environ["PATH"] = f"{ROOT / 'node_modules' / '.bin'}{os.pathsep}{os.environ.get('PATH', '')}"


def line_of(text: str, needle: str | tuple[str, int]) -> int:
    """1-based line of the first line containing `needle` (or of its n-th, for (needle, n))."""
    needle, occurrence = needle if isinstance(needle, tuple) else (needle, 1)
    hits = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    return hits[occurrence - 1]


def build_site(destination: Path, data_file: Path | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    """Run a strict MkDocs build into `destination`, optionally with another data file."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if data_file is not None:
        env["FVX_COMPARISON_DATA"] = str(data_file)
    return subprocess.run(
        [str(MKDOCS), "build", "--strict", "--clean", "-d", str(destination)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once with `mkdocs build --strict`."""
    destination = tmp_path_factory.mktemp("site")
    result = build_site(destination)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    yield destination
    shutil.rmtree(destination, ignore_errors=True)


# Programs the tests start (mkdocs serve, the benchmark harness and its servers) must delete their
# temporary folders when they stop. They get a private TMPDIR for the test run, and the run fails
# at the end if one of these is left there. (Interrupting `mkdocs serve` with SIGTERM rather than
# Ctrl-C was how /tmp/mkdocs_* folders piled up.)
LEFT_BEHIND = ("mkdocs_*", "bench-*")


@pytest.fixture(scope="session", autouse=True)
def no_temporary_folders_left_behind(tmp_path_factory):
    folder = tmp_path_factory.mktemp("subprocess-tmp")
    previous = os.environ.get("TMPDIR")
    os.environ["TMPDIR"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("TMPDIR", None)
    else:
        os.environ["TMPDIR"] = previous
    left = sorted({path.name for pattern in LEFT_BEHIND for path in folder.glob(pattern)})
    assert not left, f"programs started by the tests left temporary folders behind: {left}"
