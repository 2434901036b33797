"""Configuration from environment variables: read once at start-up, validated, typed.

A bad value stops the app at start-up with a message naming the variable, instead of
failing later on the first request that uses it.
"""

import os
from collections.abc import Mapping

from flask import Flask
from werkzeug.exceptions import HTTPException


class ConfigError(RuntimeError):
    """An environment variable is missing or has a value the app cannot use."""


def load_config(environ: Mapping[str, str]) -> dict:
    secret_key = environ.get("SECRET_KEY", "")
    if len(secret_key) < 16:
        raise ConfigError("SECRET_KEY must be set to at least 16 characters")
    per_page_text = environ.get("ITEMS_PER_PAGE", "20")
    # isdigit() alone would accept '²' (then int() fails) and '٣' (Arabic-Indic three).
    if not (per_page_text.isascii() and per_page_text.isdigit()) or not 1 <= int(per_page_text) <= 100:
        raise ConfigError(f"ITEMS_PER_PAGE must be a whole number from 1 to 100, got {per_page_text!r}")
    maintenance_text = environ.get("MAINTENANCE_MODE", "false").lower()
    if maintenance_text not in {"true", "false", "1", "0"}:
        raise ConfigError(f"MAINTENANCE_MODE must be true or false, got {maintenance_text!r}")
    return {
        "SECRET_KEY": secret_key,
        "APP_NAME": environ.get("APP_NAME", "Cookbook"),
        "ITEMS_PER_PAGE": int(per_page_text),
        "MAINTENANCE_MODE": maintenance_text in {"true", "1"},
    }


def create_app(environ: Mapping[str, str] | None = None) -> Flask:
    app = Flask(__name__)
    app.config.update(load_config(os.environ if environ is None else environ))

    @app.get("/config")
    def show_config():
        # Report what the app is using, but never the secret itself.
        return {
            "app_name": app.config["APP_NAME"],
            "items_per_page": app.config["ITEMS_PER_PAGE"],
            "maintenance_mode": app.config["MAINTENANCE_MODE"],
            "secret_key_set": bool(app.config["SECRET_KEY"]),
        }

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        # Every HTTP error (404, 405...) as JSON instead of Werkzeug's HTML page; an unhandled
        # exception arrives here too, as a 500 whose answer says nothing about it.
        response = error.get_response()  # keeps headers such as Allow on a 405
        response.data = app.json.dumps({"error": error.name.lower()})
        response.content_type = "application/json"
        return response

    return app


app = create_app()

if __name__ == "__main__":
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "5000")))
