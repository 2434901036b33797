"""Static files: Flask serves static/ (next to this file) at /static/ with no extra code."""

import os

from flask import Flask, abort, request, url_for
from werkzeug.exceptions import HTTPException

# static_folder="static" and static_url_path="/static" are Flask's defaults, spelled out here.
app = Flask(__name__, static_folder="static", static_url_path="/static")


@app.before_request
def refuse_dotfiles():
    # Flask's static view serves every file under static/, dotfiles included (.env, .git/...);
    # answer them as missing, as express.static does by default. Paths that climb out of
    # static/ (../) are already refused by send_from_directory.
    if request.endpoint == "static":
        if any(part.startswith(".") for part in request.view_args["filename"].split("/")):
            abort(404)


@app.get("/")
def index():
    stylesheet = url_for("static", filename="style.css")
    return f'<!doctype html><title>Static files</title><link rel="stylesheet" href="{stylesheet}"><p>Hi</p>'


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
