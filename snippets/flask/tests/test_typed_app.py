import subprocess
import sys
from pathlib import Path

import pytest
from typed_app import app

client = app.test_client()
FLASK_DIR = Path(__file__).resolve().parent.parent


def test_create_and_filter_todos():
    created = client.post("/todos", json={"title": " Ship it ", "priority": "high"})
    assert created.status_code == 201
    todo = created.get_json()
    assert todo == {"id": todo["id"], "title": "Ship it", "priority": "high", "done": False}
    assert client.post("/todos", json={"title": "Tidy up"}).get_json()["priority"] == "normal"  # the default
    high = client.get("/todos?priority=high").get_json()
    assert all(t["priority"] == "high" for t in high) and todo in high


@pytest.mark.parametrize("body", [{}, {"title": ""}, {"title": "x", "priority": "urgent"}, {"title": 5}, ["x"]])
def test_invalid_bodies_are_400(body):
    response = client.post("/todos", json=body)
    assert response.status_code == 400
    assert response.get_json() == {"error": "title must be 1 to 200 characters and priority one of low, normal, high"}


def test_bad_requests_get_their_own_status():
    assert client.post("/todos", data="{", content_type="application/json").status_code == 400
    assert client.post("/todos", data="{}", content_type="text/plain").status_code == 415
    assert client.get("/todos?priority=urgent").status_code == 400
    assert client.get("/todos?priority=high&priority=low").status_code == 400
    assert client.get("/nope").get_json() == {"error": "not found"}


def test_the_types_check_with_mypy(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path), "typed_app.py"],
        cwd=FLASK_DIR, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
