"""Cookies and signed sessions: a visit counter in Flask's signed session and a plain preference cookie.

Needs SECRET_KEY in the environment. The session cookie is signed, not encrypted: the browser
can read it, so never store secrets in it.
"""

import os

from flask import Flask, abort, request, session
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY", "")
    if len(key) < 16:
        # Refuse to start rather than sign sessions with a guessable or missing key.
        raise RuntimeError("set SECRET_KEY to a random string of at least 16 characters")
    return key


app = Flask(__name__)
app.config.update(
    SECRET_KEY=_secret_key(),
    SESSION_COOKIE_HTTPONLY=True,  # scripts in the page cannot read the cookie
    SESSION_COOKIE_SAMESITE="Lax",  # not sent on cross-site POSTs
    # Secure cookies travel over HTTPS only; set COOKIE_SECURE=0 to try it over plain http.
    SESSION_COOKIE_SECURE=os.environ.get("COOKIE_SECURE", "1") != "0",
)

if os.environ.get("BEHIND_PROXY") == "1":
    # Trust one proxy's X-Forwarded-* headers (as the Express file does), so request.scheme is
    # https behind a TLS-terminating proxy. Only enable it when a proxy really sits in front.
    app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1)
app.config["MAX_CONTENT_LENGTH"] = 1024  # the only body here is a tiny JSON preference

THEMES = {"light", "dark"}


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


@app.get("/visits")
def visits():
    session["visits"] = session.get("visits", 0) + 1
    return {"visits": session["visits"]}


@app.post("/logout")
def logout():
    session.clear()
    return {"logged_out": True}


@app.get("/theme")
def get_theme():
    theme = request.cookies.get("theme")
    return {"theme": theme if theme in THEMES else "light"}


@app.post("/theme")
def set_theme():
    data = json_body()
    theme = data.get("theme") if isinstance(data, dict) else None
    if theme not in THEMES:
        return {"error": "theme must be 'light' or 'dark'"}, 400
    response = app.json.response({"theme": theme})
    response.set_cookie(
        "theme",
        theme,
        max_age=60 * 60 * 24 * 365,
        httponly=True,
        samesite="Lax",
        secure=app.config["SESSION_COOKIE_SECURE"],
    )
    return response


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
