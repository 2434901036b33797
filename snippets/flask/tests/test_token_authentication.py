import os

from token_authentication import app

client = app.test_client()
CREDENTIALS = {"username": os.environ["API_USERNAME"], "password": os.environ["API_PASSWORD"]}


def test_login_then_use_the_token():
    token = client.post("/login", json=CREDENTIALS).get_json()["token"]
    response = client.get("/me", headers={"Authorization": f"Bearer {token}"})
    assert response.get_json() == {"user": CREDENTIALS["username"]}


def test_refusals():
    assert client.post("/login", json={**CREDENTIALS, "password": "wrong"}).status_code == 401
    missing = client.get("/me")
    assert missing.status_code == 401
    assert missing.headers["WWW-Authenticate"].startswith("Bearer")
    assert client.get("/me", headers={"Authorization": "Bearer forged.token"}).status_code == 401
