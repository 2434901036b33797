"""Data text is inline Markdown at most: markup from contributors must come out as text."""

import markdown
import pytest

from comparison_site.inline import find_unsafe_links, plain_text, safe_inline

# The same extensions the site uses that act on inline text.
EXTENSIONS = ["tables", "attr_list", "md_in_html", "pymdownx.escapeall", "pymdownx.superfences",
              "pymdownx.inlinehilite", "pymdownx.tilde", "pymdownx.mark", "toc"]


def render(markdown_text: str) -> str:
    return markdown.markdown(markdown_text, extensions=EXTENSIONS)


def test_emphasis_code_and_safe_links_stay_live():
    html = render(safe_inline("**Strong**, *em*, `code <b>` and [docs](https://flask.palletsprojects.com/)"))
    assert "<strong>Strong</strong>" in html
    assert "<em>em</em>" in html
    assert "<code>code &lt;b&gt;</code>" in html
    assert '<a href="https://flask.palletsprojects.com/">docs</a>' in html


@pytest.mark.parametrize(
    "hostile, must_not_contain, shown_as",
    [
        ("<script>alert(1)</script>", "<script", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ('<img src=x onerror="alert(1)">', "<img", "&lt;img src=x onerror=\"alert(1)\"&gt;"),
        ("[click](javascript:alert(1))", 'href="javascript', "[click](javascript:alert(1))"),
        ("[x](data:text/html,hi)", 'href="data', "[x](data:text/html,hi)"),
        ("![pixel](https://tracker.example/p.png)", "<img", "![pixel]("),
        ('*hi*{: onclick="alert(1)"}', "<em onclick", '{: onclick="alert(1)"}'),
        ("{{ 7*7 }} {% if x %}", "49", "{{ 7*7 }} {% if x %}"),
        ('--8<-- "mkdocs.yml"', "site_name", '--8&lt;-- "mkdocs.yml"'),
        ("&lt;script&gt;", "<script", "&amp;lt;script&amp;gt;"),
        ("<https://example.org>", "<a", "&lt;https://example.org&gt;"),
    ],
)
def test_hostile_inline_text_is_shown_literally(hostile, must_not_contain, shown_as):
    for text in (safe_inline(hostile), plain_text(hostile)):
        html = render(text)
        assert must_not_contain not in html
        assert shown_as in html


def test_pipes_and_newlines_cannot_break_a_table():
    cell = safe_inline("a | b\n\n| c |")
    html = render(f"| h |\n|---|\n| {cell} |")
    assert html.count("<td>") == 1
    assert "a | b | c |" in html


def test_plain_text_shows_markdown_syntax_as_written():
    assert render(plain_text("**not bold** _x_ # [y](https://e.org)")) == "<p>**not bold** _x_ # [y](https://e.org)</p>"


def test_find_unsafe_links_reports_bad_targets_and_images_only():
    text = "[ok](https://x.org) [page](faq.md#a) [anchor](#b) [bad](javascript:x) ![i](https://x.org/i.png) `[c](javascript:y)`"
    assert find_unsafe_links(text) == ["link target 'javascript:x'", "image 'https://x.org/i.png'"]
