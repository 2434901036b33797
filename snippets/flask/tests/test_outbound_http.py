import threading
import time

import pytest
from flask import Flask
from outbound_http import app
from werkzeug.serving import make_server

client = app.test_client()


@pytest.fixture(scope="module", autouse=True)
def upstream():
    """The demo upstream served for real on a free port: the app's outbound calls go over HTTP."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    saved = app.config["UPSTREAM_URL"]
    app.config["UPSTREAM_URL"] = f"http://127.0.0.1:{server.server_port}/upstream"
    yield
    app.config["UPSTREAM_URL"] = saved
    server.shutdown()
    thread.join(timeout=5)


def test_a_forecast_passes_through():
    response = client.get("/weather?city=Paris")
    assert response.status_code == 200
    assert response.get_json() == {"city": "Paris", "temperature_c": 15}


def test_a_slow_upstream_is_cut_off_at_the_timeout():
    started = time.monotonic()
    response = client.get("/weather?city=Slowtown")
    elapsed = time.monotonic() - started
    assert response.status_code == 504 and response.get_json() == {"error": "upstream timed out"}
    assert 0.9 < elapsed < 1.9  # the 1 s read timeout, not the upstream's 2 s


@pytest.mark.parametrize(
    ("city", "status", "error"),
    [
        ("Brokenville", 502, "upstream failed"),
        ("Nowhere", 404, "city not found"),
        ("<script>", 400, "city must be 1 to 50 letters, spaces or hyphens"),
        ("Paris&admin=1", 400, "city must be 1 to 50 letters, spaces or hyphens"),
    ],
)
def test_failures_are_mapped(city, status, error):
    response = client.get("/weather", query_string={"city": city})
    assert response.status_code == status and response.get_json() == {"error": error}


def test_an_unreachable_upstream_is_502(monkeypatch):
    monkeypatch.setitem(app.config, "UPSTREAM_URL", "http://127.0.0.1:1")  # nothing listens on port 1
    response = client.get("/weather?city=Paris")
    assert response.status_code == 502 and response.get_json() == {"error": "upstream unavailable"}


@pytest.mark.parametrize("body", [b'{"temp": 15}', b"not json", b'{"temperature_c": "warm"}', b"[]"])
def test_an_unexpected_answer_is_502(body, monkeypatch):
    odd = Flask("odd_upstream")
    odd.get("/forecast")(lambda: (body, 200, {"Content-Type": "application/json"}))
    server = make_server("127.0.0.1", 0, odd)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        monkeypatch.setitem(app.config, "UPSTREAM_URL", f"http://127.0.0.1:{server.server_port}")
        response = client.get("/weather?city=Paris")
        assert response.status_code == 502
        assert response.get_json() == {"error": "upstream sent an unexpected answer"}
    finally:
        server.shutdown()
        thread.join(timeout=5)
