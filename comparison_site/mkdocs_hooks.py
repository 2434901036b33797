"""MkDocs entry point for the site's hooks (`hooks:` in mkdocs.yml); the work is done in
comparison_site.site_hooks.

MkDocs loads this file once per process, but `mkdocs serve` rebuilds in that same process. So
each build first checks whether the project's Python code changed since it was imported and, if
it did, forgets those modules: the rebuild then runs the edited code, and live reload covers the
macro code as well as docs, data and snippets.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

PACKAGE = "comparison_site"
PACKAGE_DIR = Path(__file__).resolve().parent
_code_version: list[float] = []  # newest modification time of the package's code when imported


def _newest_code_change() -> float:
    return max(path.stat().st_mtime for path in PACKAGE_DIR.rglob("*.py"))


def _forget_modules_if_code_changed() -> None:
    newest = _newest_code_change()
    if _code_version and _code_version[0] != newest:
        for name in [n for n in sys.modules if n == PACKAGE or n.startswith(PACKAGE + ".")]:
            del sys.modules[name]
    _code_version[:] = [newest]


def _site_hooks():
    return importlib.import_module(f"{PACKAGE}.site_hooks")


@event_priority(100)  # before the macros plugin, which then imports the fresh code
def on_config(config):
    _forget_modules_if_code_changed()
    return _site_hooks().on_config(config)


def on_files(files, config):
    return _site_hooks().on_files(files, config)


@event_priority(-100)  # after the macros plugin has rendered the page
def on_page_markdown(markdown, page, config, files):
    return _site_hooks().on_page_markdown(markdown, page, config, files)


def on_page_content(html, page, config, files):
    return _site_hooks().on_page_content(html, page, config, files)
