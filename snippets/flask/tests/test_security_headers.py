import re

import pytest
from security_headers import app

client = app.test_client()

EXPECTED = {
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Referrer-Policy": "no-referrer",
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "X-XSS-Protection": "0",
}
CSP = re.compile(
    r"default-src 'self';script-src 'self' 'nonce-([0-9a-f]{32})';object-src 'none';"
    r"base-uri 'self';form-action 'self';frame-ancestors 'none'"
)


@pytest.mark.parametrize(("path", "status"), [("/", 200), ("/api/status", 200), ("/missing", 404)])
def test_every_response_carries_the_headers(path, status):
    response = client.get(path)
    assert response.status_code == status
    for name, value in EXPECTED.items():
        assert response.headers[name] == value, name
    assert CSP.fullmatch(response.headers["Content-Security-Policy"])


def test_the_page_script_carries_this_responses_nonce():
    first, second = client.get("/"), client.get("/")
    nonces = [CSP.fullmatch(r.headers["Content-Security-Policy"]).group(1) for r in (first, second)]
    assert nonces[0] != nonces[1]  # never reused
    assert f'<script nonce="{nonces[0]}">' in first.get_data(as_text=True)
    assert first.get_data(as_text=True).count("<script") == 1


def test_errors_are_json():
    response = client.post("/api/status")
    assert response.status_code == 405 and response.get_json() == {"error": "method not allowed"}
    assert response.headers["X-Frame-Options"] == "DENY"
