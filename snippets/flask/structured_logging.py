"""Structured logs: one JSON object per line, every line of a request carrying its request id.

The id comes from the caller's X-Request-Id header when it looks safe (a proxy or the calling
service set it, so one id follows the request across services), otherwise a new UUID. It goes
back in the response header and in error bodies, so a user can quote it and you can grep for it.
"""

import json
import logging
import os
import re
import sys
import time
import uuid
from datetime import UTC, datetime

from flask import Flask, g, has_request_context, request
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter

# ASCII letters, digits, dot, underscore and hyphen only: the id is copied into logs and
# headers, so anything that could forge a log line or a header (newlines, quotes) is refused.
SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


class JsonFormatter(logging.Formatter):
    """Formats a record as one JSON line: time, level, message, request_id, then extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname.lower(),
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
            **getattr(record, "fields", {}),
        }
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)  # in the log, never to the client
        return json.dumps(entry)  # the standard library keeps the key order above (Flask's json sorts keys)


class RequestIdFilter(logging.Filter):
    """Adds the current request's id to every record, whichever code logs it."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = g.get("request_id") if has_request_context() else None
        return True


log_handler = logging.StreamHandler(sys.stdout)  # one JSON line per event; the platform collects stdout
log_handler.setFormatter(JsonFormatter())
log_handler.addFilter(RequestIdFilter())
log = logging.getLogger("orders")
log.addHandler(log_handler)
log.setLevel(logging.INFO)
log.propagate = False  # not also through the root logger's plain-text handlers


class AsciiIntConverter(IntegerConverter):
    """<int:...> for ASCII digits only, like the Express version's /^[0-9]+$/: Werkzeug's own
    pattern is \\d+, which in Python also matches other scripts' digits ("٣" is Arabic-Indic 3)."""

    regex = r"[0-9]+"


app = Flask(__name__)
app.url_map.converters["int"] = AsciiIntConverter
app.config["MAX_CONTENT_LENGTH"] = 16 * 1024  # this API reads no bodies; refuse large ones early

ORDERS = {1: "coffee beans", 2: "grinder", 3: "kettle"}


@app.before_request
def start_request():
    incoming = request.headers.get("X-Request-Id", "")
    g.request_id = incoming if SAFE_REQUEST_ID.fullmatch(incoming) else str(uuid.uuid4())
    g.started = time.perf_counter()


@app.after_request
def log_request(response):
    # Runs for error responses too. The path is logged without its query string, which may
    # carry tokens or personal data.
    response.headers["X-Request-Id"] = g.request_id
    elapsed_ms = round((time.perf_counter() - g.started) * 1000, 1)
    fields = {"method": request.method, "path": request.path, "status": response.status_code, "duration_ms": elapsed_ms}
    log.info("request finished", extra={"fields": fields})
    return response


@app.get("/orders/<int:order_id>")
def get_order(order_id: int):
    if order_id not in ORDERS:
        log.warning("order not found", extra={"fields": {"order_id": order_id}})
        return {"error": "order not found", "request_id": g.request_id}, 404
    log.info("order looked up", extra={"fields": {"order_id": order_id}})
    return {"id": order_id, "item": ORDERS[order_id]}


@app.get("/boom")
def boom():
    raise RuntimeError("something broke")  # to show how an unexpected error is logged


@app.errorhandler(HTTPException)
def error_as_json(error: HTTPException):
    response = error.get_response()
    response.data = json.dumps({"error": error.name.lower(), "request_id": g.get("request_id")})
    response.content_type = "application/json"
    return response


@app.errorhandler(Exception)
def unexpected_error(error: Exception):
    # The traceback goes to the log with the request id; the client gets the id to quote.
    log.error("unhandled error", exc_info=error)
    return {"error": "internal server error", "request_id": g.get("request_id")}, 500


if __name__ == "__main__":
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "5000")))
