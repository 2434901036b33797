"""The one URL rule (comparison_site/safe_urls.py): what data may use as a URL, and links that
cannot change the markup around them even if a bad value got past validation."""

from __future__ import annotations

import json

import markdown
import pytest

from comparison_site.inline import find_unsafe_links, safe_inline
from comparison_site.model import Source
from comparison_site.render.markdown import sources_line
from comparison_site.safe_urls import link_destination, markdown_link, url_problem
from comparison_site.site_data import data_files

from .html_scan import Page
from .schema_fields import resolve_ref

EXTENSIONS = ["tables", "attr_list", "md_in_html", "pymdownx.escapeall", "pymdownx.superfences",
              "pymdownx.inlinehilite", "toc"]

GOOD = [
    "https://flask.palletsprojects.com/en/stable/",
    "http://example.org",
    "https://github.com/expressjs/express/blob/master/History.md#500--2024-09-10",
    "https://en.wikipedia.org/wiki/Flask_%28web_framework%29",
    "https://registry.npmjs.org/express?fields=time&x=1;y=2",
    "https://example.org:8443/a/b~c/d_e.f-g/*/@user/$x/+y/!z",
]
BAD = [
    ("javascript:alert(1)", "not 'javascript:'"),
    ("data:text/html,<script>alert(1)</script>", "not 'data:'"),
    ("ftp://example.org/file", "not 'ftp:'"),
    ("//example.org/x", "must start with https://"),
    ("HTTPS://example.org/", "lower case"),
    ("https://example.org/a b", "U+0020"),
    ("https://example.org/x)(javascript:alert(1))", "')' must be percent-encoded (%29)"),
    ('https://example.org/x){: onclick="alert(1)"}', "')' must be percent-encoded"),
    ('https://example.org/"onmouseover="alert(1)', "'\"' must be percent-encoded (%22)"),
    ("https://example.org/<script>", "'<' must be percent-encoded"),
    ("https://example.org/[x]", "'[' must be percent-encoded"),
    ("https://example.org/'", "\"'\" must be percent-encoded"),
    ("https://example.org/a\\b", "'\\\\' must be percent-encoded"),
    ("https://example.org/a\tb", "U+0009"),
    ("https://example.org/a\u202eb", "U+202E"),
    ("https://exämple.org/", "'ä' must be percent-encoded"),
    ("https://example.org/%zz", "percent-escape"),
    ("https://flask.palletsprojects.com@evil.example/", "user name or password"),
    ("https:///path", "no valid host"),
    ("https://-bad-.example/", "no valid host"),
    ("https://example.org:99999/", "port"),
    ("https://example.org/" + "a" * 2000, "longer than the limit"),
]


@pytest.mark.parametrize("url", GOOD)
def test_ordinary_urls_pass(url):
    assert url_problem(url) is None


@pytest.mark.parametrize("url, words", BAD, ids=[b[0][:40] for b in BAD])
def test_unsafe_urls_are_refused_with_the_reason(url, words):
    problem = url_problem(url)
    assert problem and words in problem, problem


def render(text: str) -> Page:
    page = Page()
    page.feed(markdown.markdown(text, extensions=EXTENSIONS))
    return page


@pytest.mark.parametrize("url", [bad for bad, _ in BAD] + ['https://e.org/a){: onclick="x"} [b](javascript:y)'])
def test_an_unsafe_url_that_slipped_through_never_becomes_markup(url):
    """Defence in depth: renderers drop the link (markdown_link) and encode the destination."""
    for text in (markdown_link("label", url), f"[label]({link_destination(url)})",
                 sources_line((Source("Title", url),))):
        page = render(text)
        for _tag, attrs in page.tags:
            assert not any(name.startswith("on") for name in attrs), (url, text)
            href = attrs.get("href", "")
            assert not href.lower().startswith(("javascript:", "data:")), (url, text)
            assert not (set(href) & set(" \"'<>(){}[]\\`")), (url, href)
        assert [tag for tag, _ in page.tags].count("a") <= 1, (url, text)


def test_good_urls_become_links_unchanged():
    for url in GOOD:
        page = render(markdown_link("label", url))
        assert [attrs["href"] for tag, attrs in page.tags if tag == "a"] == [url]


def test_links_inside_text_follow_the_same_rule():
    assert find_unsafe_links("[a](https://example.org/x)") == []
    assert find_unsafe_links("[a](https://example.org/x\"y)") == [
        "link target 'https://example.org/x\"y' (the character '\"' must be percent-encoded (%22))"]
    assert find_unsafe_links("[a](https://user@example.org/)") == [
        "link target 'https://user@example.org/' (a user name or password before the host is not allowed)"]
    page = render(safe_inline('[a](https://example.org/x"onclick="alert(1)) and [b](https://example.org/ok)'))
    assert [attrs["href"] for tag, attrs in page.tags if tag == "a"] == ["https://example.org/ok"]


def _url_like_properties(node, schema, found, seen=()):
    """(name, resolved schema) of every property whose name says it holds a URL, anywhere in `schema`."""
    if isinstance(node, dict):
        for name, child in (node.get("properties") or {}).items():
            if name in ("url", "homepage", "repository", "href") or name.endswith(("_url", "-url")):
                found.append((name, resolve_ref(child, schema)))
        for value in node.values():
            _url_like_properties(value, schema, found)
    elif isinstance(node, list):
        for value in node:
            _url_like_properties(value, schema, found)
    return found


def test_every_url_field_of_every_data_schema_uses_the_url_rule():
    """The rule is attached as the schema's `format: uri`, so a URL field must declare it."""
    for file in data_files():
        schema = json.loads(file.schema.read_text(encoding="utf-8"))
        for name, field in _url_like_properties(schema, schema, []):
            assert field.get("format") == "uri", f"{file.schema.name}: field '{name}' needs \"format\": \"uri\""
