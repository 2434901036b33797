"""A JSON CRUD API over an in-memory store (one dict per process)."""

import os
import threading

from flask import Flask, abort, request, url_for
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter


class AsciiIntConverter(IntegerConverter):
    """<int:...> for ASCII digits only: Werkzeug's pattern is \\d+, which in Python also matches
    other scripts' digits ('١' is Arabic-Indic one), so /items/١ would serve item 1 - a second URL
    the Express version (/^[0-9]+$/) does not have."""

    regex = r"[0-9]+"


app = Flask(__name__)
app.url_map.converters["int"] = AsciiIntConverter
app.config["MAX_CONTENT_LENGTH"] = 100 * 1024  # refuse request bodies over 100 KiB with 413

# The store lives in this process only: every gunicorn worker has its own copy,
# and everything is lost on restart. Use a database (see sqlite_database.py) for real data.
_items: dict[int, dict] = {}
_next_id = 1
_lock = threading.Lock()  # the dev server and threaded workers serve requests concurrently


def _read_json_object():
    """The JSON body if it is an object, else None. Answers like express.json() does: 415 for
    another content type or a non-UTF charset, 400 for malformed JSON, 413 over the limit."""
    if request.mimetype != "application/json":
        abort(415, "send a JSON body (Content-Type: application/json)")
    if request.content_encoding not in (None, "", "identity"):
        abort(415, "send the body uncompressed")  # Werkzeug does not decode it; Express is told not to
    if not request.mimetype_params.get("charset", "utf-8").lower().startswith("utf-"):
        abort(415, "send the JSON body in UTF-8")
    data = request.get_json()  # raises BadRequest (400) for malformed JSON
    return data if isinstance(data, dict) else None


@app.get("/items")
def list_items():
    with _lock:
        return list(_items.values())


@app.post("/items")
def create_item():
    global _next_id
    data = _read_json_object()
    if data is None or not isinstance(data.get("name"), str) or not data["name"].strip():
        return {"error": "name is required and must be a non-empty string"}, 400
    with _lock:
        item = {"id": _next_id, "name": data["name"].strip(), "done": False}
        _items[_next_id] = item
        _next_id += 1
    return item, 201, {"Location": url_for("get_item", item_id=item["id"])}


@app.get("/items/<int:item_id>")
def get_item(item_id: int):
    with _lock:
        item = _items.get(item_id)
    if item is None:
        return {"error": "item not found"}, 404
    return item


@app.patch("/items/<int:item_id>")
def update_item(item_id: int):
    data = _read_json_object()
    if data is None:
        return {"error": "body must be a JSON object"}, 400
    if "name" in data and (not isinstance(data["name"], str) or not data["name"].strip()):
        return {"error": "name must be a non-empty string"}, 400
    if "done" in data and not isinstance(data["done"], bool):
        return {"error": "done must be true or false"}, 400
    with _lock:
        item = _items.get(item_id)
        if item is None:
            return {"error": "item not found"}, 404
        if "name" in data:
            item["name"] = data["name"].strip()
        if "done" in data:
            item["done"] = data["done"]
        return dict(item)


@app.delete("/items/<int:item_id>")
def delete_item(item_id: int):
    with _lock:
        if _items.pop(item_id, None) is None:
            return {"error": "item not found"}, 404
    return "", 204


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
