"""A WebSocket endpoint with flask-sock: JSON messages in, JSON replies out, on one connection.

Send {"text": "hello"} to /ws and get {"echo": "hello", "count": 1} back; a malformed message
gets an error reply and the connection stays open; a message over 4 KiB closes it with code
1009. Browsers may open WebSockets to any site, so connections from other sites' pages (a
foreign Origin header) are refused.
"""

import json
import os

from flask import Flask, abort, request
from flask import json as flask_json
from flask_sock import Sock
from werkzeug.exceptions import HTTPException

PORT = os.environ.get("PORT", "5000")
# Pages allowed to connect. Non-browser clients send no Origin and are let through; browsers
# always send it, which is what stops a page on another site using a visitor's cookies here.
ALLOWED_ORIGINS = set(
    filter(None, os.environ.get("WS_ALLOWED_ORIGINS", f"http://127.0.0.1:{PORT},http://localhost:{PORT}").split(","))
)

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 16 * 1024  # this app reads no HTTP bodies
app.config["SOCK_SERVER_OPTIONS"] = {
    "max_message_size": 4096,  # larger messages close the connection with 1009
    "ping_interval": 25,  # pings keep proxies from dropping idle connections and find dead peers
}
sock = Sock(app)


@app.before_request
def refuse_foreign_origins():
    # Runs before the handshake is answered, so a refused client gets a plain 403.
    origin = request.headers.get("Origin")
    if request.path == "/ws" and origin is not None and origin not in ALLOWED_ORIGINS:
        abort(403, "origin not allowed")


@sock.route("/ws")
def echo(ws):
    # One call per connection, holding its worker thread until the client leaves: serve with
    # threaded workers (see websocket_echo.gunicorn.conf.py) to hold many connections.
    count = 0
    while True:
        raw = ws.receive()  # raises ConnectionClosed when the client goes; flask-sock handles it
        try:
            message = json.loads(raw) if isinstance(raw, str) else None  # bytes: a binary frame
        except ValueError:
            message = None
        if not isinstance(message, dict) or not isinstance(message.get("text"), str):
            ws.send(json.dumps({"error": 'send JSON like {"text": "hello"}'}))
            continue
        if message["text"] == "bye":
            ws.close(reason=1000, message="bye")
            return
        count += 1
        ws.send(json.dumps({"echo": message["text"], "count": count}))


@app.get("/")
def index():
    return {"websocket": "/ws", "send": {"text": "hello"}}


@app.errorhandler(HTTPException)
def error_as_json(error: HTTPException):
    # A plain GET of /ws ends here too: the rule only matches WebSocket upgrade requests.
    if error.code == 400 and request.path == "/ws":
        message = "expected a WebSocket upgrade request"
    else:
        message = error.description if error.description != type(error).description else error.name.lower()
    response = error.get_response()
    response.data = flask_json.dumps({"error": message})
    response.content_type = "application/json"
    return response


if __name__ == "__main__":
    # The development server is threaded: each connection gets its own thread.
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(PORT))
