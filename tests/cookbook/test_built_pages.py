"""The code a reader sees on each built cookbook page is, character for character, the file the
contract and native tests run; and the comparison page links criteria to their tasks."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from comparison_site.cookbook import load_tasks
from comparison_site.load import load_comparison

from ..conftest import REAL_DATA, ROOT
from ..html_scan import parse

BOOK = load_tasks()


class CodeBlocks(HTMLParser):
    """Text of every highlighted code block (<div class="highlight"><pre><code>) on a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._depth = 0  # >0 while inside <pre>

    def handle_starttag(self, tag, attrs):
        if tag == "pre":
            self._depth += 1
            self.blocks.append("")

    def handle_endtag(self, tag):
        if tag == "pre":
            self._depth -= 1

    def handle_data(self, data):
        if self._depth:
            self.blocks[-1] += data


def code_blocks(page) -> list[str]:
    parser = CodeBlocks()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.blocks


@pytest.mark.parametrize("task", BOOK.tasks, ids=[t.id for t in BOOK.tasks])
def test_code_on_the_page_is_the_file_that_ran(built_site, task):
    blocks = code_blocks(built_site / "cookbook" / task.id / "index.html")
    for implementation in task.implementations.values():
        for path in implementation.shown_files:
            expected = (ROOT / path).read_text(encoding="utf-8").rstrip("\n")
            assert any(block.rstrip("\n") == expected for block in blocks), f"{path} not shown verbatim on {task.id}"


def test_criteria_link_to_their_cookbook_tasks(built_site):
    linked = [(c, t) for c in load_comparison(REAL_DATA).criteria for t in c.cookbook]
    assert len(linked) >= 10
    for criterion, task_id in linked:
        page = parse(built_site / "comparison" / criterion.category / "index.html")  # its category's page
        hrefs = {attrs.get("href") for tag, attrs in page.tags if tag == "a"}
        assert f"../../cookbook/{task_id}/" in hrefs, (criterion.id, task_id)


def test_every_task_has_a_page_in_the_navigation(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    for task in BOOK.tasks:
        assert f'href="cookbook/{task.id}/"' in home
