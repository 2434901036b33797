"""Every cookbook task's HTTP contract, against each framework's version running as a real server.

Each is served as its framework's `server` entry in data/tasks.yaml says (Flask under gunicorn,
Express under node), on an ephemeral port on 127.0.0.1; the harness stops every server (its whole
process group) even when a step fails.
The second half checks the harness itself: failures are explained, broken snippets never hang.
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pytest

from comparison_site.cookbook import load_tasks
from comparison_site.cookbook.contract import (
    ContractFailure,
    SnippetStartError,
    compare_hostile,
    run_contract,
    run_start_failure,
)
from comparison_site.cookbook.model import Expectation, Implementation, Note, Request, Step, Task

from .conftest import ROOT

BOOK = load_tasks(ROOT / "data" / "tasks.yaml")  # at import: the parameters come from the data
RUNS = [(task.id, framework) for task in BOOK.tasks for framework in BOOK.framework_ids]


REPORTS: dict[str, dict] = {}  # task id -> framework -> ContractReport, shared with the agreement test
START_FAILURES = [
    (task.id, framework, index)
    for task in BOOK.tasks
    for framework in BOOK.framework_ids
    for index in range(len(task.start_failures))
]


@pytest.mark.parametrize(("task_id", "framework"), RUNS, ids=[f"{t}-{f}" for t, f in RUNS])
def test_contract(task_id: str, framework: str):
    """The task's own steps, then the shared hostile-input contract and its server checks."""
    task = BOOK.get(task_id)
    report = run_contract(task, framework, ROOT)
    assert report.steps == len(task.steps)
    assert report.hostile, "the hostile-input contract sent no probe"
    if task.server_checks is not None:
        assert report.server_checks >= 1
    REPORTS.setdefault(task_id, {})[framework] = report


@pytest.mark.parametrize("task_id", BOOK.ids)
def test_frameworks_answer_bad_input_alike(task_id: str):
    """Every framework gives the same status to the same hostile probe (typed conversions agree)."""
    task = BOOK.get(task_id)
    reports = REPORTS.get(task_id, {})
    for framework in BOOK.framework_ids:
        if framework not in reports:  # run alone (-k): run the contract here
            reports[framework] = run_contract(task, framework, ROOT)
    differences = compare_hostile(reports)
    assert not differences, f"{task_id}: the frameworks answer the same bad input differently:\n" + "\n".join(differences)


@pytest.mark.parametrize(("task_id", "framework", "index"), START_FAILURES, ids=[f"{t}-{f}-{i}" for t, f, i in START_FAILURES])
def test_bad_configuration_stops_the_server(task_id: str, framework: str, index: int):
    task = BOOK.get(task_id)
    output = run_start_failure(task, framework, ROOT, task.start_failures[index])
    assert all(text in output for text in task.start_failures[index].output_contains)


# --- the harness itself ------------------------------------------------------------------------


def fake_task(
    flask_app: str = "snippets/flask/broken.py",
    express_app: str = "snippets/express/broken.js",
    steps: tuple[Step, ...] | None = None,
) -> Task:
    apps = {"flask": flask_app, "express": express_app}
    return Task(
        id="broken",
        title="Broken",
        summary="Broken.",
        implementations={
            framework.id: Implementation(framework, apps[framework.id], test=apps[framework.id], run=("true",))
            for framework in BOOK.frameworks
        },
        notes=(Note("tip", "x"),),
        steps=steps or (Step("root", Request("GET", "/"), Expectation(200)),),
    )


@pytest.fixture()
def broken_repo(tmp_path: Path) -> Path:
    """A repository whose snippets fail in the ways a reader's edit might make them fail."""
    flask_dir = tmp_path / "snippets" / "flask"
    express_dir = tmp_path / "snippets" / "express"
    flask_dir.mkdir(parents=True)
    express_dir.mkdir(parents=True)
    (express_dir / "node_modules").symlink_to(ROOT / "snippets" / "express" / "node_modules")
    (flask_dir / "broken.py").write_text('raise RuntimeError("flask snippet broke at import")\n')
    (express_dir / "broken.js").write_text('throw new Error("express snippet broke at start-up");\n')
    (express_dir / "silent.js").write_text("setInterval(() => {}, 1000); // never listens\n")
    return tmp_path


@pytest.mark.parametrize("framework", ["flask", "express"])
def test_a_snippet_that_crashes_reports_its_stderr(broken_repo: Path, framework: str):
    started = time.monotonic()
    with pytest.raises(SnippetStartError) as caught:
        run_contract(fake_task(), framework, broken_repo, startup_timeout=15)
    assert f"{framework} snippet broke" in str(caught.value)
    assert time.monotonic() - started < 15


def test_a_snippet_that_never_listens_times_out(broken_repo: Path):
    started = time.monotonic()
    with pytest.raises(SnippetStartError) as caught:
        run_contract(fake_task(express_app="snippets/express/silent.js"), "express", broken_repo, startup_timeout=2)
    assert "did not answer" in str(caught.value)
    assert time.monotonic() - started < 10  # start-up bound plus the stop


def test_a_failing_step_shows_request_expected_and_actual():
    hello = BOOK.get("hello-world")
    wrong = Step("Root is created?", Request("GET", "/", headers={"X-Probe": "1"}), Expectation(201, json={"message": "nope"}))
    task = dataclasses.replace(hello, steps=(hello.steps[0], wrong))
    with pytest.raises(ContractFailure) as caught:
        run_contract(task, "express", ROOT, with_hostile=False)
    message = str(caught.value)
    assert "step 2 of 2: Root is created?" in message
    assert "request:\n  GET http://127.0.0.1:" in message and "X-Probe: 1" in message
    assert "expected:\n  status: 201" in message
    assert "actual:\n  status: 200" in message and "Hello, World!" in message
    assert "status: expected 201, got 200" in message
    assert "body: expected JSON, got text that is not JSON" in message
