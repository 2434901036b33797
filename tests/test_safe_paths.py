"""Files named by data: a task may only name regular files, tracked by git, inside its framework's
folder. Symlinks (to the environment, .git/config, anything on the build machine), traversal and
untracked files are refused with the file, line and column of the entry, in well under a second."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from comparison_site.cookbook import DEFAULT_SCHEMA, load_tasks
from comparison_site.errors import DataError
from comparison_site.safe_paths import file_problem, git_tracking_note

from .conftest import line_of
from .cookbook.conftest import MINIMAL_TASKS

APP = "snippets/flask/hello_world.py"
NAMED = [APP, "snippets/flask/tests/test_hello_world.py", "snippets/express/hello-world.js",
         "snippets/express/test/hello-world.test.js", "snippets/flask/json_crud_api.py",
         "snippets/flask/tests/test_json_crud_api.py", "snippets/express/json-crud-api.js",
         "snippets/express/test/json-crud-api.test.js"]


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, timeout=30,
                   env=dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@e.org",
                            GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@e.org"))


@pytest.fixture
def repo(tmp_path) -> Path:
    """A git checkout holding the minimal task file and the (tracked) files it names."""
    (tmp_path / "data").mkdir()
    shutil.copy(MINIMAL_TASKS, tmp_path / "data" / "tasks.yaml")
    for name in NAMED:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("# placeholder\n", encoding="utf-8")
    (tmp_path / ".git-config-secret").write_text("[http] extraheader = AUTHORIZATION: basic c2VjcmV0\n")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    return tmp_path


def load_with_app(repo: Path, app: str):
    """Point the first task's Flask app at `app` and load; return the DataError's problems."""
    data = repo / "data" / "tasks.yaml"
    text = data.read_text(encoding="utf-8").replace(f"app: {APP}", f"app: {app}", 1)
    data.write_text(text, encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(DataError) as caught:
        load_tasks(data, DEFAULT_SCHEMA, root=repo)
    elapsed = time.monotonic() - started
    problem = [p for p in caught.value.problems if p.path.endswith("implementations.flask.app")][0]
    assert problem.file.endswith("tasks.yaml") and problem.line == line_of(text, f"app: {app}")
    assert problem.column >= 1 and f":{problem.line}:{problem.column}: " in str(caught.value)
    assert elapsed < 5, elapsed  # not a timing goal: nothing here may read or follow the link target
    return problem


def test_the_fixture_repository_is_valid(repo):
    assert len(load_tasks(repo / "data" / "tasks.yaml", DEFAULT_SCHEMA, root=repo).tasks) == 2


def test_a_symlink_to_a_secret_is_refused(repo):
    link = repo / "snippets/flask/leak.py"
    link.symlink_to(repo / ".git-config-secret")
    git(repo, "add", "snippets/flask/leak.py")  # even when git tracks the link itself
    problem = load_with_app(repo, "snippets/flask/leak.py")
    assert "symbolic link" in problem.message and "regular files" in problem.hint


def test_a_symlink_to_a_system_file_is_refused(repo):
    (repo / "snippets/flask/environ.py").symlink_to("/proc/self/environ")
    assert "symbolic link" in load_with_app(repo, "snippets/flask/environ.py").message


def test_a_symlinked_folder_on_the_way_is_refused(repo):
    (repo / "snippets/flask/linked").symlink_to(repo / "data")
    problem = load_with_app(repo, "snippets/flask/linked/tasks.py")
    assert "symbolic link (snippets/flask/linked)" in problem.message


def test_traversal_and_absolute_paths_are_refused(repo):
    problem = load_with_app(repo, "snippets/flask/../../.git-config-secret.py")
    assert "does not have the expected form" in problem.message or "'..'" in problem.message
    assert file_problem(repo, "/etc/passwd", "snippets/flask/")[0].endswith("must be a relative path without '..'")
    assert "without '..'" in file_problem(repo, "snippets/flask/../../x.py", "snippets/flask/")[0]


def test_a_file_outside_the_framework_folder_is_refused(repo):
    assert "is not under snippets/flask/" in load_with_app(repo, "snippets/express/hello-world.js").message


def test_a_file_git_does_not_track_is_refused(repo):
    (repo / "snippets/flask/untracked.py").write_text("print('made on the build machine')\n")
    problem = load_with_app(repo, "snippets/flask/untracked.py")
    assert "not tracked by git" in problem.message and "git add snippets/flask/untracked.py" in problem.hint


def test_a_special_file_or_folder_is_refused(repo):
    os.mkfifo(repo / "snippets/flask/pipe.py")
    assert "not a regular file" in load_with_app(repo, "snippets/flask/pipe.py").message
    assert "not a regular file" in file_problem(repo, "snippets/flask/tests", "snippets/flask/")[0]


def test_outside_a_git_checkout_tracking_is_skipped_and_said(repo):
    shutil.rmtree(repo / ".git")
    assert file_problem(repo, APP, "snippets/flask/") is None
    assert "not a git checkout" in git_tracking_note(repo)
    assert git_tracking_note(Path(__file__).resolve().parent.parent) is None  # this project is one
