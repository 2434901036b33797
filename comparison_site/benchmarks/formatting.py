"""How measured numbers are written on the page; one function per kind of figure.

The number test (tests/benchmarks/test_numbers_come_from_data.py) formats values from the
results file with these same functions, so page and test cannot drift apart.
"""

from __future__ import annotations

MIB = 2**20
GIB = 2**30


def _significant(value: float, digits: int = 3) -> str:
    """Three significant figures, never in exponent form, with thousands separators."""
    if value == 0:
        return "0"
    magnitude = len(str(int(abs(value)))) if abs(value) >= 1 else 0
    decimals = max(0, digits - magnitude) if abs(value) >= 1 else digits - 1
    return f"{value:,.{decimals}f}"


def rate(value: float) -> str:
    """Requests per second: whole numbers from 100 up (3 significant figures below)."""
    return f"{value:,.0f}" if value >= 100 else _significant(value)


def milliseconds(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else _significant(value)


def ratio(value: float) -> str:
    """A throughput ratio such as 2.4x or 0.05x."""
    if value >= 10:
        return f"{value:,.0f}×"
    if value >= 0.1:
        return f"{value:.2f}×"
    return f"{value:.3f}×"


def mebibytes(byte_count: float) -> str:
    return f"{byte_count / MIB:,.0f}"


def gibibytes(byte_count: float) -> str:
    return f"{byte_count / GIB:,.1f}"


def count(value: int) -> str:
    return f"{value:,d}"


def spread(formatter, low: float, high: float) -> str:
    """A range such as 1,230–1,310; a single value when both ends format the same."""
    first, last = formatter(low), formatter(high)
    return first if first == last else f"{first}–{last}"
