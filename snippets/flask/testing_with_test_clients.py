"""A small temperature API whose real subject is its test, tests/test_testing_with_test_clients.py."""

import os
import re

from flask import Flask, request
from werkzeug.exceptions import HTTPException

app = Flask(__name__)


def celsius_to_fahrenheit(celsius: float) -> float:
    return round(celsius * 9 / 5 + 32, 2)


DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def decimal_number(text: str) -> float:
    """A converter for request.args.get(type=...): a plain decimal such as -40 or 21.5. float()
    alone would also take '٣', '1_000', 'nan' and 'inf', which the Express version refuses."""
    if not DECIMAL.fullmatch(text):
        raise ValueError(f"not a decimal number: {text!r}")
    return float(text)


@app.get("/convert")
def convert():
    # type= converts the value and gives None when it is missing or the conversion fails; a
    # repeated ?celsius= is refused too, as Express sees an array there.
    celsius = request.args.get("celsius", type=decimal_number)
    if celsius is None or len(request.args.getlist("celsius")) > 1:
        return {"error": "give celsius as a number, e.g. ?celsius=21.5"}, 400
    if not -273.15 <= celsius <= 1_000_000:
        return {"error": "celsius is out of range"}, 400
    return {"celsius": celsius, "fahrenheit": celsius_to_fahrenheit(celsius)}


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
