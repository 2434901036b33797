"""The SVG charts: well-formed, accessible, theme-neutral and self-contained."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from comparison_site.benchmarks.charts import Bar, Series, bar_chart_svg, grouped_bar_chart_svg

SVG = "{http://www.w3.org/2000/svg}"


def bars():
    return [
        Bar("Flask, gunicorn sync", 3050.0, "3,050", 3000.0, 3100.0, emphasis=False),
        Bar("Express, <single> & co", 6100.0, "6,100", 6000.0, 6200.0),
    ]


def test_bar_chart_is_well_formed_and_labelled():
    svg = bar_chart_svg("chart-x", "Title <here>", "Values: a & b", bars())
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title.text == "Title <here>" and desc.text == "Values: a & b"
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    texts = [element.text for element in root.iter(f"{SVG}text")]
    assert "Express, <single> & co" in texts and "6,100" in texts


def test_charts_use_only_current_color_and_nothing_external():
    for svg in (
        bar_chart_svg("a", "t", "d", bars()),
        grouped_bar_chart_svg("b", "t", "d", ["one", "two"], [Series("10", (1.0, None), ("1.0", "failed"))]),
    ):
        colours = set(re.findall(r'(?:fill|stroke)="([^"]+)"', svg))
        assert colours <= {"currentColor", "none", "url(#a-hatch)", "url(#b-hatch)"}, colours
        assert "<script" not in svg and "http://www.w3.org/2000/svg" in svg
        assert not re.search(r'(?:href|src)="(?!#)', svg), "a chart must not load anything"


def test_whisker_spans_low_to_high_and_bar_lengths_are_proportional():
    root = ET.fromstring(bar_chart_svg("c", "t", "d", bars()))
    rects = [r for r in root.iter(f"{SVG}rect") if r.get("height") == "16"]
    widths = [float(r.get("width")) for r in rects]
    assert abs(widths[1] / widths[0] - 6100 / 3050) < 0.01
    assert len(root.findall(f".//{SVG}path")) == 2  # one whisker per bar


def test_axis_end_is_a_round_number_at_or_above_the_largest_value():
    root = ET.fromstring(bar_chart_svg("d", "t", "d", bars(), tick_text=lambda v: f"{v:.0f}"))
    ticks = [float(t.text) for t in root.iter(f"{SVG}text") if t.get("class") == "bench-tick"]
    assert ticks[0] == 0 and ticks[-1] >= 6200 and ticks[-1] <= 2.5 * 6200
    assert ticks[1] == ticks[-1] / 2


def test_grouped_chart_shows_a_failed_value_as_text_not_as_a_zero_bar():
    svg = grouped_bar_chart_svg(
        "g", "t", "d", ["A", "B"], [Series("10 connections", (5.0, None), ("5.00", "failed"))]
    )
    root = ET.fromstring(svg)
    assert "failed" in [t.text for t in root.iter(f"{SVG}text")]
    bars_drawn = [r for r in root.iter(f"{SVG}rect") if r.get("height") == "16"]
    assert len(bars_drawn) == 1
