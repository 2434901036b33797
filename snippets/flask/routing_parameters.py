"""Routing: path parameters with converters, query strings, repeated keys and catch-all paths."""

import os

from flask import Flask, request
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter


class AsciiIntConverter(IntegerConverter):
    """<int:...> for ASCII digits only: Werkzeug's pattern is \\d+, which in Python also matches
    other scripts' digits ('٣' is Arabic-Indic three), while Express's /^[0-9]+$/ does not."""

    regex = r"[0-9]+"


app = Flask(__name__)
app.url_map.converters["int"] = AsciiIntConverter


def positive_int(text: str) -> int:
    """A converter for request.args.get(type=...): a whole number from 1, in ASCII digits.
    int() alone would accept ' 3', '3_000' and '٣', and raise on '²'."""
    if not (text.isascii() and text.isdigit()) or int(text) < 1:
        raise ValueError(f"not a positive integer: {text!r}")
    return int(text)


@app.get("/users/<int:user_id>")
def show_user(user_id: int):
    # The int converter rejects /users/abc with a 404 before this function runs.
    return {"user_id": user_id}


@app.get("/search")
def search():
    query = request.args.get("q", "")
    # type= converts the value and gives None when the conversion fails. A repeated ?page= is
    # refused too: Express sees an array there.
    page = request.args.get("page", type=positive_int) if "page" in request.args else 1
    if page is None or len(request.args.getlist("page")) > 1:
        return {"error": "page must be a positive integer"}, 400
    return {"q": query, "page": page}


@app.get("/tags")
def tags():
    # getlist returns every value of a repeated key: ?tag=a&tag=b -> ["a", "b"].
    return {"tags": request.args.getlist("tag")}


@app.get("/files/<path:subpath>")
def files(subpath: str):
    # The path converter matches slashes too; the file is never opened here.
    return {"path": subpath}


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
