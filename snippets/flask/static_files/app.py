"""Static files: Flask serves static/ (next to this file) at /static/ with no extra code."""

import os

from flask import Flask, url_for

# static_folder="static" and static_url_path="/static" are Flask's defaults, spelled out here.
app = Flask(__name__, static_folder="static", static_url_path="/static")


@app.get("/")
def index():
    stylesheet = url_for("static", filename="style.css")
    return f'<!doctype html><title>Static files</title><link rel="stylesheet" href="{stylesheet}"><p>Hi</p>'


if __name__ == "__main__":
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "5000")))
