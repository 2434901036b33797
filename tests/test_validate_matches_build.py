"""`make validate` runs every check the build runs: both call site_data.load_site_data, so a
reference from one data file into another (a cookbook task or benchmark scenario cited by the
comparison) is caught by validate, with its location, and the build stops with the same message."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

from comparison_site.site_data import data_files

from .conftest import MKDOCS, ROOT


def _broken_data(folder):
    for file in data_files():  # the data in effect (FVX_DATA_DIR may point elsewhere)
        shutil.copy(file.path, folder / f"{file.name}.yaml")
    comparison = folder / "comparison.yaml"
    text = comparison.read_text(encoding="utf-8")
    text, cookbook = re.subn(r"^(    cookbook: \[)", r"\1no-such-task, ", text, count=1, flags=re.M)
    text, measured = re.subn(r"^(    measured: \[)", r"\1no-such-scenario, ", text, count=1, flags=re.M)
    assert cookbook == measured == 1, "the real data no longer cites cookbook tasks and scenarios"
    comparison.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    return {word: next(i for i, line in enumerate(lines, 1) if word in line)
            for word in ("no-such-task", "no-such-scenario")}


def _env(folder):
    env = dict(os.environ, FVX_DATA_DIR=str(folder), NO_MKDOCS_2_WARNING="1")
    env.pop("FVX_COMPARISON_DATA", None)
    return env


def test_validate_and_build_report_the_same_cross_file_problems(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    lines = _broken_data(data)
    validate = subprocess.run([sys.executable, "-m", "comparison_site", "validate"], cwd=ROOT, env=_env(data),
                              capture_output=True, text=True, timeout=120)
    build = subprocess.run([str(MKDOCS), "build", "--strict", "-d", str(tmp_path / "site")], cwd=ROOT,
                           env=_env(data), capture_output=True, text=True, timeout=300)
    assert validate.returncode == 1 and build.returncode != 0
    for word, what in (("no-such-task", "cookbook task"), ("no-such-scenario", "benchmark scenario")):
        expected = re.compile(rf"{re.escape(str(data / 'comparison.yaml'))}:{lines[word]}:\d+: \S+: "
                              rf"unknown {what} '{word}'")
        assert expected.search(validate.stderr), validate.stderr[-3000:]
        assert expected.search(build.stdout + build.stderr), (build.stdout + build.stderr)[-3000:]
    assert "Traceback" not in validate.stderr
    assert not (tmp_path / "site" / "index.html").exists()
