"""CORS: let pages from chosen origins call /api/ from the browser, using Flask-CORS.

Allowed origins come from CORS_ORIGINS (comma-separated); none are allowed by default.
"""

import os

from flask import Flask, request
from flask_cors import CORS
from werkzeug.exceptions import HTTPException

app = Flask(__name__)

origins = [origin.strip() for origin in os.environ.get("CORS_ORIGINS", "").split(",") if origin.strip()]
CORS(
    app,
    # Only the API, never the whole site. The key is a regular expression matched at the start of
    # the path: r"/api/*" would also match /apiary, so spell out the slash.
    resources={r"/api/.*": {"origins": origins}},
    methods=["GET", "POST", "PUT", "DELETE"],
    allow_headers=["Content-Type", "Authorization"],
    max_age=600,  # browsers may cache the preflight answer for 10 minutes
    always_send=False,  # no CORS headers on requests without Origin (same-origin, curl)
)


@app.after_request
def vary_on_origin(response):
    # Flask-CORS adds "Vary: Origin" only when several origins are configured, but the answer
    # depends on Origin with one too (header or no header), so shared caches must be told.
    if request.path.startswith("/api/"):
        response.vary.add("Origin")
    return response


@app.get("/health")
def health():
    # Outside /api/: never gets CORS headers, whatever the Origin.
    return {"status": "ok"}


@app.get("/api/data")
def data():
    return {"data": [1, 2, 3]}


@app.put("/api/data")
def replace_data():
    return {"replaced": True}


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
