"""Static SVG charts for the Benchmarks page, as pure functions returning SVG text.

No script and no chart library: the SVG is written at build time and placed inline in the
page. Shapes and text use currentColor, so the charts follow the theme's text colour in light
and dark mode; series differ by opacity and by a pattern, never by hue alone. Each chart has
a <title> and a <desc> (read by screen readers) that state every value shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..inline import html_text

WIDTH = 720
LABEL_WIDTH = 250
VALUE_ROOM = 90  # space right of the longest bar for its value label
ROW = 26
BAR = 16
TOP = 12
AXIS_ROOM = 28


@dataclass(frozen=True)
class Bar:
    """One bar: a label, its value, an optional low-high range and the text shown at its end."""

    label: str
    value: float
    value_text: str
    low: float | None = None
    high: float | None = None
    emphasis: bool = True  # solid (True) or hatched (False): tells two families apart without colour


@dataclass(frozen=True)
class Series:
    """One series of a grouped chart: a name and one value (with text) per category."""

    name: str
    values: tuple[float | None, ...]
    texts: tuple[str, ...]


def _escape(text: str) -> str:
    # Braces become entities as well: a page's Jinja/macro layer must never see `{{` from data.
    return html_text(text)


def _nice_maximum(value: float) -> float:
    """Round the axis end up to a round number (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten)."""
    if value <= 0:
        return 1.0
    power = 10 ** (len(str(int(value))) - 1) if value >= 1 else 1.0
    for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if value <= step * power:
            return float(step * power)
    return float(10 * power)


def _svg_open(chart_id: str, height: int, title: str, description: str) -> list[str]:
    return [
        (f'<svg xmlns="http://www.w3.org/2000/svg" class="bench-chart" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" style="max-width:{WIDTH}px" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" font-size="13" fill="currentColor">'),
        f'<title id="{chart_id}-title">{_escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{_escape(description)}</desc>',
        (f'<defs><pattern id="{chart_id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="currentColor" fill-opacity="0.25"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="currentColor" stroke-width="3"/></pattern></defs>'),
    ]


def _axis(scale_end: float, top: int, bottom: int, tick_text) -> list[str]:
    plot = WIDTH - LABEL_WIDTH - VALUE_ROOM
    parts = [f'<line x1="{LABEL_WIDTH}" y1="{top}" x2="{LABEL_WIDTH}" y2="{bottom}" stroke="currentColor"/>']
    for fraction in (0, 0.5, 1):
        x = LABEL_WIDTH + fraction * plot
        parts.append(f'<line x1="{x:.1f}" y1="{bottom}" x2="{x:.1f}" y2="{bottom + 4}" stroke="currentColor"/>')
        parts.append(f'<text x="{x:.1f}" y="{bottom + 17}" text-anchor="middle" class="bench-tick" '
                     f'aria-hidden="true">{_escape(tick_text(scale_end * fraction))}</text>')
    return parts


def _bar_shape(chart_id: str, x: float, y: float, width: float, solid: bool, opacity: float = 0.8) -> str:
    fill = "currentColor" if solid else f"url(#{chart_id}-hatch)"
    return (f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(width, 1):.1f}" height="{BAR}" fill="{fill}" '
            f'fill-opacity="{opacity if solid else 1}"/>')


def bar_chart_svg(chart_id: str, title: str, description: str, bars: list[Bar], tick_text=str) -> str:
    """A horizontal bar chart, one bar per row, with an optional low-high whisker on each bar."""
    top_of_axis = TOP
    height = TOP + ROW * len(bars) + AXIS_ROOM
    bottom = TOP + ROW * len(bars)
    scale_end = _nice_maximum(max([bar.high or bar.value for bar in bars] + [0.0]))
    plot = WIDTH - LABEL_WIDTH - VALUE_ROOM

    def x_of(value: float) -> float:
        return LABEL_WIDTH + plot * value / scale_end

    parts = _svg_open(chart_id, height, title, description)
    for row, bar in enumerate(bars):
        y = TOP + row * ROW + (ROW - BAR) / 2
        middle = y + BAR / 2
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{middle + 4:.1f}" text-anchor="end">{_escape(bar.label)}</text>')
        parts.append(_bar_shape(chart_id, LABEL_WIDTH, y, x_of(bar.value) - LABEL_WIDTH, bar.emphasis))
        end = bar.value
        if bar.low is not None and bar.high is not None and bar.high > bar.low:
            left, right = x_of(bar.low), x_of(bar.high)
            parts.append(f'<path d="M{left:.1f} {middle:.1f}H{right:.1f}M{left:.1f} {y + 3:.1f}V{y + BAR - 3:.1f}'
                         f'M{right:.1f} {y + 3:.1f}V{y + BAR - 3:.1f}" stroke="currentColor" stroke-width="1.5" '
                         'fill="none" class="bench-spread"/>')
            end = max(end, bar.high)
        parts.append(f'<text x="{x_of(end) + 6:.1f}" y="{middle + 4:.1f}" aria-hidden="true">'
                     f'{_escape(bar.value_text)}</text>')
    parts += _axis(scale_end, top_of_axis, bottom, tick_text)
    parts.append("</svg>")
    return "".join(parts)


def grouped_bar_chart_svg(chart_id: str, title: str, description: str, categories: list[str],
                          series: list[Series], tick_text=str) -> str:
    """Horizontal bars grouped by category (e.g. one group per server, one bar per concurrency).

    Series are told apart by opacity and named in a legend; a missing value (None) leaves a gap
    with a dash, so a failed measurement is visible rather than drawn as zero.
    """
    legend_height = 24
    group_height = ROW * len(series) + 10
    bottom = TOP + legend_height + group_height * len(categories)
    height = bottom + AXIS_ROOM
    values = [value for item in series for value in item.values if value is not None]
    scale_end = _nice_maximum(max(values + [0.0]))
    plot = WIDTH - LABEL_WIDTH - VALUE_ROOM
    opacities = [0.3 + 0.6 * index / max(1, len(series) - 1) for index in range(len(series))]

    parts = _svg_open(chart_id, height, title, description)
    x = LABEL_WIDTH
    for item, opacity in zip(series, opacities, strict=True):
        parts.append(f'<rect x="{x}" y="{TOP}" width="14" height="14" fill="currentColor" fill-opacity="{opacity:.2f}"/>')
        parts.append(f'<text x="{x + 20}" y="{TOP + 12}">{_escape(item.name)}</text>')
        x += 30 + 8 * len(item.name)
    for group, category in enumerate(categories):
        group_top = TOP + legend_height + group * group_height
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{group_top + group_height / 2:.1f}" text-anchor="end">'
                     f'{_escape(category)}</text>')
        for index, (item, opacity) in enumerate(zip(series, opacities, strict=True)):
            y = group_top + index * ROW + (ROW - BAR) / 2
            value = item.values[group]
            if value is None:
                parts.append(f'<text x="{LABEL_WIDTH + 6}" y="{y + BAR / 2 + 4:.1f}" aria-hidden="true">'
                             f'{_escape(item.texts[group])}</text>')
                continue
            width = plot * value / scale_end
            parts.append(_bar_shape(chart_id, LABEL_WIDTH, y, width, True, round(opacity, 2)))
            parts.append(f'<text x="{LABEL_WIDTH + max(width, 1) + 6:.1f}" y="{y + BAR / 2 + 4:.1f}" '
                         f'aria-hidden="true">{_escape(item.texts[group])}</text>')
    parts += _axis(scale_end, TOP + legend_height, bottom, tick_text)
    parts.append("</svg>")
    return "".join(parts)
