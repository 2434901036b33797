"""Hello world: the smallest Flask app, answering plain text and JSON."""

import os

from flask import Flask
from werkzeug.exceptions import HTTPException

app = Flask(__name__)


@app.get("/")
def index():
    return "Hello, World!"


@app.get("/api/hello")
def hello_json():
    # Returning a dict makes Flask serialise it and set Content-Type: application/json.
    return {"message": "Hello, World!"}


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
    # Werkzeug's development server, fine for trying the example; production uses gunicorn.
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "5000")))
