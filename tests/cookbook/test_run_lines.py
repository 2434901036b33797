"""Every task's documented "Run it" lines, executed exactly as written.

A reader types a task's lines into ONE shell, from the repository root, after the framework's
set-up. So each implementation's lines run here as one bash session (`set -e`: an earlier line
that fails fails the test) in a scratch copy of the repository's snippets (nothing a line writes,
such as a SQLite file, lands in the working tree), with the project's installed environment first
on PATH (what the set-up lines produce) and the documented PORT convention: HOST=127.0.0.1 and
PORT=<a free port> exported. The last line must start a server that answers HTTP on $PORT. While
it does, the same lines run again with the same PORT: with the port taken they must exit with a
non-zero code and a message naming the port, without a stack trace (this is how every entry point's
listen-error handling is checked, cluster workers included). The test then stops both sessions.

The set-up lines themselves (venv + pip, npm ci) are run by test_setup_lines_install_what_the_snippets_need
in a scratch copy too, because running them in the working tree would replace installed folders
other processes are using.
"""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from comparison_site.cookbook import load_tasks
from comparison_site.cookbook.contract import EXIT_TIMEOUT, free_port, listen_error_problems

from .conftest import ROOT

BOOK = load_tasks(ROOT / "data" / "tasks.yaml")
RUNS = [(task.id, framework) for task in BOOK.tasks for framework in BOOK.framework_ids]
SERVER_TIMEOUT = 30.0  # seconds for the earlier lines plus the server's start
SETUP_TIMEOUT = 600  # seconds for a framework's set-up lines (they download packages)


def scratch_root(destination: Path) -> Path:
    """A repository-shaped copy of the snippets (tracked and new files), sharing installed packages."""
    listed = (
        subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z", "snippets"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file() and not source.is_symlink():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    for framework in BOOK.frameworks:  # installed dependencies, e.g. snippets/express/node_modules
        for requirement in framework.server.requires:
            if requirement.folder and (ROOT / requirement.folder).is_dir():
                (destination / requirement.folder).parent.mkdir(parents=True, exist_ok=True)
                (destination / requirement.folder).symlink_to(ROOT / requirement.folder)
    return destination


def session_env(port: int) -> dict[str, str]:
    """The reader's shell after set-up: the project's venv activated, the pinned Node on PATH."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"FLASK_DEBUG", "NODE_OPTIONS", "WEB_CONCURRENCY", "NODE_ENV"}
    }
    env["PATH"] = os.pathsep.join([str(ROOT / ".venv" / "bin"), str(ROOT / "node_modules" / ".bin"), env.get("PATH", "")])
    env["VIRTUAL_ENV"] = str(ROOT / ".venv")
    env.update({"HOST": "127.0.0.1", "PORT": str(port), "PYTHONDONTWRITEBYTECODE": "1", "PYTHONUNBUFFERED": "1"})
    return env


def answers(port: int) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
    try:
        connection.request("GET", "/")
        connection.getresponse().read()
        return True
    except (OSError, http.client.HTTPException):
        return False
    finally:
        connection.close()


def stop(process: subprocess.Popen) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        try:
            process.wait(timeout=5)
            if sig == signal.SIGTERM:
                os.killpg(process.pid, signal.SIGKILL)  # workers that outlived the shell
        except (subprocess.TimeoutExpired, ProcessLookupError):
            continue
    process.wait()


def start_session(lines, root: Path, port: int, output: Path) -> subprocess.Popen:
    """The lines as one bash session (`set -e`) in its own process group, output to a file."""
    script = "set -e\n" + "\n".join(lines) + "\n"
    with open(output, "wb") as stream:
        return subprocess.Popen(
            ["bash", "-c", script],
            cwd=root,
            env=session_env(port),
            stdin=subprocess.DEVNULL,
            stdout=stream,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


@pytest.mark.parametrize(("task_id", "framework"), RUNS, ids=[f"{t}-{f}" for t, f in RUNS])
def test_run_lines_work_as_written(task_id: str, framework: str, tmp_path: Path):
    lines = BOOK.get(task_id).implementation(framework).run
    root = scratch_root(tmp_path / "repo")
    port = free_port()
    shown = "\n".join(f"  $ {line}" for line in lines)
    first = start_session(lines, root, port, tmp_path / "first.txt")
    try:
        deadline = time.monotonic() + SERVER_TIMEOUT
        while time.monotonic() < deadline and first.poll() is None and not answers(port):
            time.sleep(0.1)
        served = first.poll() is None and answers(port)
        text = (tmp_path / "first.txt").read_text(encoding="utf-8", errors="replace")[-4000:]
        assert served, (
            f"{task_id} ({framework}): the run lines, typed into one shell from the repository root with PORT={port},\n"
            f"{shown}\ndid not end in a server answering on $PORT (exit code {first.returncode}).\n--- output ---\n{text}"
        )
        second = start_session(lines, root, port, tmp_path / "second.txt")
        try:
            code = second.wait(timeout=EXIT_TIMEOUT + SERVER_TIMEOUT / 2)
        except subprocess.TimeoutExpired:
            code = None
        finally:
            stop(second)
        text = (tmp_path / "second.txt").read_text(encoding="utf-8", errors="replace")[-4000:]
        problems = listen_error_problems(code, text, port)
        assert not problems, (
            f"{task_id} ({framework}): run again while port {port} was taken,\n{shown}\n"
            + "\n".join(f"- {problem}" for problem in problems)
            + f"\n--- output ---\n{text}"
        )
    finally:
        stop(first)


@pytest.mark.parametrize("framework", BOOK.framework_ids)
def test_setup_lines_install_what_the_snippets_need(framework: str):
    """The framework's set-up lines, as written, in a fresh copy of its snippets: they must finish
    with exit code 0 and leave an environment in which the first task's app starts."""
    spec = next(item for item in BOOK.frameworks if item.id == framework)
    with tempfile.TemporaryDirectory(prefix=f"cookbook-setup-{framework}-") as scratch:
        root = Path(scratch)
        listed = subprocess.run(["git", "ls-files", "-z", spec.folder], cwd=ROOT, capture_output=True, check=True)
        for name in filter(None, listed.stdout.decode().split("\0")):
            if (ROOT / name).is_file():
                (root / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / name, root / name)
        env = {key: value for key, value in os.environ.items() if key not in {"VIRTUAL_ENV", "PYTHONHOME"}}
        # A reader has python3 (and node, npm) on PATH; the pinned Node stands in for their Node.
        env["PATH"] = os.pathsep.join([str(ROOT / "node_modules" / ".bin"), env.get("PATH", "")])
        first_app = BOOK.tasks[0].implementation(framework)
        script = "set -e\n" + "\n".join(spec.setup) + "\n" + _import_check(spec, first_app.app) + "\n"
        result = subprocess.run(["bash", "-c", script], cwd=root, env=env, capture_output=True, text=True, timeout=SETUP_TIMEOUT)
        assert result.returncode == 0, (
            f"{framework} set-up lines failed (exit {result.returncode}):\n"
            + "\n".join(f"  $ {line}" for line in spec.setup)
            + f"\n--- stdout ---\n{result.stdout[-3000:]}\n--- stderr ---\n{result.stderr[-3000:]}"
        )


def _import_check(spec, app: str) -> str:
    """A command proving the installed packages load the app (without serving it)."""
    if spec.app_suffix == ".py":
        return f"python -c \"import runpy, sys; sys.argv=['x']; runpy.run_path('{app}', run_name='not_main')\""
    return f"node -e \"require('./{app}')\""
