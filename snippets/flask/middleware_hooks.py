"""Request hooks: a request id on every request and a Server-Timing header on every response."""

import os
import re
import time
import uuid

from flask import Flask, g, request

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


if __name__ == "__main__":
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "5000")))
