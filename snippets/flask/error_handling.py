"""Error handling: JSON 404/405/500 responses, an error from an async view, no stack traces leaked."""

import asyncio
import logging
import os

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException, NotFound
from werkzeug.routing import IntegerConverter


class AsciiIntConverter(IntegerConverter):
    """<int:...> for ASCII digits only: Werkzeug's pattern is \\d+, which in Python also matches
    other scripts' digits ('١' is Arabic-Indic one), so /items/١ would serve item 1 - a second URL
    the Express version (/^[0-9]+$/) does not have."""

    regex = r"[0-9]+"


app = Flask(__name__)
app.url_map.converters["int"] = AsciiIntConverter
log = logging.getLogger(__name__)

ITEMS = {1: {"id": 1, "name": "First item"}}


class ItemNotFound(NotFound):
    """A 404 that carries which item was missing."""

    def __init__(self, item_id: int):
        super().__init__(description=f"item {item_id} not found")


@app.get("/items/<int:item_id>")
def get_item(item_id: int):
    if item_id not in ITEMS:
        raise ItemNotFound(item_id)
    return ITEMS[item_id]


@app.get("/boom")
def boom():
    return {"result": 1 / 0}  # a bug: raises ZeroDivisionError


@app.get("/async-boom")
async def async_boom():
    # Async views need the asgiref package (pip install "flask[async]"); Flask runs each
    # one in an event loop in a new thread (asgiref) while the worker waits: no extra concurrency.
    await asyncio.sleep(0)
    raise RuntimeError("the database went away")


@app.errorhandler(HTTPException)
def http_error(error: HTTPException):
    # Covers 404 for unknown URLs, 405 for wrong methods, and our ItemNotFound.
    # Werkzeug's default descriptions are long English sentences; answer with the short name.
    message = error.description if isinstance(error, ItemNotFound) else error.name.lower()
    response = jsonify(error=message)
    response.status_code = error.code or 500
    # Keep headers such as Allow (405) that Werkzeug attached to the exception.
    for name, value in error.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


@app.errorhandler(Exception)
def unexpected_error(error: Exception):
    # Log the details for operators; show the client nothing about the internals.
    log.exception("unhandled error", exc_info=error)
    return {"error": "internal server error"}, 500


if __name__ == "__main__":
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "5000")))
