"""Serve a built site on 127.0.0.1 from a background thread, as a static host would.

Used to print the PDF and to test the served site in a browser. Unlike `mkdocs serve` it serves
exactly the files of one build: no live reload script, no rebuilds.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit


class _SiteHandler(SimpleHTTPRequestHandler):
    """Serves the site under `prefix` only (e.g. /flask-vs-express/), like a project site on GitHub Pages."""

    prefix = "/"

    def translate_path(self, path):
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "does-not-exist")  # answered with 404, as a real host would
        return super().translate_path("/" + path[len(self.prefix):])

    def log_message(self, format, *args):  # noqa: A002 - the base class names it so
        pass  # one line per request would bury the test and export output


def site_path_prefix(site_url: str | None) -> str:
    """The URL path the site is published under: '/flask-vs-express/' for a GitHub project site."""
    path = urlsplit(site_url or "").path or "/"
    return path if path.endswith("/") else path + "/"


@contextlib.contextmanager
def serve_directory(directory: Path, prefix: str = "/") -> Iterator[str]:
    """Serve `directory` under `prefix` on an ephemeral port; yields the site's base URL; always stops.

    Serving under the published path matters: 404.html and the print page use absolute URLs
    built from site_url, which only resolve when the site sits at that path.
    """
    handler_class = type("Handler", (_SiteHandler,), {"prefix": site_path_prefix(prefix)})
    handler = functools.partial(handler_class, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name=f"serve {directory}", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}{handler_class.prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def configured_site_url(config_file: Path) -> str:
    """site_url of an MkDocs config file (INHERIT followed), ending in '/'; '' if there is none."""
    from mkdocs.utils.yaml import yaml_load

    with open(config_file, encoding="utf-8") as stream:
        url = yaml_load(stream).get("site_url") or ""
    return url if not url or url.endswith("/") else url + "/"


def published_prefix(config_file: Path) -> str:
    """The URL path the site is published under, from site_url in an MkDocs config file."""
    return site_path_prefix(configured_site_url(config_file))
