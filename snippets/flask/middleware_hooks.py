"""Request hooks: a request id on every request and a Server-Timing header on every response."""

import os
import re
import time
import uuid

from flask import Flask, g, request
from werkzeug.exceptions import HTTPException

app = Flask(__name__)

# Accept a caller's id only if it is short and harmless; it ends up in logs and headers.
_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9-]{1,64}$")


@app.before_request
def start_request():
    incoming = request.headers.get("X-Request-Id", "")
    g.request_id = incoming if _SAFE_REQUEST_ID.match(incoming) else str(uuid.uuid4())
    g.started = time.perf_counter()


@app.after_request
def add_headers(response):
    # after_request runs once the view has returned, before the body is sent.
    elapsed_ms = (time.perf_counter() - g.started) * 1000
    response.headers["X-Request-Id"] = g.request_id
    response.headers["Server-Timing"] = f"app;dur={elapsed_ms:.2f}"
    return response


@app.get("/hello")
def hello():
    return {"message": "hello", "request_id": g.request_id}


@app.errorhandler(HTTPException)
def http_error(error: HTTPException):
    # Every HTTP error (404, 405, 413, 415...) as JSON instead of Werkzeug's HTML page. An
    # unhandled exception arrives here too, as a 500 whose answer says nothing about it.
    response = error.get_response()  # keeps headers such as Allow on a 405
    # Werkzeug's stock descriptions are long sentences: use the short name unless the code gave its own.
    custom = error.description != type(error).description
    response.data = app.json.dumps({"error": error.description if custom else error.name.lower()})
    response.content_type = "application/json"
    return response


if __name__ == "__main__":
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "5000")))
