"""Routing: path parameters with converters, query strings, repeated keys and catch-all paths."""

import os

from flask import Flask, request

app = Flask(__name__)


@app.get("/users/<int:user_id>")
def show_user(user_id: int):
    # The int converter rejects /users/abc with a 404 before this function runs.
    return {"user_id": user_id}


@app.get("/search")
def search():
    query = request.args.get("q", "")
    page_text = request.args.get("page", "1")
    if not page_text.isdigit() or int(page_text) < 1:
        return {"error": "page must be a positive integer"}, 400
    return {"q": query, "page": int(page_text)}


@app.get("/tags")
def tags():
    # getlist returns every value of a repeated key: ?tag=a&tag=b -> ["a", "b"].
    return {"tags": request.args.getlist("tag")}


@app.get("/files/<path:subpath>")
def files(subpath: str):
    # The path converter matches slashes too; the file is never opened here.
    return {"path": subpath}


if __name__ == "__main__":
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "5000")))
