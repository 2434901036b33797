"""Validate JSON bodies against a pydantic model and publish the same model as an OpenAPI document.

One class declares the shape once; it validates requests (422 with every problem listed) and
its JSON Schema becomes components.schemas in /openapi.json, so the docs cannot drift from the code.
"""

import os
import threading
from typing import Annotated

from flask import Flask, abort, json, request, url_for
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter


def text(max_length: int):
    return Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length)]


class BookIn(BaseModel):
    """What a client sends to create a book."""

    # strict: no silent conversions ("1999" or true are not years); forbid: unknown keys are
    # errors rather than silently dropped, so a misspelt field is reported.
    model_config = ConfigDict(strict=True, extra="forbid")

    title: text(200)
    author: text(100)
    year: Annotated[int, Field(ge=1450, le=2100)]
    tags: Annotated[list[text(30)], Field(max_length=5)] = []


class Book(BookIn):
    """A stored book, as the API returns it."""

    id: int


class AsciiIntConverter(IntegerConverter):
    """<int:...> for ASCII digits only, like the Express version's /^[0-9]+$/: Werkzeug's own
    pattern is \\d+, which in Python also matches other scripts' digits ("٣" is Arabic-Indic 3)."""

    regex = r"[0-9]+"


app = Flask(__name__)
app.url_map.converters["int"] = AsciiIntConverter
app.config["MAX_CONTENT_LENGTH"] = 100 * 1024

_books: dict[int, Book] = {}  # in this process only; see the sqlite-database task for storage
_lock = threading.Lock()


def read_json_body():
    """The parsed JSON body, or an error saying what is wrong with the request itself."""
    request.get_data()  # reads at most MAX_CONTENT_LENGTH: a larger body is 413 whatever its type
    if request.mimetype != "application/json":
        abort(415, "expected a JSON body (Content-Type: application/json)")
    if request.content_encoding not in (None, "", "identity"):
        abort(415, "send the body uncompressed")  # Werkzeug does not decode Content-Encoding
    if request.mimetype_params.get("charset", "utf-8").lower() not in ("utf-8", "utf8"):
        abort(415, "JSON must be UTF-8")
    data = request.get_json(silent=True)  # None when malformed; 413 when too large
    if data is None:
        abort(400, "malformed JSON")
    return data


@app.post("/books")
def create_book():
    try:
        book_in = BookIn.model_validate(read_json_body())
    except ValidationError as error:
        # Each problem with its dotted path; "input" is left out so a huge or secret value
        # sent by the client is never echoed back.
        details = [{"path": ".".join(map(str, e["loc"])), "message": e["msg"]} for e in error.errors()]
        return {"error": "validation failed", "details": details}, 422
    with _lock:
        book = Book(id=len(_books) + 1, **book_in.model_dump())
        _books[book.id] = book
    return book.model_dump(), 201, {"Location": url_for("get_book", book_id=book.id)}


@app.get("/books/<int:book_id>")
def get_book(book_id: int):
    with _lock:
        book = _books.get(book_id)
    if book is None:
        abort(404, "book not found")
    return book.model_dump()


@app.get("/openapi.json")
def openapi():
    ref = "#/components/schemas/{model}"
    error = {"description": "Validation failed", "content": {"application/json": {}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Books API", "version": "1.0.0"},
        "paths": {
            "/books": {
                "post": {
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": {"$ref": ref.format(model="BookIn")}}},
                    },
                    "responses": {
                        "201": {
                            "description": "Created",
                            "content": {"application/json": {"schema": {"$ref": ref.format(model="Book")}}},
                        },
                        "422": error,
                    },
                }
            },
            "/books/{id}": {
                "get": {
                    "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 0}}],
                    "responses": {
                        "200": {
                            "description": "The book",
                            "content": {"application/json": {"schema": {"$ref": ref.format(model="Book")}}},
                        },
                        "404": {"description": "No such book"},
                    },
                }
            },
        },
        # Generated from the same classes that validate requests. OpenAPI 3.1 schemas are JSON
        # Schema 2020-12, which is what pydantic emits.
        "components": {"schemas": {"BookIn": BookIn.model_json_schema(), "Book": Book.model_json_schema()}},
    }


@app.errorhandler(HTTPException)
def error_as_json(error: HTTPException):
    message = error.description if error.description != type(error).description else error.name.lower()
    response = error.get_response()
    response.data = json.dumps({"error": message})
    response.content_type = "application/json"
    return response


if __name__ == "__main__":
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "5000")))
