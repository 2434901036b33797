"""Rate limiting per client IP with Flask-Limiter: 3 requests a minute on /api/quote, then 429.

Counters live in this process's memory ("memory://"): each gunicorn worker counts separately
and a restart forgets them. With several workers or servers, point storage_uri at a shared
store (for example redis://...) so every process sees the same counts.
"""

import os

from flask import Flask, json
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from werkzeug.exceptions import HTTPException

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 16 * 1024  # this API reads no bodies; refuse large ones early

limiter = Limiter(
    # The client's address as the server sees it. Behind a reverse proxy every request comes
    # from the proxy: wrap the app in ProxyFix first, or all clients share one counter.
    get_remote_address,
    app=app,
    storage_uri="memory://",
    strategy="fixed-window",  # what express-rate-limit's memory store does
    headers_enabled=True,  # X-RateLimit-Limit/-Remaining/-Reset and Retry-After
)

QUOTES = ["Simple is better than complex.", "Readability counts.", "Errors should never pass silently."]
_served = 0


@app.get("/api/quote")
@limiter.limit("3 per minute")
def quote():
    global _served
    _served += 1
    return {"quote": QUOTES[(_served - 1) % len(QUOTES)]}


@app.get("/health")
def health():
    return {"status": "ok"}  # no limit: load balancers poll it often


@app.errorhandler(429)
def too_many_requests(error: HTTPException):
    # Flask-Limiter raises a 429 error; this handler keeps its headers (Retry-After) and
    # replaces the HTML body with the same JSON the Express version sends.
    response = error.get_response()
    response.data = json.dumps({"error": "too many requests, try again later"})
    response.content_type = "application/json"
    return response


@app.errorhandler(HTTPException)
def error_as_json(error: HTTPException):
    response = error.get_response()
    response.data = json.dumps({"error": error.name.lower()})
    response.content_type = "application/json"
    return response


if __name__ == "__main__":
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "5000")))
