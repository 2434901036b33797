import importlib
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests

FLASK_DIR = Path(__file__).resolve().parent.parent


@pytest.fixture()
def app(tmp_path, monkeypatch):
    # The module reads DATABASE_PATH and creates the file at import: import it pointing at tmp_path.
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "app.sqlite3"))
    import health_checks

    return importlib.reload(health_checks).app


def test_liveness(app):
    assert app.test_client().get("/healthz").get_json() == {"status": "ok"}


def test_ready_when_the_database_answers(app):
    response = app.test_client().get("/readyz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ready", "checks": {"database": "ok"}}


def test_not_ready_when_it_does_not(app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "DATABASE_PATH", str(tmp_path))  # a directory cannot be opened
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "not ready", "checks": {"database": "failed"}}
    assert str(tmp_path) not in response.get_data(as_text=True)  # no paths or driver messages


@pytest.fixture()
def gunicorn(tmp_path):
    """The app under gunicorn on a free port, as the run line serves it."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--bind",
            "127.0.0.1:0",
            "--graceful-timeout",
            "5",
            "--no-control-socket",
            "health_checks:app",
        ],
        cwd=FLASK_DIR,
        env={**os.environ, "DATABASE_PATH": str(tmp_path / "app.sqlite3")},
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for line in process.stderr:
            if found := re.search(r"Listening at: (http://\S+)", line):
                break
        else:
            pytest.fail("gunicorn did not start")
        base = found.group(1)
        for _ in range(50):  # the worker may boot a moment after the master listens
            try:
                requests.get(f"{base}/healthz", timeout=1)
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        yield process, base
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)
        process.stderr.close()


def test_sigterm_finishes_the_request_in_flight_then_exits_0(gunicorn):
    process, base = gunicorn
    answers = []
    slow = threading.Thread(target=lambda: answers.append(requests.get(f"{base}/slow", timeout=10)))
    slow.start()
    time.sleep(0.2)  # the request is now being served
    process.send_signal(signal.SIGTERM)
    slow.join(timeout=10)
    assert answers and answers[0].status_code == 200 and answers[0].json() == {"done": True}
    assert process.wait(timeout=10) == 0
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{base}/healthz", timeout=1)
