"""Application factory: builds the app and registers the books and authors Blueprints.

Run from snippets/flask with `python -m modular_app.app` (the package's relative imports need -m).
"""

import os

from flask import Flask
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter

from . import authors, books


class AsciiIntConverter(IntegerConverter):
    """<int:...> for ASCII digits only: Werkzeug's pattern is \\d+, which in Python also matches
    other scripts' digits ('١' is Arabic-Indic one), so /items/١ would serve item 1 - a second URL
    the Express version (/^[0-9]+$/) does not have."""

    regex = r"[0-9]+"


def create_app() -> Flask:
    app = Flask(__name__)
    app.url_map.converters["int"] = AsciiIntConverter  # before the blueprints' <int:...> rules
    app.register_blueprint(books.bp)
    app.register_blueprint(authors.bp)

    @app.get("/health")
    def health():
        return {"status": "ok", "modules": sorted(app.blueprints)}

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

    return app


app = create_app()


if __name__ == "__main__":
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "5000")))
