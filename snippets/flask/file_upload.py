"""File upload: accept one multipart file, refuse anything over 1 MiB with a JSON 413.

The file is hashed in memory and not saved. If you do save uploads, build the name yourself
(or pass it through werkzeug.utils.secure_filename) and store them outside the static folder.
"""

import hashlib
import os

from flask import Flask, request
from werkzeug.exceptions import HTTPException

MAX_UPLOAD_BYTES = 1024 * 1024

app = Flask(__name__)
# Caps the whole request body; Werkzeug answers 413 as soon as the declared length is too big.
app.config["MAX_CONTENT_LENGTH"] = MAX_UPLOAD_BYTES + 16 * 1024  # room for the multipart framing


@app.post("/upload")
def upload():
    uploaded = request.files.get("file")
    if uploaded is None or uploaded.filename == "":
        return {"error": "send one file in the multipart field 'file'"}, 400
    content = uploaded.read(MAX_UPLOAD_BYTES + 1)
    if len(content) > MAX_UPLOAD_BYTES:
        return {"error": "file too large", "max_bytes": MAX_UPLOAD_BYTES}, 413
    return {
        "field": "file",
        "size": len(content),
        "sha256": hashlib.sha256(content).hexdigest(),
        "content_type": uploaded.mimetype,
        "description": request.form.get("description", ""),
    }, 201


@app.errorhandler(413)
def too_large(_error):
    return {"error": "file too large", "max_bytes": MAX_UPLOAD_BYTES}, 413


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
