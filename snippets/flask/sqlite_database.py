"""A real SQLite database: create a table, insert, query with parameters, delete.

The database file comes from DATABASE_PATH (default notes.sqlite3 in the working directory).
Each request opens its own connection and closes it when the request ends.
"""

import os
import sqlite3

from flask import Flask, abort, g, request, url_for
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter

SCHEMA = """
CREATE TABLE IF NOT EXISTS notes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 500)
)
"""


class RowIdConverter(IntegerConverter):
    """<int:...> for SQLite row ids: ASCII digits only (Werkzeug's \\d+ also matches other scripts'
    digits, such as '٣') and at most 2**63 - 1 (sqlite3 raises OverflowError for more)."""

    regex = r"[0-9]+"

    def __init__(self, url_map, *args, **kwargs):
        super().__init__(url_map, max=2**63 - 1)


app = Flask(__name__)
app.url_map.converters["int"] = RowIdConverter
app.config["DATABASE_PATH"] = os.environ.get("DATABASE_PATH", "notes.sqlite3")
app.config["MAX_CONTENT_LENGTH"] = 16 * 1024


def get_db() -> sqlite3.Connection:
    if "db" not in g:
        g.db = sqlite3.connect(app.config["DATABASE_PATH"])
        g.db.row_factory = sqlite3.Row  # rows behave like dicts
    return g.db


@app.teardown_appcontext
def close_db(_error):
    db = g.pop("db", None)
    if db is not None:
        db.close()


def init_db() -> None:
    with sqlite3.connect(app.config["DATABASE_PATH"]) as db:
        db.execute(SCHEMA)


init_db()


@app.post("/notes")
def create_note():
    if request.mimetype != "application/json":
        abort(415, "send a JSON body (Content-Type: application/json)")
    if request.content_encoding not in (None, "", "identity"):
        abort(415, "send the body uncompressed")  # Werkzeug does not decode it; Express is told not to
    if not request.mimetype_params.get("charset", "utf-8").lower().startswith("utf-"):
        abort(415, "send the JSON body in UTF-8")
    data = request.get_json()  # malformed JSON raises BadRequest (400), as express.json() answers
    text = data.get("text") if isinstance(data, dict) else None
    if not isinstance(text, str) or not 1 <= len(text.strip()) <= 500:
        return {"error": "text must be 1 to 500 characters"}, 400
    db = get_db()
    # "?" placeholders: the driver passes values separately, so they can never change the SQL.
    cursor = db.execute("INSERT INTO notes (text) VALUES (?)", (text.strip(),))
    db.commit()
    note = {"id": cursor.lastrowid, "text": text.strip()}
    return note, 201, {"Location": url_for("get_note", note_id=note["id"])}


@app.get("/notes")
def list_notes():
    search = request.args.get("q", "")
    rows = get_db().execute("SELECT id, text FROM notes WHERE instr(lower(text), lower(?)) > 0 ORDER BY id", (search,))
    return [dict(row) for row in rows]


@app.get("/notes/<int:note_id>")
def get_note(note_id: int):
    row = get_db().execute("SELECT id, text FROM notes WHERE id = ?", (note_id,)).fetchone()
    if row is None:
        return {"error": "note not found"}, 404
    return dict(row)


@app.delete("/notes/<int:note_id>")
def delete_note(note_id: int):
    db = get_db()
    deleted = db.execute("DELETE FROM notes WHERE id = ?", (note_id,)).rowcount
    db.commit()
    if not deleted:
        return {"error": "note not found"}, 404
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
