"""Call another HTTP service with timeouts, and turn each way it can fail into a clear answer.

GET /weather?city=Paris asks the upstream forecast service. A slow upstream answers 504, an
unreachable or broken one 502, an unknown city 404 - never a hung request or a stack trace.
For a self-contained demo the upstream is this same app (/upstream/forecast), reached over
HTTP; set UPSTREAM_URL to call a real service.
"""

import os
import re
import time

import requests
from flask import Flask, abort, current_app, json, request
from werkzeug.exceptions import HTTPException

# requests has no default timeout: without one a silent upstream holds the worker forever.
# (connect, read): the read timeout is per socket read, not for the whole response.
TIMEOUT = (1.0, 1.0)
CITY = re.compile(r"[A-Za-z][A-Za-z -]{0,49}")

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 16 * 1024  # this API reads no bodies; refuse large ones early
# The address comes from configuration, never from the request (a Host header chosen by the
# client must not decide where the server sends requests).
app.config["UPSTREAM_URL"] = os.environ.get("UPSTREAM_URL", f"http://127.0.0.1:{os.environ.get('PORT', '5000')}/upstream")


@app.get("/weather")
def weather():
    cities = request.args.getlist("city")
    if len(cities) != 1 or not CITY.fullmatch(cities[0]):
        abort(400, "city must be 1 to 50 letters, spaces or hyphens")
    try:
        # params= encodes the value, so a city can never change the path or add parameters.
        upstream = requests.get(f"{current_app.config['UPSTREAM_URL']}/forecast", params={"city": cities[0]}, timeout=TIMEOUT)
    except requests.Timeout:
        abort(504, "upstream timed out")
    except requests.RequestException:
        app.logger.exception("upstream request failed")  # connection refused, DNS, TLS...
        abort(502, "upstream unavailable")
    if upstream.status_code == 404:
        abort(404, "city not found")
    if upstream.status_code != 200:
        app.logger.error("upstream answered %s", upstream.status_code)
        abort(502, "upstream failed")
    try:
        temperature = upstream.json()["temperature_c"]
    except (ValueError, KeyError, TypeError):
        abort(502, "upstream sent an unexpected answer")  # check what comes in, as for clients
    if not isinstance(temperature, (int, float)) or isinstance(temperature, bool):
        abort(502, "upstream sent an unexpected answer")
    return {"city": cities[0], "temperature_c": temperature}


# --- the demo upstream: a stand-in for a real forecast service ---------------------------


@app.get("/upstream/forecast")
def demo_upstream():
    city = request.args.get("city", "")
    if city == "Slowtown":
        time.sleep(2)  # slower than TIMEOUT allows
    if city == "Brokenville":
        return {"error": "upstream bug"}, 500
    if city == "Nowhere":
        return {"error": "unknown city"}, 404
    return {"temperature_c": len(city) + 10}


@app.errorhandler(HTTPException)
def error_as_json(error: HTTPException):
    message = error.description if error.description != type(error).description else error.name.lower()
    response = error.get_response()
    response.data = json.dumps({"error": message})
    response.content_type = "application/json"
    return response


if __name__ == "__main__":
    # The development server is threaded, so the demo can call itself while answering.
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "5000")))
