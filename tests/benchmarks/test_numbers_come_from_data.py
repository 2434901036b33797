"""No number on the Benchmarks page is typed by hand.

Every number a reader can see on the page (table cells, prose, chart labels, the chart's
description) must either appear in the results file itself or be computed from it: a median,
lowest or highest run, ratio, unit conversion or count. The derived values are recomputed here
straight from the raw YAML with the statistics module, independently of the page's model; only
the number *formatting* is shared with the page (and unit-tested on its own). Axis ticks are
the one exception: they are round numbers chosen from the data's maximum, and are checked for
exactly that property instead.
"""

from __future__ import annotations

import html
import re
import statistics
from pathlib import Path

import pytest

from comparison_site.benchmarks import DEFAULT_RESULTS_PATH, load_benchmark_results, render_benchmarks_page
from comparison_site.benchmarks import formatting as fmt
from comparison_site.yaml_source import load_yaml_document

from .sample import sample_document, write_document

# A number: digits, optionally grouped with commas and with a decimal part. Digits glued to a
# letter or hyphen before them (p50, io-1000, SHA256) or to a letter after them (2xx) are names,
# not figures.
_NUMBER = re.compile(r"(?<![\w\-.,])\d[\d,]*(?:\.\d+)*(?![\w])")
_FILE_NUMBER = re.compile(r"\d+(?:\.\d+)*")
_TICK = re.compile(r'<text[^>]*class="bench-tick"[^>]*>([^<]*)</text>')


def visible_text(page: str) -> str:
    """What a reader sees: tag attributes, link targets and heading anchors removed."""
    page = _TICK.sub(" ", page)
    page = re.sub(r"<[^>]*>", " ", page)  # tags and their attributes (SVG coordinates, ids)
    page = re.sub(r"\]\([^)]*\)", "] ", page)  # link targets
    page = re.sub(r"\{#[^}]*\}", " ", page)  # heading anchors
    return html.unescape(page.replace("\\", ""))


def normalise(number: str) -> str:
    return number.replace(",", "").rstrip(".")


def numbers_in_file(path: Path) -> set[str]:
    text = path.read_text(encoding="utf-8")
    found = set(_FILE_NUMBER.findall(text))
    return found | {normalise(n) for n in found}


def derived_numbers(path: Path) -> set[str]:
    """Every figure the page may compute, recomputed from the raw data."""
    data = load_yaml_document(path).data
    runs = data["runs"]
    derived: set[str] = set()

    def add(text: str) -> None:
        for part in re.split(r"[–×\s()]+", text):
            if part:
                derived.add(normalise(part))

    add(fmt.gibibytes(data["machine"]["memory_bytes"]))
    add(fmt.count(round(data["duration_seconds"])))
    for scenario in data["scenarios"]:
        medians = {}
        for configuration in data["configurations"]:
            measured = [
                r for r in runs
                if r["configuration"] == configuration["id"] and r["scenario"] == scenario["id"]
                and r["status"] != "failed"
            ]
            all_runs = [r for r in runs if r["configuration"] == configuration["id"] and r["scenario"] == scenario["id"]]
            add(fmt.count(len(measured)))
            add(fmt.count(len(all_runs)))
            if not measured:
                continue
            rates = [r["requests_per_second"] for r in measured]
            medians[configuration["id"]] = statistics.median(rates)
            for value in (statistics.median(rates), min(rates), max(rates)):
                add(fmt.rate(value))
            for percentile in ("p50", "p99"):
                values = [r["latency_ms"][percentile] for r in measured if "latency_ms" in r]
                if values:
                    add(fmt.milliseconds(statistics.median(values)))
            add(fmt.mebibytes(statistics.median([r["peak_rss_bytes"] for r in measured])))
            totals: dict[str, int] = {}
            for run in measured:
                for name, value in run["errors"].items():
                    totals[name] = totals.get(name, 0) + value
            for value in (*totals.values(), sum(totals.values())):
                add(fmt.count(value))
        baseline = next((value for value in medians.values() if value > 0), None)
        if baseline:
            for value in medians.values():
                add(fmt.ratio(value / baseline))
    for run in runs:
        if run["status"] != "ok":
            add(fmt.count(run["repeat"]))
    return derived


def tick_problems(page: str) -> list[str]:
    """Axis ticks come in threes per chart: 0, half the end, and a round end."""
    ticks = [normalise(t) for t in _TICK.findall(page)]
    problems = []
    for start in range(0, len(ticks), 3):
        zero, half, end = (float(t) for t in ticks[start : start + 3])
        if zero != 0 or abs(half * 2 - end) > max(1.0, end * 0.01):
            problems.append(f"ticks {ticks[start:start + 3]} are not 0, end/2, end")
        mantissa = end / 10 ** (len(str(int(end))) - 1) if end >= 1 else end
        if round(mantissa, 6) not in {1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}:
            problems.append(f"axis end {end} is not a round number")
    return problems


def unexplained_numbers(path: Path) -> list[str]:
    page = render_benchmarks_page(load_benchmark_results(path))
    allowed = numbers_in_file(path) | derived_numbers(path)
    shown = [normalise(n) for n in _NUMBER.findall(visible_text(page))]
    assert shown, "the page shows no numbers at all: the test would prove nothing"
    return sorted({n for n in shown if n not in allowed}) + tick_problems(page)


def test_every_number_on_the_sample_page_comes_from_the_file(tmp_path):
    path = write_document(sample_document(), tmp_path / "benchmarks.yaml")
    assert unexplained_numbers(path) == []


def test_every_number_on_the_published_page_comes_from_the_file():
    if not DEFAULT_RESULTS_PATH.exists():
        pytest.fail("data/benchmarks.yaml is missing: run `make bench` and commit the results")
    assert unexplained_numbers(DEFAULT_RESULTS_PATH) == []


def test_a_typed_number_would_be_caught(tmp_path, monkeypatch):
    """The check has teeth: a figure the data cannot explain is reported."""
    path = write_document(sample_document(), tmp_path / "benchmarks.yaml")
    from comparison_site.benchmarks import render

    original = render._introduction
    monkeypatch.setattr(render, "_introduction", lambda results: original(results) + " Up to 31,337 req/s!")
    assert "31337" in unexplained_numbers(path)
