"""The one rule for URLs in data files, and the one way to write them into a page.

Every URL field of every data file (schema `format: uri`, checked by schema_check.py) and every
link inside data text (inline.py) is checked by `url_problem`:

- absolute http or https, with a host name, no user name or password before the host;
- printable ASCII only, none of ( ) [ ] < > " ' ` { } | ^ \\ and no whitespace: these end a
  Markdown link early, open an attribute list or break HTML quoting. Any of them can be written
  percent-encoded (a space is %20, "(" is %28), as browsers do when a URL is copied;
- every % starts a percent-escape (two hexadecimal digits).

`link_destination` is defence in depth for the renderers: even if a value skipped validation, it
percent-encodes everything outside the safe set, so a URL can never change the markup around it;
`markdown_link` goes further and shows the label of a URL that is not http(s) with no link at all.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

MAX_URL_LENGTH = 2000
# RFC 3986 unreserved and reserved characters, minus the ones that mean something in Markdown,
# HTML or attribute lists: ( ) [ ] ' (and the sub-delimiter * stays: it is inert in a link target).
SAFE_PUNCTUATION = "-._~:/?#@!$&*+,;=%"
_ALLOWED = re.compile(r"[A-Za-z0-9" + re.escape(SAFE_PUNCTUATION) + r"]*")
_HOST = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.?$")
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
HINT = ("use an absolute https:// (or http://) URL; percent-encode spaces, parentheses, brackets, quotes "
        "and other special characters (%20, %28, %29, ...)")


def url_problem(value: object) -> str | None:
    """Why `value` is not an acceptable URL in a data file, or None when it is."""
    if not isinstance(value, str):
        return "a URL must be text"
    if len(value) > MAX_URL_LENGTH:
        return f"a URL of {len(value)} characters is longer than the limit of {MAX_URL_LENGTH}"
    lowered = value.lower()
    if not (lowered.startswith("https://") or lowered.startswith("http://")):
        scheme = value.split(":", 1)[0] if ":" in value else ""
        return f"only http and https URLs are allowed, not '{scheme}:'" if scheme else "the URL must start with https://"
    if not value.startswith(("https://", "http://")):
        return "write the scheme in lower case (https://)"
    bad = next((c for c in value if not _ALLOWED.fullmatch(c)), None)
    if bad is not None:
        shown = repr(bad) if bad.isprintable() and not bad.isspace() else f"U+{ord(bad):04X}"
        return f"the character {shown} must be percent-encoded ({quote(bad, safe='')})"
    if _BAD_ESCAPE.search(value):
        return "'%' must start a percent-escape such as %20"
    parts = urlsplit(value)
    if "@" in parts.netloc:
        return "a user name or password before the host is not allowed"
    host = parts.netloc.rsplit(":", 1)[0] if ":" in parts.netloc else parts.netloc
    if not host or not _HOST.match(host):
        return "the URL has no valid host name"
    try:
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number in range
    except ValueError:
        return "the port is not a number between 0 and 65535"
    return None


def is_safe_url(value: object) -> bool:
    return url_problem(value) is None


def link_destination(url: str) -> str:
    """`url` as a Markdown link destination that cannot end the link or add markup. Anything but
    an http(s) URL also has its ':' encoded, so `javascript:` or `data:` becomes a harmless
    relative path (site pages and #anchors have no ':' and pass unchanged)."""
    url = str(url)
    if url.lower().startswith(("https://", "http://")):
        return quote(url, safe=SAFE_PUNCTUATION)
    return quote(url, safe=SAFE_PUNCTUATION.replace(":", ""))


def markdown_link(label_markdown: str, url: str) -> str:
    """`[label](url)` with the destination percent-encoded; just the label when the URL is not
    http(s) at all (validation refuses both kinds; this is the renderers' last line)."""
    if not str(url).lower().startswith(("https://", "http://")):
        return label_markdown
    return f"[{label_markdown}]({link_destination(url)})"
