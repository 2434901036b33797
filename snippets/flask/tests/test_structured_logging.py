import io
import json
import re

import pytest
import structured_logging
from structured_logging import app

client = app.test_client()
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")


@pytest.fixture()
def log_lines():
    stream = io.StringIO()
    previous = structured_logging.log_handler.setStream(stream)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    structured_logging.log_handler.setStream(previous)


def test_every_line_of_a_request_carries_its_id(log_lines):
    response = client.get("/orders/2", headers={"X-Request-Id": "checkout-42"})
    assert response.get_json() == {"id": 2, "item": "grinder"}
    assert response.headers["X-Request-Id"] == "checkout-42"
    lookup, access = log_lines()
    assert lookup["message"] == "order looked up" and lookup["order_id"] == 2
    assert access["message"] == "request finished"
    assert {key: access[key] for key in ("method", "path", "status")} == {"method": "GET", "path": "/orders/2", "status": 200}
    assert isinstance(access["duration_ms"], float)
    assert lookup["request_id"] == access["request_id"] == "checkout-42"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", access["time"])


@pytest.mark.parametrize("unsafe", ["", "has space", "x" * 65, 'quote"', "é"])
def test_unsafe_or_missing_ids_are_replaced(unsafe, log_lines):
    response = client.get("/orders/1", headers={"X-Request-Id": unsafe} if unsafe else {})
    assert UUID.fullmatch(response.headers["X-Request-Id"])
    assert all(line["request_id"] == response.headers["X-Request-Id"] for line in log_lines())


def test_each_request_gets_its_own_id():
    assert client.get("/orders/1").headers["X-Request-Id"] != client.get("/orders/1").headers["X-Request-Id"]


def test_errors_carry_the_id_and_the_traceback_stays_in_the_log(log_lines):
    missing = client.get("/orders/9", headers={"X-Request-Id": "r-1"})
    assert missing.status_code == 404 and missing.get_json() == {"error": "order not found", "request_id": "r-1"}
    crashed = client.get("/boom", headers={"X-Request-Id": "r-2"})
    assert crashed.status_code == 500
    assert crashed.get_json() == {"error": "internal server error", "request_id": "r-2"}
    assert "Traceback" not in crashed.get_data(as_text=True)
    error_line = next(line for line in log_lines() if line["level"] == "error")
    assert error_line["request_id"] == "r-2" and "RuntimeError: something broke" in error_line["error"]


def test_the_query_string_is_not_logged(log_lines):
    client.get("/orders/1?token=secret")
    assert "secret" not in json.dumps(log_lines())
