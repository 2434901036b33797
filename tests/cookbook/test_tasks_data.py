"""The task data: the real file is valid and complete; each broken edit gives a precise message.

Every error case starts from the valid minimal fixture, makes one edit a contributor might make,
and checks that the message names the file, the line and the data path, and says what is wrong.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from comparison_site.cookbook import load_tasks, render_cookbook_index, render_task_page
from comparison_site.cookbook.load import DEFAULT_SCHEMA
from comparison_site.errors import DataError
from comparison_site.load import load_comparison

from ..conftest import REAL_DATA, line_of
from .conftest import MINIMAL_TASKS, ROOT

BASE = MINIMAL_TASKS.read_text(encoding="utf-8")


# (case id, text to replace, replacement, needle locating the expected line, expected path, words)
CASES = [
    (
        "unknown-related-task",
        "related: [json-crud-api]",
        "related: [json-crud-apy]",
        "related:",
        "tasks[id=hello-world].related[0]",
        "unknown task 'json-crud-apy'",
    ),
    (
        "duplicate-task-id",
        "  - id: json-crud-api",
        "  - id: hello-world",
        ("  - id: hello-world", 2),
        "tasks[1].id",
        "duplicate task id 'hello-world'",
    ),
    (
        "missing-snippet-file",
        "app: snippets/flask/hello_world.py",
        "app: snippets/flask/hello_wrld.py",
        "hello_wrld.py",
        "tasks[id=hello-world].implementations.flask.app",
        "file snippets/flask/hello_wrld.py does not exist",
    ),
    (
        "missing-test-file",
        "test: snippets/express/test/hello-world.test.js",
        "test: snippets/express/test/nope.test.js",
        "nope.test.js",
        "tasks[id=hello-world].implementations.express.test",
        "does not exist",
    ),
    (
        "flask-file-in-express-folder",
        "app: snippets/flask/json_crud_api.py",
        "app: snippets/express/json-crud-api.js",
        ("app: snippets/express/json-crud-api.js", 1),
        "tasks[id=json-crud-api].implementations.flask.app",
        "is not under snippets/flask/",
    ),
    (
        "path-escapes-repository",
        "app: snippets/flask/hello_world.py",
        "app: ../secrets.py",
        "../secrets.py",
        "tasks[id=hello-world].implementations.flask.app",
        "does not have the expected form",
    ),
    (
        "step-without-method",
        "request: {method: GET, path: /}",
        "request: {path: /}",
        "request: {path: /}",
        "tasks[id=hello-world].contract[0].request",
        "missing required field 'method'",
    ),
    (
        "step-with-unknown-method",
        "request: {method: GET, path: /}",
        "request: {method: FETCH, path: /}",
        "FETCH",
        "tasks[id=hello-world].contract[0].request.method",
        "expected one of",
    ),
    (
        "status-as-text",
        "expect: {status: 200, body_contains: [Hello]}",
        "expect: {status: ok}",
        "status: ok",
        "tasks[id=hello-world].contract[0].expect.status",
        "expected a whole number",
    ),
    (
        "misspelt-expectation",
        "expect: {status: 200, body_contains: [Hello]}",
        "expect: {status: 200, body_contain: [Hello]}",
        "body_contain:",
        "tasks[id=hello-world].contract[0].expect.body_contain",
        "unknown field(s) 'body_contain'",
    ),
    (
        "two-bodies",
        "request: {method: POST, path: /items, json: {name: Write docs}}",
        "request: {method: POST, path: /items, json: {name: Write docs}, form: {name: x}}",
        "form: {name: x}",
        "tasks[id=json-crud-api].contract[0].request.form",
        "at most one body",
    ),
    (
        "variable-before-capture",
        "        capture:\n          item_id: {json: id}\n",
        "",
        'path: "/items/{item_id}"',
        "tasks[id=json-crud-api].contract[1].request.path",
        "uses {item_id} before any step captures it",
    ),
    (
        "bad-regular-expression",
        'headers_match: {Content-Type: "application/json.*"}',
        'headers_match: {Content-Type: "application/(json"}',
        "application/(json",
        "tasks[id=json-crud-api].contract[1].expect.headers_match.Content-Type",
        "invalid regular expression",
    ),
    (
        "path-without-slash",
        "request: {method: GET, path: /}",
        "request: {method: GET, path: items}",
        "path: items",
        "tasks[id=hello-world].contract[0].request.path",
        "does not have the expected form",
    ),
    (
        "id-not-kebab-case",
        "  - id: hello-world",
        "  - id: Hello_World",
        "Hello_World",
        "tasks[id=Hello_World].id",
        "does not have the expected form",
    ),
    (
        "note-kind-unknown",
        "      - kind: tip",
        "      - kind: hint",
        "kind: hint",
        "tasks[id=json-crud-api].notes[0].kind",
        "expected one of",
    ),
    (
        "source-url-not-http",
        "url: https://flask.palletsprojects.com/en/stable/quickstart/",
        "url: javascript:alert(1)",
        "javascript:alert(1)",
        "tasks[id=hello-world].notes[0].sources[0].url",
        "only http and https URLs are allowed",
    ),
    (
        "unknown-env-placeholder",
        '"{tmpdir}/db.sqlite3"',
        '"{tempdir}/db.sqlite3"',
        "tempdir",
        "tasks[id=hello-world].env.DATABASE_PATH",
        "unknown placeholder {tempdir}",
    ),
    (
        "no-steps",
        "    contract:\n      - step: Root answers\n        request: {method: GET, path: /}\n"
        "        expect: {status: 200, body_contains: [Hello]}\n",
        "    contract: []\n",
        "contract: []",
        "tasks[id=hello-world].contract",
        "at least 1 item",
    ),
    (
        "implementation-under-an-unknown-framework",
        "      express:\n        app: snippets/express/hello-world.js",
        "      expres:\n        app: snippets/express/hello-world.js",
        "expres:",
        "tasks[id=hello-world].implementations.expres",
        "unknown framework 'expres'",
    ),
    (
        "missing-implementation",
        "      express:\n        app: snippets/express/hello-world.js",
        "      expres:\n        app: snippets/express/hello-world.js",
        ("    implementations:", 1),
        "tasks[id=hello-world].implementations",
        "no implementation for framework 'express'",
    ),
    (
        "server-config-for-a-server-without-one",
        "        test: snippets/express/test/hello-world.test.js\n",
        "        test: snippets/express/test/hello-world.test.js\n        server_config: snippets/express/hello-world.js\n",
        "server_config:",
        "tasks[id=hello-world].implementations.express.server_config",
        "the express server takes no configuration file",
    ),
    (
        "unknown-server-placeholder",
        'command: [node, "{app_file}"]',
        'command: [node, "{app_path}"]',
        "{app_path}",
        "frameworks[id=express].server.command[1]",
        "{app_path} cannot be used here",
    ),
    (
        "duplicate-framework-id",
        "  - id: express\n",
        "  - id: flask\n",
        ("  - id: flask", 2),
        "frameworks[1].id",
        "duplicate framework id 'flask'",
    ),
    (
        "framework-folder-without-slash",
        "folder: snippets/express/",
        "folder: snippets/express",
        "folder: snippets/express",
        "frameworks[id=express].folder",
        "does not have the expected form",
    ),
    (
        "unknown-top-level-key",
        "schema_version: 1\n",
        "schema_version: 1\nrecipes: []\n",
        "recipes:",
        "recipes",
        "unknown field(s) 'recipes'",
    ),
]


@pytest.mark.parametrize(
    ("text", "replacement", "needle", "path", "words"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_broken_file_names_file_line_and_path(scratch_repo: Path, text, replacement, needle, path, words):
    assert text in BASE, f"the fixture no longer contains {text!r}"
    broken = BASE.replace(text, replacement, 1)
    data_file = scratch_repo / "data" / "tasks.yaml"
    data_file.write_text(broken, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_tasks(data_file, DEFAULT_SCHEMA, root=scratch_repo)
    message = str(caught.value)
    expected_start = f"{data_file}:{line_of(broken, needle)}:"
    matching = [line for line in message.splitlines() if line.startswith(expected_start) and f": {path}: " in line]
    assert matching, f"expected a problem at {expected_start} for {path}; got:\n{message}"
    assert any(words in line for line in matching), f"expected {words!r} in:\n{message}"


def test_malformed_yaml_names_the_line(scratch_repo: Path):
    data_file = scratch_repo / "data" / "tasks.yaml"
    broken = BASE.replace("    title: Hello world\n", "    title: Hello world\n   summary: misindented\n", 1)
    data_file.write_text(broken, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_tasks(data_file, DEFAULT_SCHEMA, root=scratch_repo)
    assert f"{data_file}:{line_of(broken, 'misindented')}:" in str(caught.value)
    assert "malformed YAML" in str(caught.value)


def test_minimal_fixture_is_valid(scratch_repo: Path):
    book = load_tasks(scratch_repo / "data" / "tasks.yaml", DEFAULT_SCHEMA, root=scratch_repo)
    assert book.ids == ("hello-world", "json-crud-api")
    assert book.get("json-crud-api").steps[0].capture["item_id"].json_path == "id"


THIRD_FRAMEWORK = """\
  - id: fastapi
    name: FastAPI
    folder: snippets/fastapi/
    app_suffix: .py
    language: python
    served_by: uvicorn
    setup:
      - pip install -r snippets/fastapi/requirements.txt
    server:
      cwd: snippets/fastapi
      command: ["{python}", -m, uvicorn, --host, "{host}", --port, "{port}", "{module}:app"]
tasks:
"""


def test_a_third_framework_needs_an_implementation_in_every_task(scratch_repo: Path):
    """Adding a framework is data only: the loader then asks every task for its version."""
    data_file = scratch_repo / "data" / "tasks.yaml"
    text = BASE.replace("tasks:\n", THIRD_FRAMEWORK, 1)
    data_file.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_tasks(data_file, DEFAULT_SCHEMA, root=scratch_repo)
    lines = str(caught.value).splitlines()
    for index, task_id in enumerate(("hello-world", "json-crud-api")):
        start = f"{data_file}:{line_of(text, ('    implementations:', index + 1))}:"
        assert any(
            line.startswith(start) and f": tasks[id={task_id}].implementations: no implementation for framework 'fastapi'" in line
            for line in lines
        ), f"expected tasks[{index}] to lack its fastapi version at {start}; got:\n{caught.value}"


def test_a_third_framework_gets_its_own_tab(scratch_repo: Path):
    data_file = scratch_repo / "data" / "tasks.yaml"
    text = BASE.replace("tasks:\n", THIRD_FRAMEWORK, 1)
    for module in ("hello_world", "json_crud_api"):
        version = (
            f"      fastapi:\n        app: snippets/fastapi/{module}.py\n        test: snippets/fastapi/tests/test_{module}.py\n"
            f"        run:\n          - uvicorn {module}:app\n"
        )
        # Listed first on purpose: tabs follow the frameworks section, not the task's key order.
        text = text.replace(
            f"    implementations:\n      flask:\n        app: snippets/flask/{module}.py",
            f"    implementations:\n{version}      flask:\n        app: snippets/flask/{module}.py",
        )
        for path in (f"snippets/fastapi/{module}.py", f"snippets/fastapi/tests/test_{module}.py"):
            (scratch_repo / path).parent.mkdir(parents=True, exist_ok=True)
            (scratch_repo / path).write_text("# placeholder\n", encoding="utf-8")
    data_file.write_text(text, encoding="utf-8")
    book = load_tasks(data_file, DEFAULT_SCHEMA, root=scratch_repo)
    assert book.framework_ids == ("flask", "express", "fastapi")
    assert tuple(book.get("hello-world").implementations) == ("flask", "express", "fastapi")
    page = render_task_page(book, "hello-world")
    assert page.index('=== "Flask"') < page.index('=== "Express"') < page.index('=== "FastAPI"')
    assert '```python title="snippets/fastapi/hello_world.py"' in page
    assert "FastAPI under uvicorn" in page and "all 3 versions" in page
    index = render_cookbook_index(book)
    assert "once for Flask, once for Express and once for FastAPI" in index
    assert "    pip install -r snippets/fastapi/requirements.txt" in index


def test_cookbook_frameworks_are_frameworks_of_the_comparison(book):
    compared = {framework.id for framework in load_comparison(REAL_DATA).frameworks}
    assert set(book.framework_ids) <= compared, f"not in data/comparison.yaml: {set(book.framework_ids) - compared}"


def test_real_data_has_every_required_task(book):
    assert len(book.tasks) >= 16
    assert BASE.startswith("# yaml-language-server: $schema=")
    real = (ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8")
    assert real.splitlines()[0] == "# yaml-language-server: $schema=./tasks.schema.json"
    wanted = {
        "hello-world",
        "routing-parameters",
        "json-crud-api",
        "body-validation",
        "middleware-hooks",
        "error-handling",
        "modular-app",
        "static-files",
        "html-templates",
        "cookies-sessions",
        "token-authentication",
        "cross-origin-requests",
        "file-upload",
        "sqlite-database",
        "streaming-events",
        "environment-config",
        "testing-with-test-clients",
        "production-server",
    }
    assert wanted <= set(book.ids)


def test_every_snippet_app_belongs_to_a_task(book):
    """No orphans: every runnable file under snippets/ is shown by some task."""
    shown = {
        path for task in book.tasks for implementation in task.implementations.values() for path in implementation.shown_files
    }
    candidates = [p for p in (ROOT / "snippets" / "flask").rglob("*.py") if p.name != "__init__.py" and p.name != "conftest.py"]
    candidates += [p for p in (ROOT / "snippets" / "express").rglob("*.js") if "node_modules" not in p.parts]
    orphans = sorted(
        str(p.relative_to(ROOT)) for p in candidates if str(p.relative_to(ROOT)) not in shown and p.name != "gunicorn.conf.py"
    )
    assert not orphans, f"snippet files no task shows: {orphans}"


def test_every_note_that_states_a_difference_has_a_source(book):
    unsourced = [
        f"{task.id}: {note.text[:60]}"
        for task in book.tasks
        for note in task.notes
        if note.kind == "difference" and not note.sources
    ]
    assert not unsourced
