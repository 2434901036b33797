"""How figures are written: a few representative values per kind."""

from __future__ import annotations

import pytest

from comparison_site.benchmarks import formatting as fmt


@pytest.mark.parametrize(
    ("value", "text"),
    [(18300.0, "18,300"), (1234.56, "1,235"), (100.0, "100"), (75.04, "75.0"), (9.87, "9.87"), (0.5, "0.50")],
)
def test_rate(value, text):
    assert fmt.rate(value) == text


@pytest.mark.parametrize(("value", "text"), [(1971.8, "1,972"), (51.24, "51.2"), (4.13, "4.13"), (0, "0")])
def test_milliseconds(value, text):
    assert fmt.milliseconds(value) == text


@pytest.mark.parametrize(("value", "text"), [(1.0, "1.00×"), (2.456, "2.46×"), (66.9, "67×"), (0.0123, "0.012×")])
def test_ratio(value, text):
    assert fmt.ratio(value) == text


def test_memory_and_counts():
    assert fmt.mebibytes(150 * 2**20) == "150"
    assert fmt.gibibytes(8 * 2**30) == "8.0"
    assert fmt.count(65536) == "65,536"


def test_spread_collapses_equal_ends():
    assert fmt.spread(fmt.rate, 6000, 6200) == "6,000–6,200"
    assert fmt.spread(fmt.rate, 6000.2, 6000.4) == "6,000"
