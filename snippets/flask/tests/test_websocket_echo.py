import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import websocket_echo
from simple_websocket import Client, ConnectionClosed, ConnectionError
from websocket_echo import app
from werkzeug.serving import make_server


@pytest.fixture(scope="module")
def base():
    """The app on a real threaded server: WebSockets need a socket, which test_client() has not."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


def connect(base, **headers):
    return Client.connect(f"ws://{base}/ws", headers=headers or None)


def test_json_messages_are_echoed_with_a_count(base):
    ws = connect(base)
    try:
        for count, text in enumerate(["hello", "again"], start=1):
            ws.send(json.dumps({"text": text}))
            assert json.loads(ws.receive(timeout=5)) == {"echo": text, "count": count}
    finally:
        ws.close()


def test_a_bad_message_gets_an_error_and_the_connection_stays_open(base):
    ws = connect(base)
    try:
        for bad in ["not json", "[1]", '{"text": 5}', b"\x00\x01"]:
            ws.send(bad)
            assert json.loads(ws.receive(timeout=5)) == {"error": 'send JSON like {"text": "hello"}'}
        ws.send(json.dumps({"text": "still here"}))
        assert json.loads(ws.receive(timeout=5))["count"] == 1
    finally:
        ws.close()


def test_bye_closes_normally(base):
    ws = connect(base)
    ws.send(json.dumps({"text": "bye"}))
    with pytest.raises(ConnectionClosed) as closed:
        ws.receive(timeout=5)
    assert closed.value.reason == 1000


def test_a_message_over_4_kib_closes_with_1009(base):
    ws = connect(base)
    ws.send(json.dumps({"text": "x" * 5000}))
    with pytest.raises(ConnectionClosed) as closed:
        ws.receive(timeout=5)
    assert closed.value.reason == 1009


def test_allowed_and_foreign_origins(base):
    port = base.rsplit(":", 1)[1]
    app_origin = f"http://127.0.0.1:{port}"
    websocket_echo.ALLOWED_ORIGINS.add(app_origin)  # the test server's port is only known now
    try:
        connect(base, Origin=app_origin).close()
        with pytest.raises(ConnectionError) as refused:
            connect(base, Origin="https://evil.example")
        assert refused.value.status_code == 403
    finally:
        websocket_echo.ALLOWED_ORIGINS.discard(app_origin)


def test_a_plain_get_is_a_json_400():
    response = app.test_client().get("/ws")
    assert response.status_code == 400
    assert response.get_json() == {"error": "expected a WebSocket upgrade request"}


def test_under_gunicorn_with_the_threaded_config(tmp_path):
    """The way the task says to serve it: gunicorn's gthread worker, two connections at once."""
    flask_dir = Path(__file__).resolve().parent.parent
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "websocket_echo.gunicorn.conf.py", "--bind", "127.0.0.1:0",
         "--no-control-socket", "websocket_echo:app"],
        cwd=flask_dir, env={**os.environ}, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        for line in process.stderr:
            if found := re.search(r"Listening at: http://(\S+)", line):
                break
        else:
            pytest.fail("gunicorn did not start")
        for _ in range(50):
            try:
                first = connect(found.group(1))
                break
            except (ConnectionError, OSError):
                threading.Event().wait(0.1)
        second = connect(found.group(1))  # while the first is still open
        for ws in (first, second):
            ws.send(json.dumps({"text": "hi"}))
            assert json.loads(ws.receive(timeout=5)) == {"echo": "hi", "count": 1}
            ws.close()
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stderr.close()
