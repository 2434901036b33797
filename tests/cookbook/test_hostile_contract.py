"""The shared hostile-input contract and the contract format's security checks, on their own:
probes derived from a task's steps, leak detection, error shapes, cross-framework comparison,
signature tampering, cookie flags, incremental streaming; and, against deliberately unsafe apps
served for real, that the contract fails them (so the passing runs in test_contract.py mean something).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from comparison_site.cookbook import hostile, load_tasks
from comparison_site.cookbook.contract import (
    ContractFailure,
    ContractReport,
    LoopbackIsSecurePolicy,
    _substitute,
    compare_hostile,
    cookie_problems,
    incremental_problems,
    listen_error_problems,
    run_contract,
    run_start_failure,
    tamper,
)
from comparison_site.cookbook.model import (
    CookieExpectation,
    Expectation,
    Implementation,
    Incremental,
    Note,
    Request,
    StartFailure,
    Step,
    Task,
)

from .conftest import ROOT

BOOK = load_tasks(ROOT / "data" / "tasks.yaml")

EXPRESS_DEFAULT_500 = (
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n'
    "<pre>SyntaxError: Unexpected token<br> &nbsp; &nbsp;at JSON.parse (&lt;anonymous&gt;)<br> &nbsp; &nbsp;"
    "at parse (/srv/app/node_modules/body-parser/lib/types/json.js:92:19)</pre>\n</body>\n</html>\n"
)
WERKZEUG_404 = (
    "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n"
    "<p>The requested URL was not found on the server. If you entered the URL manually please check "
    "your spelling and try again.</p>\n"
)
PYTHON_TRACEBACK = 'Traceback (most recent call last):\n  File "/home/u/app.py", line 3, in view\nZeroDivisionError'


@pytest.mark.parametrize(
    ("body", "label"),
    [
        (EXPRESS_DEFAULT_500, "JavaScript stack frame"),
        (EXPRESS_DEFAULT_500, "node_modules"),
        ("<pre>Cannot GET /nope</pre>", "Express's default error page"),
        (WERKZEUG_404, "Werkzeug's default error page"),
        (PYTHON_TRACEBACK, "Python traceback"),
        ("error in /usr/lib/python3/dist-packages/x.py", "site-packages"),
        ("could not open /work/main/snippets/x", "absolute server path"),
    ],
)
def test_leaks_are_recognised(body: str, label: str):
    found = hostile.leaks(500, {}, body)
    assert any(label in problem for problem in found), found


def test_clean_answers_and_own_pages_are_not_leaks():
    assert hostile.leaks(404, {"content-type": "application/json"}, '{"error": "not found"}') == []
    own_page = '<!doctype html><html lang="en"><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>'
    assert hostile.leaks(404, {}, own_page) == []
    assert hostile.leaks(200, {}, '{"path": "docs/guide/intro.md", "url": "https://example.org/work/x"}') == []
    assert hostile.leaks(200, {"x-powered-by": "Express"}, "{}") == ["an X-Powered-By header ('Express')"]
    assert hostile.leaks(200, {}, "at /tmp/x", root=Path("/tmp/x")) != []
    assert hostile.leaks(500, {"x-error": 'File "/srv/app.py", line 3'}, "{}")[0].startswith("a Python traceback in header")


def test_error_format_json_or_page():
    json_type = {"content-type": "application/json"}
    assert hostile.error_format_problems(400, json_type, '{"error": "malformed JSON"}', "json") == []
    assert hostile.error_format_problems(400, json_type, '{"message": "x"}', "json")
    assert hostile.error_format_problems(400, json_type, '{"error": ""}', "json")
    assert hostile.error_format_problems(404, {"content-type": "text/html"}, "<p>gone</p>", "json")
    assert hostile.error_format_problems(404, {"content-type": "text/html; charset=utf-8"}, "<p>gone</p>", "page") == []
    assert hostile.error_format_problems(200, {"content-type": "text/plain"}, "ok", "json") == []  # only 4xx


def test_probes_follow_the_task_steps():
    task = BOOK.get("json-crud-api")
    probes = {probe.name: probe for probe in hostile.probes(task, {"item_id": "1"})}
    assert probes["unknown path"].allowed == {404}
    assert "malformed JSON POST /items" in probes and probes["malformed JSON POST /items"].allowed == {400}
    assert probes["unsupported charset POST /items"].allowed == {415}
    assert probes["oversized JSON POST /items"].allowed == {413}
    assert probes["compressed JSON POST /items"].allowed == {400, 415}
    assert ("Content-Encoding", "gzip") in probes["compressed JSON POST /items"].headers
    assert len(probes["oversized JSON POST /items"].body) > 2 * 1024 * 1024
    # A path holding a captured id may name a deleted item: 404 is as right as checking the body first.
    assert probes["malformed JSON PATCH /items/1"].allowed == {400, 404}
    assert any(name.startswith("odd segment '٣' in /items/1") for name in probes)
    assert probes["unknown method /items"].agree is False
    assert all(probe.agree for name, probe in probes.items() if not name.startswith("unknown method"))
    routing = {probe.name for probe in hostile.probes(BOOK.get("routing-parameters"), {})}
    assert {"odd query page='²' at /search", "repeated query tag at /tags"} <= routing


def test_frameworks_are_compared_on_agreeing_probes_only():
    a = ContractReport(1, {"x": 400, "y": 404, "m": 405}, frozenset({"x", "y"}))
    b = ContractReport(1, {"x": 400, "y": 200, "m": 404}, frozenset({"x", "y"}))
    assert compare_hostile({"flask": a, "express": b}) == ["y: flask 404, express 200"]


def test_tamper_keeps_the_shape_and_changes_the_signature():
    token = "eyJzdWIiOiJhZG1pbiJ9.Zy9f2A.c2lnbmF0dXJl"
    tampered = tamper(token)
    assert tampered != token and len(tampered) == len(token)
    assert tampered.rsplit(".", 1)[0] == token.rsplit(".", 1)[0]
    assert tamper("A.Abc") == "A.Bbc" and tamper("nodots") != "nodots"
    filled = _substitute(Request("GET", "/me", headers={"Authorization": "Bearer {token|tamper}"}), {"token": token})
    assert filled.headers == {"Authorization": f"Bearer {tampered}"}


def test_cookie_flags_are_read_from_each_set_cookie_header():
    headers = (
        "theme=dark; Expires=Mon, 22 Nov 2027 06:00:00 GMT; Secure; HttpOnly; Path=/; SameSite=Lax",
        "session=abc; Path=/; HttpOnly",
    )
    assert cookie_problems("theme", CookieExpectation(True, True, "Lax"), headers) == []
    problems = cookie_problems("session", CookieExpectation(secure=True, same_site="Strict"), headers)
    assert len(problems) == 2 and "secure" in problems[0] and "SameSite=Strict" in problems[1]
    assert cookie_problems("missing", CookieExpectation(secure=True), headers)


def test_secure_cookies_return_to_loopback_only():
    import urllib.request
    from http.cookiejar import Cookie

    cookie = Cookie(0, "s", "v", None, False, "127.0.0.1", False, False, "/", False, True, None, False, None, None, {})
    policy = LoopbackIsSecurePolicy()
    assert policy.return_ok_secure(cookie, urllib.request.Request("http://127.0.0.1:5000/"))
    assert not policy.return_ok_secure(cookie, urllib.request.Request("http://example.org/"))


def test_a_buffered_stream_fails_the_incremental_check():
    assert incremental_problems(Incremental(3, 0.1), (1.0, 1.05, 1.2)) == []
    assert incremental_problems(Incremental(3, 0.1), (1.0,))  # one block: buffered
    assert incremental_problems(Incremental(2, 0.1), (1.0, 1.01))  # pieces, but all at once


# --- unsafe apps served for real: the contract must fail them ----------------------------------

UNSAFE_EXPRESS = """
const express = require('express');
const app = express();
app.disable('x-powered-by');
app.use(express.json());
app.post('/items', (req, res) => res.status(201).json(req.body));
module.exports = app;
app.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('Listening'));
"""
UNSAFE_FLASK = """
from flask import Flask, request
app = Flask(__name__)

@app.post("/items")
def items():
    return request.get_json(), 201
"""
CONFIG_EXPRESS = """
if (!process.env.SECRET_KEY) throw new Error('set SECRET_KEY');
require('express')().listen(Number(process.env.PORT), '127.0.0.1');
"""


@pytest.fixture()
def unsafe_repo(tmp_path: Path) -> Path:
    (tmp_path / "snippets" / "flask").mkdir(parents=True)
    (tmp_path / "snippets" / "express").mkdir(parents=True)
    (tmp_path / "snippets" / "express" / "node_modules").symlink_to(ROOT / "snippets" / "express" / "node_modules")
    (tmp_path / "snippets" / "express" / "unsafe.js").write_text(UNSAFE_EXPRESS)
    (tmp_path / "snippets" / "express" / "config.js").write_text(CONFIG_EXPRESS)
    (tmp_path / "snippets" / "flask" / "unsafe.py").write_text(UNSAFE_FLASK)
    return tmp_path


def unsafe_task(express_app: str = "snippets/express/unsafe.js") -> Task:
    apps = {"flask": "snippets/flask/unsafe.py", "express": express_app}
    step = Step("create", Request("POST", "/items", json={"name": "x"}), Expectation(201))
    return Task(
        id="unsafe",
        title="Unsafe",
        summary="Unsafe.",
        implementations={f.id: Implementation(f, apps[f.id], test=apps[f.id], run=("true",)) for f in BOOK.frameworks},
        notes=(Note("tip", "x"),),
        steps=(step,),
    )


def test_an_express_app_without_error_handler_fails_the_hostile_contract(unsafe_repo: Path):
    with pytest.raises(ContractFailure) as caught:
        run_contract(unsafe_task(), "express", unsafe_repo)
    message = str(caught.value)
    assert "shared hostile-input contract failed" in message
    assert "malformed JSON POST /items" in message and "JavaScript stack frame" in message
    assert "Express's default error page" in message and "unknown path" in message


def test_a_flask_app_with_werkzeug_pages_fails_the_hostile_contract(unsafe_repo: Path):
    with pytest.raises(ContractFailure) as caught:
        run_contract(unsafe_task(), "flask", unsafe_repo)
    message = str(caught.value)
    assert "unknown path: GET /no-such-path" in message and "Werkzeug's default error page" in message
    assert "oversized JSON POST /items" in message  # no MAX_CONTENT_LENGTH: the 2 MiB body is accepted


def test_listen_errors_are_judged_on_exit_code_port_and_stack_traces():
    assert listen_error_problems(1, "cannot listen on 127.0.0.1:4321: EADDRINUSE", 4321) == []
    assert listen_error_problems(None, "", 4321)[0].startswith("still running")
    assert listen_error_problems(0, "Listening on http://127.0.0.1:4321", 4321)[0].startswith("exited with code 0")
    assert "does not name the port" in listen_error_problems(1, "address in use", 4321)[0]
    node_crash = (
        "node:events:497\n      throw er; // Unhandled 'error' event\nError: listen EADDRINUSE: address already in use "
        "127.0.0.1:4321\n    at Server.setupListenHandle [as _listen2] (node:net:1908:16)\n"
    )
    assert "stack trace" in listen_error_problems(1, node_crash, 4321)[0]


def test_a_config_error_must_stop_the_process_with_its_message(unsafe_repo: Path):
    task = unsafe_task("snippets/express/config.js")
    output = run_start_failure(task, "express", unsafe_repo, StartFailure("no key", {"SECRET_KEY": None}, ("set SECRET_KEY",)))
    assert "set SECRET_KEY" in output
    with pytest.raises(ContractFailure) as caught:
        run_start_failure(task, "express", unsafe_repo, StartFailure("no key", {"SECRET_KEY": None}, ("SECRET_KEY must be",)))
    assert "does not say" in str(caught.value)


def test_a_task_can_answer_errors_with_pages():
    task = dataclasses.replace(BOOK.get("html-templates"))
    assert task.errors == "page" and BOOK.get("hello-world").errors == "json"
