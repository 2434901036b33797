"""Security headers on every response: a strict Content-Security-Policy with a per-request nonce,
HSTS, no framing, no MIME sniffing, no referrer - the same set helmet sends in the Express version.
"""

import os
import secrets

from flask import Flask, g, json, render_template_string
from werkzeug.exceptions import HTTPException

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 16 * 1024  # this app reads no bodies; refuse large ones early

# Set on every response, errors included. Values follow helmet 8's defaults, with framing
# refused outright (DENY / frame-ancestors 'none') because this app is never meant to be framed.
SECURITY_HEADERS = {
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Origin-Agent-Cluster": "?1",
    "Referrer-Policy": "no-referrer",
    # Browsers ignore HSTS received over plain http, so sending it always is harmless; behind
    # HTTPS it makes them refuse http:// to this host for a year.
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "X-Content-Type-Options": "nosniff",
    "X-DNS-Prefetch-Control": "off",
    "X-Download-Options": "noopen",
    "X-Frame-Options": "DENY",  # frame-ancestors in the CSP replaces it in current browsers
    "X-Permitted-Cross-Domain-Policies": "none",
    "X-XSS-Protection": "0",  # the old XSS auditor caused leaks; current advice is to turn it off
}

PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Security headers</title></head>
<body>
<h1>Security headers</h1>
<p id="status">Inline script without the nonce is blocked.</p>
<script nonce="{{ nonce }}">document.getElementById("status").textContent = "The script with the nonce ran.";</script>
</body>
</html>
"""


def content_security_policy(nonce: str) -> str:
    directives = {
        "default-src": "'self'",
        # Only scripts from this origin, plus inline scripts carrying this response's nonce.
        "script-src": f"'self' 'nonce-{nonce}'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    return ";".join(f"{name} {value}" for name, value in directives.items())


def csp_nonce() -> str:
    # A fresh unguessable value per response: an injected <script> cannot know it.
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_hex(16)
    return g.csp_nonce


@app.after_request
def add_security_headers(response):
    response.headers.update(SECURITY_HEADERS)
    response.headers["Content-Security-Policy"] = content_security_policy(csp_nonce())
    return response


@app.get("/")
def page():
    # render_template_string escapes {{ nonce }} like any template variable.
    return render_template_string(PAGE, nonce=csp_nonce())


@app.get("/api/status")
def status():
    return {"status": "ok"}


@app.errorhandler(HTTPException)
def error_as_json(error: HTTPException):
    # after_request still runs for error responses, so they carry the same headers.
    response = error.get_response()
    response.data = json.dumps({"error": error.name.lower()})
    response.content_type = "application/json"
    return response


if __name__ == "__main__":
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "5000")))
