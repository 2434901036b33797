"""`make build` (scripts/build_site.py) builds beside site/ and swaps the result in only when the
build is complete: a failed or interrupted build leaves the previous site as it was, and no
unfinished folder behind."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from comparison_site.site_data import data_files

from .conftest import ROOT

SCRIPT = ROOT / "scripts" / "build_site.py"


def previous_site(parent: Path) -> Path:
    site = parent / "site"
    site.mkdir()
    (site / "marker.txt").write_text("the previous build\n", encoding="utf-8")
    return site


def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name != "site" and p.name != "data")


def run(parent: Path, env=None, interrupt=None) -> int:
    process = subprocess.Popen([sys.executable, str(SCRIPT), str(parent / "site")], cwd=ROOT,
                               env=env or dict(os.environ, NO_MKDOCS_2_WARNING="1"),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    if interrupt:
        deadline = time.monotonic() + 60
        while not list(parent.glob(".site-build-*")) and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(1.5)  # well into the build
        assert process.poll() is None, "the build ended before it could be interrupted"
        interrupt(process)
    try:
        return process.wait(timeout=300)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)


@pytest.mark.parametrize("how", ["ctrl-c", "sigterm"])
def test_an_interrupted_build_keeps_the_previous_site(tmp_path, how):
    site = previous_site(tmp_path)
    if how == "ctrl-c":  # the terminal sends SIGINT to the whole process group
        code = run(tmp_path, interrupt=lambda p: os.killpg(p.pid, signal.SIGINT))
    else:  # `kill` or a cancelled CI job: SIGTERM to the build script only
        code = run(tmp_path, interrupt=lambda p: p.send_signal(signal.SIGTERM))
    assert code != 0
    assert (site / "marker.txt").read_text(encoding="utf-8") == "the previous build\n"
    assert not (site / "index.html").exists()
    assert leftovers(tmp_path) == []


def test_a_failed_build_keeps_the_previous_site(tmp_path):
    site = previous_site(tmp_path)
    data = tmp_path / "data"
    data.mkdir()
    for file in data_files():  # the data in effect (FVX_DATA_DIR may point elsewhere)
        shutil.copy(file.path, data / f"{file.name}.yaml")
    (data / "comparison.yaml").write_text("frameworks: [\n", encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", FVX_DATA_DIR=str(data))
    env.pop("FVX_COMPARISON_DATA", None)
    assert run(tmp_path, env=env) != 0
    assert (site / "marker.txt").exists() and leftovers(tmp_path) == []


def test_a_complete_build_replaces_the_previous_site(tmp_path):
    site = previous_site(tmp_path)
    assert run(tmp_path) == 0
    assert (site / "index.html").is_file() and (site / "search" / "search_index.json").is_file()
    assert not (site / "marker.txt").exists()
    assert leftovers(tmp_path) == []
