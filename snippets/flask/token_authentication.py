"""Token authentication: log in with a username and password, then send the token as a Bearer header.

Needs SECRET_KEY, API_USERNAME and API_PASSWORD in the environment. Tokens are signed and
time-limited with itsdangerous (installed with Flask); they cannot be revoked before they expire.
"""

import hmac
import os
from functools import wraps

from flask import Flask, abort, g, request
from itsdangerous import BadSignature, URLSafeTimedSerializer
from werkzeug.exceptions import HTTPException

# One hour unless TOKEN_MAX_AGE_SECONDS says otherwise (the contract uses 2 to test expiry).
_max_age_text = os.environ.get("TOKEN_MAX_AGE_SECONDS", "3600")
if not (_max_age_text.isascii() and _max_age_text.isdigit() and 1 <= len(_max_age_text) <= 6) or int(_max_age_text) < 1:
    raise RuntimeError(f"TOKEN_MAX_AGE_SECONDS must be a whole number of seconds, got {_max_age_text!r}")
TOKEN_MAX_AGE_SECONDS = int(_max_age_text)


def _require_env(name: str, min_length: int = 1) -> str:
    value = os.environ.get(name, "")
    if len(value) < min_length:
        raise RuntimeError(f"set {name} (at least {min_length} characters)")
    return value


app = Flask(__name__)
app.config["SECRET_KEY"] = _require_env("SECRET_KEY", 16)
app.config["MAX_CONTENT_LENGTH"] = 16 * 1024
USERNAME = _require_env("API_USERNAME")
PASSWORD = _require_env("API_PASSWORD", 8)
serializer = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt="api-token")


def json_body():
    """The JSON body, answered like express.json(): 415 for another content type or a non-UTF
    charset, 400 for malformed JSON, 413 over MAX_CONTENT_LENGTH."""
    if request.mimetype != "application/json":
        abort(415, "send a JSON body (Content-Type: application/json)")
    if request.content_encoding not in (None, "", "identity"):
        abort(415, "send the body uncompressed")  # Werkzeug does not decode it; Express is told not to
    if not request.mimetype_params.get("charset", "utf-8").lower().startswith("utf-"):
        abort(415, "send the JSON body in UTF-8")
    return request.get_json()  # raises BadRequest (400) for malformed JSON


def _same(a: str, b: str) -> bool:
    # compare_digest takes the same time wherever the strings differ (no timing leak).
    return hmac.compare_digest(a.encode(), b.encode())


def _unauthorized(message: str):
    return {"error": message}, 401, {"WWW-Authenticate": 'Bearer realm="cookbook"'}


def token_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            return _unauthorized("missing bearer token")
        try:
            g.user = serializer.loads(token, max_age=TOKEN_MAX_AGE_SECONDS)["sub"]
        except (BadSignature, KeyError, TypeError):  # also covers expired tokens
            return _unauthorized("invalid or expired token")
        return view(*args, **kwargs)

    return wrapper


@app.post("/login")
def login():
    data = json_body()
    if not isinstance(data, dict):
        return {"error": "send a JSON object with username and password"}, 400
    username, password = str(data.get("username", "")), str(data.get("password", ""))
    # Check both fields every time, so a wrong username takes as long as a wrong password.
    if not (_same(username, USERNAME) & _same(password, PASSWORD)):
        return {"error": "invalid credentials"}, 401
    return {"token": serializer.dumps({"sub": username}), "expires_in": TOKEN_MAX_AGE_SECONDS}


@app.get("/me")
@token_required
def me():
    return {"user": g.user}


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
