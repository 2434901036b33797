"""HTML templates: render Jinja templates (with inheritance) from templates/ beside this file."""

import os

from flask import Flask, render_template, request
from werkzeug.exceptions import HTTPException

app = Flask(__name__)  # looks for templates in ./templates next to this module

FRAMEWORKS = ["Flask", "Express"]


@app.get("/")
def index():
    return render_template("index.html", frameworks=FRAMEWORKS)


@app.get("/greet")
def greet():
    # Autoescaping is on for .html templates, so a name like <script> is shown, not run.
    name = request.args.get("name", "").strip() or "stranger"
    return render_template("greet.html", name=name)


@app.errorhandler(HTTPException)
def error_page(error: HTTPException):
    # Our own page for every HTTP error (404, 405...) instead of Werkzeug's; an unhandled
    # exception arrives here too, as a 500 that says nothing about it.
    response = error.get_response()  # keeps headers such as Allow on a 405
    response.set_data(render_template("error.html", status=error.code, message=error.name))
    return response


if __name__ == "__main__":
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "5000")))
