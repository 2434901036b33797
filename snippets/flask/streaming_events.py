"""Streaming: server-sent events from a generator, sent to the client as they are produced.

With gunicorn's default sync workers each open stream occupies a whole worker, so keep streams
short or run a threaded/gevent worker class for long-lived ones.
"""

import json
import os
import time

from flask import Flask, Response, request, stream_with_context
from werkzeug.exceptions import HTTPException

app = Flask(__name__)


def event_count(text: str) -> int:
    """A converter for request.args.get(type=...): 1 to 10 in ASCII digits. int() alone would
    accept ' 3' and '٣' (Arabic-Indic three), and str.isdigit() lets '²' through to a crash."""
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 10:
        raise ValueError(f"not a count from 1 to 10: {text!r}")
    return int(text)


@app.get("/events")
def events():
    # type= gives None when the conversion fails; a repeated ?count= is refused as in Express.
    count = request.args.get("count", type=event_count) if "count" in request.args else 3
    if count is None or len(request.args.getlist("count")) > 1:
        return {"error": "count must be a whole number from 1 to 10"}, 400

    def generate():
        for tick in range(1, count + 1):
            yield f"id: {tick}\nevent: tick\ndata: {json.dumps({'tick': tick}, separators=(',', ':'))}\n\n"
            time.sleep(0.05)
        yield "event: done\ndata: {}\n\n"

    # stream_with_context keeps `request` usable inside the generator while it runs.
    return Response(
        stream_with_context(generate()),
        mimetype="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},  # no proxy buffering
    )


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
