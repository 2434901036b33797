"""Static SVG bar charts for the Benchmarks page, as pure functions returning SVG text.

No script and no chart library: the SVG is written at build time and placed inline in the page.
Built for a 390 px phone first: the drawing is 400 units wide and shown at most 560 px wide,
each bar's label sits on its own line above the bar (no label column eating the width), and
text stays at 13 units, so it is about 12 px on a phone. Shapes and text use currentColor, so
the charts follow the theme's text colour in light and dark mode; frameworks differ by fill
pattern (solid, hatched, dotted), never by hue or by a faint opacity. Each chart has a <title>
and a <desc> (read by screen readers) that state every value shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..inline import html_text

WIDTH = 400
MAX_DISPLAY_WIDTH = 560
LEFT = 4
RIGHT_ROOM = 92  # space right of the longest bar for its value text
LABEL_HEIGHT = 16
BAR = 14
ROW = LABEL_HEIGHT + BAR + 10
TOP = 6
AXIS_ROOM = 26
PATTERNS = ("solid", "hatch", "dots")


@dataclass(frozen=True)
class Bar:
    """One bar: a label, its value, an optional low-high range, the text at its end, a pattern index."""

    label: str
    value: float
    value_text: str
    low: float | None = None
    high: float | None = None
    pattern: int = 0  # index into PATTERNS: one per framework


def _escape(text: str) -> str:
    # Braces become entities as well: a page's Jinja/macro layer must never see `{{` from data.
    return html_text(text)


def nice_maximum(value: float) -> float:
    """Round the axis end up to a round number (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten)."""
    if value <= 0:
        return 1.0
    power = 10 ** (len(str(int(value))) - 1) if value >= 1 else 1.0
    for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if value <= step * power:
            return float(step * power)
    return float(10 * power)


def _defs(chart_id: str) -> str:
    return (f'<defs><pattern id="{chart_id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
            'patternTransform="rotate(45)"><rect width="6" height="6" fill="currentColor" fill-opacity="0.3"/>'
            '<line x1="0" y1="0" x2="0" y2="6" stroke="currentColor" stroke-width="3"/></pattern>'
            f'<pattern id="{chart_id}-dots" width="5" height="5" patternUnits="userSpaceOnUse">'
            '<rect width="5" height="5" fill="currentColor" fill-opacity="0.3"/>'
            '<circle cx="2.5" cy="2.5" r="1.6" fill="currentColor"/></pattern></defs>')


def _fill(chart_id: str, pattern: int) -> str:
    name = PATTERNS[pattern % len(PATTERNS)]
    return 'fill="currentColor" fill-opacity="0.85"' if name == "solid" else f'fill="url(#{chart_id}-{name})"'


def bar_chart_svg(chart_id: str, title: str, description: str, bars: list[Bar], tick_text=str) -> str:
    """A horizontal bar chart, one labelled bar per row, with an optional low-high whisker."""
    bottom = TOP + ROW * len(bars)
    height = bottom + AXIS_ROOM
    scale_end = nice_maximum(max([bar.high if bar.high is not None else bar.value for bar in bars] + [0.0]))
    plot = WIDTH - LEFT - RIGHT_ROOM

    def x_of(value: float) -> float:
        return LEFT + plot * value / scale_end

    parts = [
        (f'<svg xmlns="http://www.w3.org/2000/svg" class="bench-chart" viewBox="0 0 {WIDTH} {height}" '
         f'width="100%" style="max-width:{MAX_DISPLAY_WIDTH}px" role="img" '
         f'aria-labelledby="{chart_id}-title {chart_id}-desc" font-size="13" fill="currentColor">'),
        f'<title id="{chart_id}-title">{_escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{_escape(description)}</desc>',
        _defs(chart_id),
    ]
    for row, bar in enumerate(bars):
        label_y = TOP + row * ROW + LABEL_HEIGHT - 4
        y = TOP + row * ROW + LABEL_HEIGHT
        middle = y + BAR / 2
        parts.append(f'<text x="{LEFT}" y="{label_y}" aria-hidden="true">{_escape(bar.label)}</text>')
        width = max(x_of(bar.value) - LEFT, 1)
        parts.append(f'<rect x="{LEFT}" y="{y}" width="{width:.1f}" height="{BAR}" {_fill(chart_id, bar.pattern)} '
                     'stroke="currentColor" stroke-width="1"/>')
        end = bar.value
        if bar.low is not None and bar.high is not None and bar.high > bar.low:
            left, right = x_of(bar.low), x_of(bar.high)
            whisker = (f'M{left:.1f} {middle:.1f}H{right:.1f}M{left:.1f} {y - 2}V{y + BAR + 2}'
                       f'M{right:.1f} {y - 2}V{y + BAR + 2}')
            # A halo in the page's background colour keeps the whisker visible where it crosses
            # its own (text-coloured) bar, in light and dark mode alike.
            parts.append(f'<path d="{whisker}" fill="none" stroke-width="4" '
                         'style="stroke:var(--md-default-bg-color)"/>')
            parts.append(f'<path d="{whisker}" stroke="currentColor" stroke-width="1.5" fill="none" '
                         'class="bench-spread"/>')
            end = max(end, bar.high)
        parts.append(f'<text x="{x_of(end) + 5:.1f}" y="{middle + 4.5:.1f}" aria-hidden="true">'
                     f'{_escape(bar.value_text)}</text>')
    parts.append(f'<line x1="{LEFT}" y1="{bottom}" x2="{LEFT + plot}" y2="{bottom}" stroke="currentColor"/>')
    for fraction, anchor in ((0, "start"), (0.5, "middle"), (1, "middle")):
        x = LEFT + fraction * plot
        parts.append(f'<line x1="{x:.1f}" y1="{bottom}" x2="{x:.1f}" y2="{bottom + 4}" stroke="currentColor"/>')
        parts.append(f'<text x="{x:.1f}" y="{bottom + 18}" text-anchor="{anchor}" aria-hidden="true">'
                     f'{_escape(tick_text(scale_end * fraction))}</text>')
    parts.append("</svg>")
    return "".join(parts)
