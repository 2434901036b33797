"""Hostile text in every kind of text field must reach the built pages as text, never as markup.

Builds the site from the minimal fixture with every free-text field replaced by a payload that
tries HTML, script, event handlers, javascript: links, attribute lists and Jinja, then checks the
HTML: no injected element or attribute, and the payload shown literally. (A fast check of the
comparison data; tests/test_hostile_data.py does the same for every field of every data file.
Snippet-include markers are refused by validation, so they are tested there and in
tests/test_yaml_source.py.)
"""

from __future__ import annotations

import copy

import pytest

from comparison_site.load import load_comparison

from .conftest import MINIMAL, build_site
from .html_scan import parse
from .third_framework import write_yaml

# Fields that are identifiers, URLs, dates or enums: the schema already restricts their form.
STRUCTURED = {"id", "url", "homepage", "repository", "category", "verdict", "basis", "first_release",
              "last_verified", "accessed", "verified_version", "verified_version_date", "schema_version", "fit"}

# Markdown links to javascript: URLs are refused by the validator (see test_data_errors), so the
# payload tries the raw-HTML form instead, which the validator lets through and the renderer escapes.
PAYLOAD = ('<script>alert("{n}")</script><img src=x onerror=alert({n})><a href="javascript:alert({n})">go</a>'
           '*e*{{: onclick="alert({n})"}} {{{{ 7*7 }}}}{{% if true %}}J{n}{{% endif %}}')


def poison(node, counter: list[int]):
    """Replace every free-text string in the data with a numbered payload; return the copy."""
    if isinstance(node, dict):
        return {k: (v if k in STRUCTURED else poison(v, counter)) for k, v in node.items()}
    if isinstance(node, list):
        return [poison(v, counter) for v in node]
    if isinstance(node, str):
        counter[0] += 1
        return PAYLOAD.format(n=counter[0])
    return node


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    counter = [0]
    data = poison(copy.deepcopy(load_comparison(MINIMAL).raw), counter)
    result = build_site(folder / "site", write_yaml(data, folder / "comparison.yaml"))
    assert result.returncode == 0, result.stderr
    return folder / "site", counter[0]


def test_no_injected_element_attribute_or_link_reaches_any_page(hostile_site):
    site, _ = hostile_site
    pages = list(site.rglob("*.html"))
    assert len(pages) >= 9
    for page_file in pages:
        page = parse(page_file)
        for tag, attrs in page.tags:
            assert not (tag == "img" and attrs.get("src") == "x"), f"{page_file}: injected <img>"
            assert not any(name.startswith("on") for name in attrs), f"{page_file}: event handler on <{tag}>"
            href = attrs.get("href", "").strip().lower()
            assert not (href.startswith("javascript:") and "alert" in href), f"{page_file}: injected javascript: link"
        assert not any("alert(" in script for script in page.scripts), f"{page_file}: injected script"
        source = page_file.read_text(encoding="utf-8")
        assert "site_name:" not in source, f"{page_file}: a snippet include from the data was executed"
        assert "49J" not in page.text, f"{page_file}: Jinja from the data was evaluated (7*7 rendered as 49)"


def test_every_payload_is_shown_literally(hostile_site):
    site, count = hostile_site
    shown = " ".join(parse(p).text for p in site.rglob("*.html"))
    for n in range(1, count + 1):
        assert f'<script>alert("{n}")</script>' in shown, f"payload {n} not shown as text"
    assert "{{ 7*7 }}" in shown and "{% if true %}" in shown
    assert '{: onclick="alert(1)"}' in shown
