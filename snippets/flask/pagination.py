"""Keyset (cursor) pagination over a SQLite table, with a `Link: <...>; rel="next"` header.

`GET /articles?limit=10&after=20` returns the articles whose id is greater than 20, ten at most.
Unlike `OFFSET`, the query stays fast on deep pages (the primary key index finds the start) and
rows inserted meanwhile never shift a page, so a client never sees one twice or skips one.
"""

import os
import re
import sqlite3
import threading

from flask import Flask, abort, json, request, url_for
from werkzeug.exceptions import HTTPException

DEFAULT_LIMIT, MAX_LIMIT = 10, 100
MAX_ID = 2**63 - 1  # SQLite's largest integer: bigger cursors cannot exist

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 16 * 1024  # this API reads no bodies; refuse large ones early

# A demo table of 50 articles in an in-memory database, filled at start-up. One connection is
# shared by the worker's threads (serialised by the lock); a real app opens a database file.
_db = sqlite3.connect(":memory:", check_same_thread=False)
_db.row_factory = sqlite3.Row
_db_lock = threading.Lock()
with _db_lock:
    _db.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT NOT NULL)")
    _db.executemany("INSERT INTO articles (id, title) VALUES (?, ?)", [(i, f"Article {i}") for i in range(1, 51)])
    _db.commit()


def whole_number_arg(name: str, default: int, low: int, high: int) -> int:
    """A query parameter that must be a whole number in [low, high]; 400 otherwise.

    `request.args.get(name, type=int)` would accept " 7", "1_0" and non-ASCII digits such as "٣",
    because it calls int(); an explicit ASCII pattern accepts exactly what the error message promises.
    """
    values = request.args.getlist(name)
    if not values:
        return default
    if len(values) == 1 and re.fullmatch(r"[0-9]{1,19}", values[0]) and low <= int(values[0]) <= high:
        return int(values[0])
    abort(400, f"{name} must be a whole number from {low} to {high}")


@app.get("/articles")
def list_articles():
    limit = whole_number_arg("limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
    after = whole_number_arg("after", 0, 0, MAX_ID)
    with _db_lock:
        # Fetch one row more than asked: if it exists there is a next page.
        rows = _db.execute("SELECT id, title FROM articles WHERE id > ? ORDER BY id LIMIT ?", (after, limit + 1)).fetchall()
    items = [dict(row) for row in rows[:limit]]
    next_url = url_for("list_articles", after=items[-1]["id"], limit=limit) if len(rows) > limit else None
    headers = {"Link": f'<{next_url}>; rel="next"'} if next_url else {}
    return {"items": items, "next": next_url}, 200, headers


@app.errorhandler(HTTPException)
def error_as_json(error: HTTPException):
    # Every error, including 404 and 405 from routing, answers JSON like the rest of the API.
    # abort(400, "...") messages are written for clients; Werkzeug's default descriptions are
    # long HTML-page sentences, so those answer with the status name ("not found") instead.
    message = error.description if error.description != type(error).description else error.name.lower()
    response = error.get_response()  # keeps headers such as Allow on 405
    response.data = json.dumps({"error": message})
    response.content_type = "application/json"
    return response


if __name__ == "__main__":
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "5000")))
