"""Hello world: the smallest Flask app, answering plain text and JSON."""

import os

from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return "Hello, World!"


@app.get("/api/hello")
def hello_json():
    # Returning a dict makes Flask serialise it and set Content-Type: application/json.
    return {"message": "Hello, World!"}


if __name__ == "__main__":
    # Werkzeug's development server, fine for trying the example; production uses gunicorn.
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "5000")))
