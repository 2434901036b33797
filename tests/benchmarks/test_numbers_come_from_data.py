"""No number on the Benchmarks page is typed by hand.

Every number a reader can see on the page (table cells, prose, chart labels, the chart's
description) must either appear in the results file itself or be computed from it: a median,
lowest or highest run, a sum of counts, a count of runs, or a unit conversion. The derived
values are recomputed here straight from the raw YAML with the statistics module, independently
of the page's model; only the number *formatting* is shared with the page (and unit-tested on its
own). Axis ticks are the one exception: they are round numbers chosen from the data's maximum,
and are checked for exactly that property instead.
"""

from __future__ import annotations

import html
import re
import statistics
from collections import defaultdict
from pathlib import Path

import pytest

from comparison_site.benchmarks import DEFAULT_RESULTS_PATH, load_benchmark_results, render_benchmarks_page
from comparison_site.benchmarks import formatting as fmt
from comparison_site.yaml_source import load_yaml_document

from .sample import sample_document, write_document

# A number: digits, optionally grouped with commas and with a decimal part. Digits glued to a
# letter or hyphen before them (p50, cpu0, hold-1000, SHA256) or to a letter after them are names.
_NUMBER = re.compile(r"(?<![\w\-.,/])\d[\d,]*(?:\.\d+)*(?![\w])")
_FILE_NUMBER = re.compile(r"\d+(?:\.\d+)*")
_TICK = re.compile(r'<text x="[\d.]+" y="[\d.]+" text-anchor="(?:start|middle)" aria-hidden="true">([^<]*)</text>')
MEASURED = ("ok", "saturated", "errors")
FORMATTERS = (fmt.rate, fmt.milliseconds, lambda v: fmt.count(round(v)), lambda v: f"{v:,.0f}")


def visible_text(page: str) -> str:
    """What a reader sees: tag attributes, link targets, heading anchors and axis ticks removed."""
    page = _TICK.sub(" ", page)
    page = re.sub(r"<[^>]*>", " ", page)
    page = re.sub(r"\]\([^)]*\)", "] ", page)
    page = re.sub(r"\{#[^}]*\}", " ", page)
    page = re.sub(r"`[^`]*`", " ", page)  # code spans: commands and paths, copied from the file
    return html.unescape(page.replace("\\", ""))


def normalise(number: str) -> str:
    return number.replace(",", "").rstrip(".")


def numbers_in_file(path: Path) -> set[str]:
    found = set(_FILE_NUMBER.findall(path.read_text(encoding="utf-8")))
    return found | {normalise(n) for n in found}


def numeric_leaves(value, prefix=""):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from numeric_leaves(item, f"{prefix}.{key}")
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        yield prefix, value


def derived_numbers(path: Path) -> set[str]:
    """Every figure the page may compute, recomputed from the raw data."""
    data = load_yaml_document(path).data
    derived: set[str] = set()

    def add_values(values: list[float], mebibytes: bool = False) -> None:
        if not values:
            return
        for value in (statistics.median(values), min(values), max(values), sum(values)):
            for formatter in FORMATTERS:
                derived.add(normalise(formatter(value)))
            if mebibytes:
                derived.add(normalise(fmt.mebibytes(value)))

    for small in range(0, 50):
        derived.add(str(small))  # counts of runs, repeats, processes, configurations
    derived.add(normalise(fmt.gibibytes(data["machine"]["memory_bytes"])))
    derived.add(normalise(fmt.count(round(data["duration_seconds"]))))
    cells = defaultdict(list)
    for run in data["runs"]:
        cells[(run["configuration"], run["scenario"])].append(run)
    for runs in cells.values():
        measured = [run for run in runs if run["status"] in MEASURED]
        by_leaf = defaultdict(list)
        for run in measured:
            for index, stream in enumerate(run["streams"]):
                for leaf, value in numeric_leaves(stream):
                    by_leaf[(index, leaf)].append(value)
                by_leaf[(index, "failed-total")].append(sum(stream["failed"].values()))
            by_leaf["pss"].append(run["memory"]["pss_bytes"])
            by_leaf["rate"].append(sum(s["answered_per_second"] for s in run["streams"]))
        for key, values in by_leaf.items():
            add_values(values, mebibytes=key == "pss")
        ok = [run for run in runs if run["status"] == "ok"]
        for index in range(len(ok[0]["streams"]) if ok else 0):
            for percentile in ("p50", "p99"):
                add_values([run["streams"][index]["latency_ms"][percentile] for run in ok
                            if "latency_ms" in run["streams"][index]])
    rate_medians = defaultdict(list)  # scenario -> median capacity of each configuration
    for (_configuration, scenario), runs in cells.items():
        rates = [sum(s["answered_per_second"] for s in run["streams"]) for run in runs if run["status"] in MEASURED]
        if rates:
            rate_medians[scenario].append(statistics.median(rates))
    for medians in rate_medians.values():
        for high in medians:
            for low in medians:
                if low > 0:
                    derived.add(normalise(fmt.ratio(high / low).rstrip("×")))
    idle = defaultdict(list)
    for start in data["server_starts"]:
        idle[start["configuration"]].append(start["idle_memory"]["pss_bytes"])
        add_values([p["pss_bytes"] for p in start["idle_memory"]["processes"]], mebibytes=True)
    for values in idle.values():
        add_values(values, mebibytes=True)
    loads = [run["machine_load"] for run in data["runs"] if "machine_load" in run]
    add_values([load["load_average_1m"] for load in loads])
    add_values([load["other_processes_cpu_percent"] for load in loads])
    add_values([stream["send_lag_ms"]["p99"] for run in data["runs"] if run["status"] == "ok"
                for stream in run["streams"] if "send_lag_ms" in stream])
    statuses = defaultdict(int)
    for run in data["runs"]:
        statuses[run["status"]] += 1
    for count in (*statuses.values(), len(data["runs"])):
        derived.add(normalise(fmt.count(count)))
    injected = sum(value for counts in data["self_check"]["counted"].values()
                   for name, value in counts.items() if name not in ("sent", "answered"))
    derived.add(normalise(fmt.count(injected)))
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
    assert len(shown) > 50, "the page shows hardly any numbers: the test would prove nothing"
    assert _TICK.findall(page), "the tick pattern no longer matches the charts"
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
