"""Fixtures for the cookbook tests: the real task book and a scratch repository with the minimal data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from comparison_site.cookbook import load_tasks

ROOT = Path(__file__).resolve().parents[2]
MINIMAL_TASKS = Path(__file__).parent / "fixtures" / "minimal_tasks.yaml"


@pytest.fixture(scope="session")
def book():
    """The real cookbook, loaded and validated once."""
    return load_tasks(ROOT / "data" / "tasks.yaml")


@pytest.fixture()
def scratch_repo(tmp_path) -> Path:
    """A repository-shaped folder holding the minimal task file and empty snippet files it names."""
    (tmp_path / "data").mkdir()
    shutil.copy(MINIMAL_TASKS, tmp_path / "data" / "tasks.yaml")
    for name in (
        "snippets/flask/hello_world.py",
        "snippets/flask/tests/test_hello_world.py",
        "snippets/express/hello-world.js",
        "snippets/express/test/hello-world.test.js",
        "snippets/flask/json_crud_api.py",
        "snippets/flask/tests/test_json_crud_api.py",
        "snippets/express/json-crud-api.js",
        "snippets/express/test/json-crud-api.test.js",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("# placeholder\n", encoding="utf-8")
    return tmp_path
