"""Pure parts of the contract harness: request building, response checks, JSON comparison."""

from __future__ import annotations

from comparison_site.cookbook.contract import (
    Response,
    _substitute,
    build_http_request,
    check_response,
    json_contains,
    json_equal,
)
from comparison_site.cookbook.model import Expectation, FilePart, Request


def test_json_equal_tells_booleans_from_numbers():
    assert json_equal({"done": True}, {"done": True})
    assert not json_equal({"done": True}, {"done": 1})
    assert json_equal({"celsius": 100}, {"celsius": 100.0})
    assert not json_equal([1, 2], [1, 2, 3])
    assert not json_equal({"a": 1}, {"a": 1, "b": 2})


def test_json_contains_is_recursive():
    assert json_contains({"a": {"b": 1, "c": 2}, "d": 3}, {"a": {"b": 1}})
    assert not json_contains({"a": {"b": 1}}, {"a": {"b": 2}})
    assert json_contains([{"id": 1, "x": 2}, {"id": 2}], [{"id": 1}])


def test_substitution_and_query_building():
    request = Request(
        "GET", "/items/{item_id}", query={"tag": ["a", "b"], "page": 2}, headers={"Authorization": "Bearer {token}"}
    )
    filled = _substitute(request, {"item_id": 7, "token": "t0k"})
    url, data, headers = build_http_request("http://127.0.0.1:1", filled)
    assert url == "http://127.0.0.1:1/items/7?tag=a&tag=b&page=2"
    assert data is None
    assert headers == {"Authorization": "Bearer t0k"}


def test_multipart_body_repeats_content():
    request = Request(
        "POST",
        "/upload",
        multipart_fields={"description": "hi"},
        multipart_files={"file": FilePart("big.bin", "x", "application/octet-stream", 5)},
    )
    _, data, headers = build_http_request("http://h", request)
    assert headers["Content-Type"].startswith("multipart/form-data; boundary=")
    assert b'name="description"\r\n\r\nhi\r\n' in data
    assert b'filename="big.bin"' in data and b"xxxxx\r\n" in data


def test_check_response_lists_every_problem():
    response = Response(404, {"content-type": "text/html", "x-powered-by": "Express"}, b"<h1>Not here</h1>")
    expect = Expectation(
        200,
        headers_contain={"Content-Type": "JSON"},
        headers_absent=("X-Powered-By",),
        json={"ok": True},
        body_contains=("found",),
    )
    problems = check_response(expect, response)
    assert problems == [
        "status: expected 200, got 404",
        "header Content-Type: expected it to contain 'JSON', got 'text/html'",
        "header X-Powered-By: expected it absent, got 'Express'",
        "body: expected JSON, got text that is not JSON",
        "body: expected it to contain 'found'",
    ]


def test_header_contains_ignores_case():
    response = Response(200, {"set-cookie": "session=x; httponly; samesite=lax"}, b"")
    assert check_response(Expectation(200, headers_contain={"Set-Cookie": "HttpOnly"}), response) == []
