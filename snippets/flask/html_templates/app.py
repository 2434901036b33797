"""HTML templates: render Jinja templates (with inheritance) from templates/ beside this file."""

import os

from flask import Flask, render_template, request

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


if __name__ == "__main__":
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "5000")))
