import re
import uuid

from middleware_hooks import app

client = app.test_client()


def test_generates_request_id_and_timing():
    response = client.get("/hello")
    request_id = response.headers["X-Request-Id"]
    uuid.UUID(request_id)  # raises if it is not a UUID
    assert response.get_json()["request_id"] == request_id
    assert re.fullmatch(r"app;dur=\d+\.\d{2}", response.headers["Server-Timing"])


def test_keeps_a_safe_incoming_id_and_replaces_an_unsafe_one():
    assert client.get("/hello", headers={"X-Request-Id": "abc-123"}).headers["X-Request-Id"] == "abc-123"
    replaced = client.get("/hello", headers={"X-Request-Id": "bad id <script>"}).headers["X-Request-Id"]
    uuid.UUID(replaced)
