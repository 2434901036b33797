import os
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("APP_USERNAME", "ada")
os.environ.setdefault("APP_PASSWORD", "correct horse battery staple")
from login_sessions import app  # noqa: E402  (reads the variables at import)

PASSWORD = os.environ["APP_PASSWORD"]


@pytest.fixture()
def client():
    return app.test_client()  # a fresh cookie jar per test


def token(client) -> str:
    return client.get("/csrf-token").get_json()["csrf_token"]


def login(client, password=PASSWORD, csrf=None):
    headers = {"X-CSRF-Token": csrf or token(client)}
    return client.post("/login", json={"username": "ada", "password": password}, headers=headers)


def test_login_me_logout(client):
    assert client.get("/me").status_code == 401
    response = login(client)
    assert response.status_code == 200 and response.get_json()["user"] == "ada"
    assert client.get("/me").get_json() == {"user": "ada"}
    new_token = response.get_json()["csrf_token"]
    assert client.post("/logout", headers={"X-CSRF-Token": new_token}).get_json() == {"logged_out": True}
    assert client.get("/me").status_code == 401


def test_the_cookie_holds_only_a_random_id_with_safe_flags(client):
    login(client)
    cookie = client.get_cookie("sid")
    assert cookie.http_only and cookie.same_site == "Lax"
    assert "ada" not in cookie.value and len(cookie.value) >= 40  # 32 random bytes, URL-safe base64


def test_login_changes_the_session_id_and_the_csrf_token(client):
    old_token = token(client)
    before = client.get_cookie("sid").value
    response = login(client, csrf=old_token)
    assert client.get_cookie("sid").value != before  # no session fixation
    assert response.get_json()["csrf_token"] != old_token
    assert client.post("/logout", headers={"X-CSRF-Token": old_token}).status_code == 403


@pytest.mark.parametrize("headers", [{}, {"X-CSRF-Token": "forged"}])
def test_requests_without_the_right_token_are_403(client, headers):
    token(client)
    response = client.post("/login", json={"username": "ada", "password": PASSWORD}, headers=headers)
    assert response.status_code == 403
    assert response.get_json() == {"error": "CSRF token missing or invalid"}
    assert client.get("/me").status_code == 401


def test_a_token_from_another_session_is_refused(client):
    other = app.test_client()
    assert login(client, csrf=token(other)).status_code == 403


@pytest.mark.parametrize("username", ["ada", "nobody"])
def test_wrong_credentials_get_one_answer(client, username):
    response = client.post(
        "/login", json={"username": username, "password": "wrong password"}, headers={"X-CSRF-Token": token(client)}
    )
    assert response.status_code == 401 and response.get_json() == {"error": "wrong username or password"}


def test_bad_bodies_are_refused_before_the_csrf_check(client):
    assert client.post("/login", data="{", content_type="application/json").status_code == 400
    assert client.post("/login", data="{}", content_type="text/plain").status_code == 415
    assert client.post("/login", data="x" * 20_000, content_type="application/json").status_code == 413
    missing = client.post("/login", json={"username": "ada"}, headers={"X-CSRF-Token": token(client)})
    assert missing.get_json() == {"error": "username and password are required"}


def test_start_up_fails_clearly_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, "-c", "import login_sessions"],
        cwd=Path(__file__).resolve().parent.parent, env=env, capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr and "Traceback" not in result.stderr
