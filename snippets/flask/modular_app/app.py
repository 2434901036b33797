"""Application factory: builds the app and registers the books and authors Blueprints.

Run from snippets/flask with `python -m modular_app.app` (the package's relative imports need -m).
"""

import os

from flask import Flask

from . import authors, books


def create_app() -> Flask:
    app = Flask(__name__)
    app.register_blueprint(books.bp)
    app.register_blueprint(authors.bp)

    @app.get("/health")
    def health():
        return {"status": "ok", "modules": sorted(app.blueprints)}

    return app


app = create_app()

if __name__ == "__main__":
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "5000")))
