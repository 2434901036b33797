"""The static SVG charts: readable on a phone, visible in light and dark mode, described for
screen readers, and safe with hostile labels."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

from comparison_site.benchmarks.charts import MAX_DISPLAY_WIDTH, WIDTH, Bar, bar_chart_svg, nice_maximum

BARS = [Bar("Express, one process", 6200.0, "6,200", 6000.0, 6400.0, 1),
        Bar("Flask, gunicorn sync + nginx", 1750.0, "1,750", 1700.0, 1800.0, 0)]


def test_chart_is_well_formed_and_described():
    svg = bar_chart_svg("c", "Title", "Every value: 6,200 and 1,750.", BARS)
    root = ElementTree.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.find(f"{ns}title").text == "Title"
    assert "6,200" in root.find(f"{ns}desc").text
    assert root.get("role") == "img" and root.get("aria-labelledby") == "c-title c-desc"


def test_chart_text_stays_legible_on_a_390px_phone():
    """The drawing is about as wide as a phone's content area, so 13-unit text stays about 12 px;
    labels sit above their bars instead of in a column that would squeeze the bars."""
    svg = bar_chart_svg("c", "t", "d", BARS)
    assert f'viewBox="0 0 {WIDTH} ' in svg and WIDTH <= 420
    assert 'font-size="13"' in svg
    scale_on_phone = 358 / WIDTH  # 390 px screen minus Material's page margins
    assert 13 * scale_on_phone >= 11.5
    assert f"max-width:{MAX_DISPLAY_WIDTH}px" in svg
    labels = re.findall(r'<text x="4" y="[\d.]+" aria-hidden="true">([^<]*)</text>', svg)
    assert labels == ["Express, one process", "Flask, gunicorn sync + nginx"]


def test_series_stay_visible_in_dark_mode():
    """Everything is drawn in currentColor (the theme's text colour) at a strong opacity or as a
    pattern with solid strokes; no colour or faint opacity tells the frameworks apart."""
    svg = bar_chart_svg("c", "t", "d", BARS)
    assert "#" not in re.sub(r'url\(#[\w-]+\)', "", svg), "no fixed colours"
    opacities = [float(value) for value in re.findall(r'fill-opacity="([\d.]+)"', svg)]
    solid = [value for value in opacities if value > 0.5]
    assert solid and min(solid) >= 0.8
    assert 'fill="url(#c-hatch)"' in svg and 'fill="currentColor" fill-opacity="0.85"' in svg
    assert svg.count('stroke="currentColor" stroke-width="1"') == 2, "every bar has an outline"


def test_range_whiskers_are_drawn_only_for_a_real_range():
    svg = bar_chart_svg("c", "t", "d", [Bar("a", 5.0, "5", 5.0, 5.0), Bar("b", 5.0, "5", 4.0, 6.0)])
    assert svg.count('class="bench-spread"') == 1


def test_hostile_labels_are_escaped():
    svg = bar_chart_svg("c", "<script>x</script>", "{{ evil }}", [Bar("<img src=x onerror=y>", 1.0, "1")])
    assert "<script>" not in svg and "<img" not in svg and "{{" not in svg
    ElementTree.fromstring(svg)


def test_axis_ends_on_a_round_number():
    assert [nice_maximum(v) for v in (0, 0.7, 7, 13, 1750, 6400, 9999)] == [1.0, 1.0, 8.0, 15.0, 2000.0, 8000.0, 10000.0]
