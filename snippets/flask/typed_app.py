"""A Flask app with type hints checked by mypy: `python -m mypy --strict typed_app.py`.

Python ignores annotations at run time, like TypeScript's types are erased: a checker reads
them before the code runs. Request data is still only `object` until it has been validated,
which is what the TypeGuard function below does once, for the checker and at run time.
"""

import os
import threading
from dataclasses import asdict, dataclass
from typing import Literal, TypedDict, TypeGuard, get_args

from flask import Flask, abort, json, request
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

Priority = Literal["low", "normal", "high"]
PRIORITIES: tuple[Priority, ...] = get_args(Priority)


class NewTodo(TypedDict, total=False):
    """What a client may send: title is required (checked below), priority optional."""

    title: str
    priority: Priority


@dataclass
class Todo:
    id: int
    title: str
    priority: Priority
    done: bool = False


def is_new_todo(data: object) -> TypeGuard[NewTodo]:
    """True if data has the NewTodo shape; after it, the checker treats data as a NewTodo."""
    if not isinstance(data, dict):
        return False
    title, priority = data.get("title"), data.get("priority", "normal")
    return isinstance(title, str) and 1 <= len(title.strip()) <= 200 and priority in PRIORITIES


app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 16 * 1024
_todos: list[Todo] = []  # in this process only; see the orm-migrations task for storage
_lock = threading.Lock()


def read_json() -> object:
    """The parsed body as `object`: nothing is known about it until it is checked."""
    request.get_data()  # reads at most MAX_CONTENT_LENGTH: a larger body is 413 whatever its type
    if request.mimetype != "application/json":
        abort(415, "expected a JSON body (Content-Type: application/json)")
    if request.content_encoding not in (None, "", "identity"):
        abort(415, "send the body uncompressed")  # Werkzeug does not decode Content-Encoding
    if request.mimetype_params.get("charset", "utf-8").lower() not in ("utf-8", "utf8"):
        abort(415, "JSON must be UTF-8")
    data: object = request.get_json(silent=True)
    if data is None:
        abort(400, "malformed JSON")
    return data


@app.post("/todos")
def create_todo() -> tuple[dict[str, object], int]:
    data = read_json()
    if not is_new_todo(data):
        abort(400, "title must be 1 to 200 characters and priority one of low, normal, high")
    # From here mypy knows data["title"] is a str and data.get("priority") a Priority or None.
    with _lock:
        todo = Todo(id=len(_todos) + 1, title=data["title"].strip(), priority=data.get("priority", "normal"))
        _todos.append(todo)
    return asdict(todo), 201


@app.get("/todos")
def list_todos() -> list[dict[str, object]]:
    wanted = request.args.getlist("priority")
    if len(wanted) > 1 or (wanted and wanted[0] not in PRIORITIES):
        abort(400, "priority must be one of low, normal, high")
    with _lock:
        return [asdict(todo) for todo in _todos if not wanted or todo.priority == wanted[0]]


@app.errorhandler(HTTPException)
def error_as_json(error: HTTPException) -> Response:
    message = error.description if error.description != type(error).description else error.name.lower()
    response = error.get_response()
    response.data = json.dumps({"error": message})
    response.content_type = "application/json"
    return response


if __name__ == "__main__":
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "5000")))
