"""Log in with a password hashed by scrypt, keep the login in a server-side session, and
protect every state-changing request with a CSRF token.

The browser holds only a random session id (cookie "sid"); the data lives on the server, so a
logout or a password change can end a session at once. Flask-Session stores it (here in this
process's memory), Flask-WTF issues and checks the CSRF tokens.
"""

import os
import sys
from datetime import timedelta

from cachelib import SimpleCache
from flask import Flask, abort, g, json, request, session
from flask_session import Session
from flask_wtf.csrf import CSRFError, CSRFProtect, generate_csrf
from werkzeug.exceptions import HTTPException
from werkzeug.security import check_password_hash, generate_password_hash


def require_env(name: str, min_length: int = 1) -> str:
    value = os.environ.get(name, "")
    if len(value) < min_length:
        # Fail at start-up, not at login. Exit code 3 is gunicorn's "worker failed to boot": the
        # master then stops, instead of restarting a worker that can never start.
        print(f"{name} must be set (at least {min_length} characters)", file=sys.stderr)
        sys.exit(3)
    return value


app = Flask(__name__)
app.config.update(
    SECRET_KEY=require_env("SECRET_KEY", 16),  # signs the CSRF tokens
    MAX_CONTENT_LENGTH=16 * 1024,
    # Server-side sessions. SimpleCache is this process's memory: each gunicorn worker has its own
    # sessions and a restart logs everyone out. Use SESSION_TYPE="redis" (or a database) in production.
    SESSION_TYPE="cachelib",
    SESSION_CACHELIB=SimpleCache(threshold=10_000, default_timeout=8 * 3600),
    PERMANENT_SESSION_LIFETIME=timedelta(hours=8),
    SESSION_COOKIE_NAME="sid",
    SESSION_COOKIE_HTTPONLY=True,  # page scripts cannot read the session id
    SESSION_COOKIE_SAMESITE="Lax",  # not sent on cross-site POSTs: a first line of CSRF defence
    SESSION_COOKIE_SECURE=os.environ.get("COOKIE_SECURE", "1") != "0",  # HTTPS only, unless trying it over http
    # The token is checked explicitly in each view, after the body has been read, so a
    # malformed or oversized body gets its own 400/413/415 rather than a CSRF error.
    WTF_CSRF_CHECK_DEFAULT=False,
    WTF_CSRF_TIME_LIMIT=None,  # valid as long as the session; a new one is issued at login
)
Session(app)
csrf = CSRFProtect(app)

# One demo user from the environment; only the hash is kept. generate_password_hash uses scrypt
# with a random salt by default, and check_password_hash compares in constant time.
USERS = {require_env("APP_USERNAME"): generate_password_hash(require_env("APP_PASSWORD", 12))}
# Checked when the username is unknown, so that answer takes as long as a wrong password.
DUMMY_HASH = generate_password_hash("no user has this password")


def read_json_object() -> dict:
    request.get_data()  # reads at most MAX_CONTENT_LENGTH: a larger body is 413 whatever its type
    if request.mimetype != "application/json":
        abort(415, "expected a JSON body (Content-Type: application/json)")
    if request.content_encoding not in (None, "", "identity"):
        abort(415, "send the body uncompressed")  # Werkzeug does not decode Content-Encoding
    if request.mimetype_params.get("charset", "utf-8").lower() not in ("utf-8", "utf8"):
        abort(415, "JSON must be UTF-8")
    data = request.get_json(silent=True)
    if data is None:
        abort(400, "malformed JSON")
    if not isinstance(data, dict):
        abort(400, "body must be a JSON object")
    return data


def new_csrf_token() -> str:
    # Drop the old token (stored in the session, cached for this request in g) and issue another.
    session.pop("csrf_token", None)
    g.pop("csrf_token", None)
    return generate_csrf()


@app.get("/csrf-token")
def csrf_token():
    # A client (a page's script) fetches this once and sends it back in X-CSRF-Token. Another
    # site's page cannot read it, so it cannot forge requests that carry it.
    return {"csrf_token": generate_csrf()}


@app.post("/login")
def login():
    data = read_json_object()
    csrf.protect()  # 403 through the CSRFError handler below
    username, password = data.get("username"), data.get("password")
    if not isinstance(username, str) or not isinstance(password, str):
        abort(400, "username and password are required")
    stored = USERS.get(username)
    if not check_password_hash(stored or DUMMY_HASH, password) or stored is None:
        return {"error": "wrong username or password"}, 401  # never say which one was wrong
    # A new session id at login, so an id planted before login (session fixation) is useless.
    app.session_interface.regenerate(session)
    session["user"] = username
    return {"user": username, "csrf_token": new_csrf_token()}


@app.get("/me")
def me():
    if "user" not in session:
        return {"error": "not logged in"}, 401
    return {"user": session["user"]}


@app.post("/logout")
def logout():
    csrf.protect()
    session.clear()  # deletes the server-side data and the cookie
    return {"logged_out": True}


@app.errorhandler(CSRFError)
def csrf_failed(error: CSRFError):
    # Flask-WTF answers 400; 403 says "refused" and matches the Express version.
    return {"error": "CSRF token missing or invalid"}, 403


@app.errorhandler(HTTPException)
def error_as_json(error: HTTPException):
    message = error.description if error.description != type(error).description else error.name.lower()
    response = error.get_response()
    response.data = json.dumps({"error": message})
    response.content_type = "application/json"
    return response


if __name__ == "__main__":
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "5000")))
