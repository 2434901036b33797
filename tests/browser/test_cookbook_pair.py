"""A cookbook task's versions side by side on wide screens, in tabs on narrow ones (the CSS block
"Cookbook (issue 11)" in docs/stylesheets/site.css over the wrapper comparison_site/cookbook/render.py
writes). Measured in the real build with Chromium: where each version's block is and whether it shows."""

from __future__ import annotations

import pytest

BLOCKS = """() => [...document.querySelectorAll('.fvx-pair .tabbed-content > .tabbed-block')].map(block => {
  const box = block.getBoundingClientRect();
  return {visible: !!block.offsetParent && box.height > 0, left: box.left, top: box.top, width: box.width};
})"""


@pytest.mark.parametrize(("width", "side_by_side"), [(1400, True), (1200, True), (1000, False), (390, False)])
def test_versions_are_columns_on_wide_screens_and_tabs_on_narrow(served_site, page, width, side_by_side):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(served_site.url("cookbook/json-crud-api/"))
    blocks = page.evaluate(BLOCKS)
    assert len(blocks) >= 2, "the task page has no .fvx-pair wrapper around its tabs"
    visible = [block for block in blocks if block["visible"]]
    if side_by_side:
        assert len(visible) == len(blocks), f"at {width}px every version must show: {blocks}"
        assert len({round(block["top"]) for block in visible}) == 1, f"columns must start on one line: {blocks}"
        lefts = [block["left"] for block in visible]
        assert lefts == sorted(lefts) and len(set(map(round, lefts))) == len(lefts), blocks
        assert all(block["width"] > 250 for block in visible), f"columns too narrow to read: {blocks}"
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")
    else:
        assert len(visible) == 1, f"at {width}px the versions must be tabs, one showing: {blocks}"
