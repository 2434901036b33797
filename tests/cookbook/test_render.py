"""The cookbook's pure render functions: page structure, includes instead of pasted code, escaping."""

from __future__ import annotations

import dataclasses
import re

import markdown
import pytest

from comparison_site.cookbook import render_cookbook_index, render_task_page, task_page_path
from comparison_site.cookbook.model import Expectation, Note, Request, Source, Step, TaskBook
from comparison_site.cookbook.render import code, describe_request

from .conftest import ROOT


def test_page_has_title_anchor_summary_and_sections(book):
    page = render_task_page(book, "json-crud-api")
    assert page.startswith("# A JSON CRUD API { #json-crud-api }\n")
    for anchor in ("json-crud-api-code", "json-crud-api-contract", "json-crud-api-notes", "json-crud-api-related"):
        assert f"{{ #{anchor} }}" in page
    assert "Create, read, update and delete items" in page
    assert "[A real SQLite database](sqlite-database.md)" in page


def test_page_says_how_to_get_and_run_the_code(book):
    page = render_task_page(book, "hello-world", "https://github.com/example-org/fvx")
    get = page.split("{ #hello-world-get }", 1)[1].split("{ #hello-world-code }", 1)[0]
    assert "git clone https://github.com/example-org/fvx\ncd fvx\n" in get
    for framework in book.frameworks:  # the set-up lines, in a tab per framework
        assert f'=== "{framework.name}"' in get
        assert all(f"    {line}" in get for line in framework.setup)
    assert "one shell" in get and "`PORT`" in get


def test_a_repository_url_that_is_not_plain_https_is_not_put_on_a_command_line(book):
    page = render_task_page(book, "hello-world", "https://example.org/x;rm -rf ~")
    assert "git clone" not in page and "rm -rf" not in page


def test_versions_are_wrapped_for_the_side_by_side_layout(book):
    page = render_task_page(book, "hello-world")
    pair = page.split("{ #hello-world-code }", 1)[1].split("{ #hello-world-contract }", 1)[0]
    count = len(book.frameworks)
    assert pair.strip().startswith(f'<div class="fvx-pair fvx-pair-{count}" markdown="1">\n\n=== ')
    assert pair.count("\n=== ") + pair.startswith("=== ") >= count and "</div>" in pair
    css = (ROOT / "docs" / "stylesheets" / "site.css").read_text(encoding="utf-8")
    assert f".fvx-pair-{count} > .tabbed-set" in css and "min-width: 75em" in css


def test_the_page_lists_the_checks_beyond_the_steps(book):
    production = render_task_page(book, "production-server")
    checks = production.split("{ #production-server-contract }", 1)[1].split("{ #production-server-notes }", 1)[0]
    assert "**Bad input, checked for every task:**" in checks and "2 MiB body" in checks
    assert "at least 2 worker processes" in checks and "a killed worker is replaced" in checks
    assert "`SIGTERM` stops the whole server with exit code 0 within 8 s" in checks
    assert "(`WEB_CONCURRENCY=0`)" in checks
    config = render_task_page(book, "environment-config")
    assert "(`SECRET_KEY` unset)" in config and "`ITEMS_PER_PAGE must be a whole number from 1 to 100`" in config
    assert "an error page of their own" in render_task_page(book, "html-templates")


def test_security_steps_are_described(book):
    cookies = render_task_page(book, "cookies-sessions")
    assert "sets cookie `session`: Secure, HttpOnly, SameSite=Lax" in cookies
    assert "*the cookie jar, with the signature of `session` broken*" in cookies
    assert "Every request also sends `X-Forwarded-Proto: https`." in cookies
    tokens = render_task_page(book, "token-authentication")
    assert "*sent after waiting 3.2 s*" in tokens and "`{name|tamper}` is a saved value" in tokens
    assert "(streamed, not buffered)" in render_task_page(book, "streaming-events")


def test_code_is_included_from_the_files_never_pasted(book):
    for task in book.tasks:
        page = render_task_page(book, task.id)
        for implementation in task.implementations.values():
            for path in implementation.shown_files:
                assert f'    --8<-- "{path}"' in page, f"{task.id}: {path} is not included"
        assert "from flask import" not in page and "require('express')" not in page


def test_tabs_hold_indented_content(book):
    page = render_task_page(book, "hello-world").split('<div class="fvx-pair', 1)[1]
    flask_tab = page.split('=== "Flask"\n\n', 1)[1].split('=== "Express"', 1)[0]
    assert flask_tab.strip()
    assert all(line.startswith("    ") or not line for line in flask_tab.splitlines())
    assert "    python snippets/flask/hello_world.py" in flask_tab


def test_contract_table_has_a_row_per_step(book):
    task = book.get("sqlite-database")
    page = render_task_page(book, task.id)
    table = page.split("| # | Step | Request | Expected response |", 1)[1].split("\n\n", 1)[0]
    assert len([line for line in table.strip().splitlines() if line.startswith("|")]) == len(task.steps) + 1
    assert "saves JSON `id` as `{note_id}`" in page
    assert "`GET /notes?q=' OR 1=1 --`" in page


def test_index_links_every_task_page(book):
    index = render_cookbook_index(book)
    for task in book.tasks:
        assert f"]({task.id}.md)" in index
        assert task_page_path(task.id) == f"cookbook/{task.id}.md"
    assert index.startswith("# Cookbook")
    assert not render_cookbook_index(book, title=None).startswith("#")


def hostile_book(book) -> TaskBook:
    """The real hello-world task with markup, Jinja and snippet markers in every text field."""
    task = book.get("hello-world")
    evil = '<script>alert(1)</script> {{ config }} {% raw %} --8<-- "/etc/passwd"'
    step = Step(
        evil,
        Request("GET", "/a|b", headers={"X-Evil": "<img src=x onerror=alert(1)>"}),
        Expectation(200, body_contains=("`tick`\n|",)),
    )
    task = dataclasses.replace(
        task,
        title=evil,
        summary=evil,
        steps=(step,),
        related=(),
        notes=(Note("caution", evil + " [x](javascript:alert(1))", (Source(evil, "https://example.org/a_(b)"),)),),
    )
    return dataclasses.replace(book, tasks=(task,))


def to_html(page: str) -> str:
    return markdown.markdown(
        page,
        extensions=["tables", "attr_list", "pymdownx.highlight", "pymdownx.superfences", "pymdownx.tabbed", "pymdownx.snippets"],
        extension_configs={
            "pymdownx.tabbed": {"alternate_style": True},
            # check_paths: an include smuggled in through data would fail loudly here.
            "pymdownx.snippets": {"base_path": [str(ROOT)], "check_paths": True},
        },
    )


def test_data_text_cannot_inject_markup(book):
    page = render_task_page(hostile_book(book), "hello-world")
    assert not re.search(r"^\s*-+8<-+\s+\"/etc", page, re.MULTILINE), "a data value became a snippet include"
    html = to_html(page)
    assert "<script" not in html and "<img" not in html
    assert 'href="javascript:' not in html
    assert "{{ config }}" not in page  # braces are escaped outside code spans
    assert "https://example.org/a_%28b%29" in html
    assert "root:x:0:0" not in html  # /etc/passwd was not included


def test_run_commands_cannot_include_files(book):
    task = book.get("hello-world")
    flask = dataclasses.replace(task.implementation("flask"), run=('--8<-- "/etc/passwd"',))
    bad = dataclasses.replace(book, tasks=(dataclasses.replace(task, implementations={**task.implementations, "flask": flask}),))
    with pytest.raises(ValueError, match="snippet marker"):
        render_task_page(bad, "hello-world")


def test_code_spans_survive_backticks_and_newlines():
    assert code("a`b") == "``a`b``"
    assert code("`x`") == "`` `x` ``"
    assert code("id: 1\nevent: tick") == "`id: 1\\nevent: tick`"
    assert describe_request(Request("GET", "/search", query={"tag": ["a", "b"]})) == "`GET /search?tag=a&tag=b`"


def test_unknown_task_is_a_clear_error(book):
    with pytest.raises(KeyError, match="unknown cookbook task 'nope'"):
        render_task_page(book, "nope")


def test_page_converts_with_the_site_extensions(book):
    """The Markdown works with the extensions the site uses, and the includes resolve to the real files."""
    html = to_html(render_task_page(book, "html-templates"))
    assert 'id="html-templates"' in html
    assert html.count('class="tabbed-block"') == 2
    text = re.sub(r"<[^>]+>", "", html)  # highlighting splits code into spans
    assert "render_template(" in text and "nunjucks.configure(" in text  # the real files' content
    assert '{% extends "base.njk" %}' in text.replace("&quot;", '"')
    assert "<table>" in html and "<td>" in html
