"""Request body parsing and validation, answering every mistake with a clear JSON 400."""

import os

from flask import Flask, request
from werkzeug.exceptions import HTTPException

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 16 * 1024  # a sign-up form never needs more than 16 KiB


def validate_signup(data: dict) -> dict[str, str]:
    """Return a field -> problem mapping; empty when the body is valid."""
    problems = {}
    email = data.get("email")
    if not isinstance(email, str) or "@" not in email or len(email) > 254:
        problems["email"] = "must be an email address"
    age = data.get("age")
    # bool is a subclass of int in Python, so `true` would pass a plain isinstance(age, int).
    if not isinstance(age, int) or isinstance(age, bool) or not 13 <= age <= 130:
        problems["age"] = "must be a whole number from 13 to 130"
    name = data.get("name", "")
    if not isinstance(name, str) or len(name) > 50:
        problems["name"] = "must be text of at most 50 characters"
    return problems


@app.post("/signup")
def signup():
    if not request.is_json:
        return {"error": "expected a JSON body (Content-Type: application/json)"}, 415
    if request.content_encoding not in (None, "", "identity"):
        return {"error": "send the body uncompressed"}, 415  # Werkzeug does not decode it; Express is told not to
    if not request.mimetype_params.get("charset", "utf-8").lower().startswith("utf-"):
        return {"error": "send the JSON body in UTF-8"}, 415  # express.json() refuses other charsets too
    data = request.get_json(silent=True)  # silent: malformed JSON gives None instead of raising
    if data is None:
        return {"error": "malformed JSON"}, 400
    if not isinstance(data, dict):
        return {"error": "body must be a JSON object"}, 400
    problems = validate_signup(data)
    if problems:
        return {"error": "validation failed", "details": problems}, 400
    # Echo only the fields we validated, never the raw body.
    return {"email": data["email"], "age": data["age"], "name": data.get("name", "")}, 201


@app.errorhandler(413)
def too_large(_error):
    return {"error": "request body too large"}, 413


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
