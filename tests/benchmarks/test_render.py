"""The Benchmarks page and the measured citations, rendered from the sample results."""

from __future__ import annotations

import re

import markdown
import pytest

from comparison_site.benchmarks import (
    load_benchmark_results,
    measured_summary,
    render_benchmarks_page,
    scenario_anchor,
    scenario_link,
)

from .sample import sample_document, write_document


@pytest.fixture
def document():
    return sample_document()


@pytest.fixture
def results(tmp_path, document):
    return load_benchmark_results(write_document(document, tmp_path / "benchmarks.yaml"))


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=["attr_list", "tables", "md_in_html"])


def section(page: str, anchor: str) -> str:
    start = page.index(f"{{#{anchor}}}")
    following = page.find("\n## ", start)
    return page[start : following if following != -1 else len(page)]


def table_rows(text: str) -> dict[str, list[str]]:
    return {line.split(" | ")[0].strip("| "): [cell.strip(" |") for cell in line.split(" | ")]
            for line in text.splitlines() if line.startswith("| ") and "---" not in line}


def test_page_has_every_part(results):
    page = render_benchmarks_page(results)
    for heading in ("What the numbers show", "Checked before measuring", "Configurations", "Memory", "Method",
                    "Machine and versions", "How to reproduce"):
        assert f"## {heading}" in page
    assert "make bench" in page and "make bench-quick" in page
    assert "[benchmarks.yaml](data/benchmarks.yaml)" in page
    assert "Example CPU 9000" in page and "26.10.0" in page and "1.22.1" in page
    assert not page.startswith("# "), "the page supplies its own title"


def test_unsupported_statements_are_gone(results):
    page = render_benchmarks_page(results).lower()
    assert "ratios" not in page and "carry over" not in page
    assert "cannot show" in page and "one cpu core" in page, "the page says what a two-core machine cannot show"


def test_pinning_and_machine_load_are_stated(results):
    method = section(render_benchmarks_page(results), "benchmarks-method")
    assert "pinned" in method.lower() and "Server CPUs: 0" in method and "harness: 1" in method
    assert "coordinated omission" in method and "open-loop" in method.lower()
    assert "load average" in method and "% of a CPU" in method


def test_saturated_cells_publish_counts_never_latency(results):
    io = section(render_benchmarks_page(results), scenario_anchor("io-latency"))
    flask = table_rows(io)["Flask, gunicorn sync \\+ nginx"]
    assert "fell behind in 3 of 3 runs" in flask[1] and "latency not published" in flask[1]
    assert "ms" not in flask[1]
    assert flask[2] == "1,806 / 3,006, 1,200 unanswered, 2,994 not sent"
    assert "<svg" not in io, "no cell kept up in every run, so there is no latency to draw"


def test_charts_leave_out_cells_without_a_latency_and_say_so(document, tmp_path):
    document["runs"] = [r for r in document["runs"] if not (r["configuration"] == "express-single"
                                                            and r["scenario"] == "io-latency" and r["repeat"] == 2)]
    results = load_benchmark_results(write_document(document, tmp_path / "benchmarks.yaml"))
    io = section(render_benchmarks_page(results), scenario_anchor("io-latency"))
    assert "<svg" in io and "Express, one process: 57.0 ms" in io
    assert "Not drawn (no figure, see the table): Flask, gunicorn sync + nginx." in io


def test_closed_loop_latency_is_never_published(results, document):
    capacity = section(render_benchmarks_page(results), scenario_anchor("hello-capacity"))
    assert "p99" not in capacity and " ms" not in capacity
    assert "1,750 answers/s (1,700–1,800)" in capacity


def test_latency_cells_show_median_and_spread(results):
    latency = section(render_benchmarks_page(results), scenario_anchor("hello-latency"))
    express = table_rows(latency)["Express, one process"]
    assert express[1] == "p50 0.30 ms, p99 4.00 ms (3.00–5.00)"
    assert express[2] == "15,000 / 15,000"
    flask = table_rows(latency)["Flask, gunicorn sync \\+ nginx"]
    assert "over 2 runs; not run at this rate in 1 of 3 repeats" in flask[1]


def test_errors_and_failures_are_flagged_with_reasons(results):
    page = render_benchmarks_page(results)
    io = section(page, scenario_anchor("io-latency"))
    assert "Express, one process ⚠" in io and "3 failed answers in 1 of 3 runs" in io
    assert "run 2 (errors): the generator counted 3 answers with a wrong body" in io
    capacity = section(page, scenario_anchor("hello-capacity"))
    assert "already in use" in capacity


def test_tables_fit_a_phone(results):
    """At most four columns per table: nothing is hidden off the side of a 390 px screen."""
    page = render_benchmarks_page(results)
    for line in page.splitlines():
        if line.startswith("|---"):
            assert line.count("---") <= 4, line


def test_long_lived_and_memory_figures_are_pss(results):
    page = render_benchmarks_page(results)
    held = section(page, scenario_anchor("hold-1000"))
    assert "6 of 1,000 answered (6), 80 MiB PSS with them open" in held
    memory = section(page, "benchmarks-memory")
    assert table_rows(memory)["Flask, gunicorn sync \\+ nginx"][1] == "71 MiB in 5 processes (largest 20 MiB)"
    assert "smaps_rollup" in memory and "RSS" in memory


def test_every_scenario_has_an_anchored_section(results):
    html = to_html(render_benchmarks_page(results))
    for scenario in results.scenarios:
        assert f'id="{scenario_anchor(scenario.id)}"' in html


def test_checks_before_measuring_are_reported(results):
    checks = section(render_benchmarks_page(results), "benchmarks-checks")
    assert "refuses to measure" in checks and "`text/plain; charset=utf-8`" in checks
    assert "20 injected failures" in checks


def test_quick_runs_are_marked_as_not_publishable(results, document, tmp_path):
    document["mode"] = "quick"
    quick = load_benchmark_results(write_document(document, tmp_path / "quick.yaml"))
    assert "**Quick run.**" in render_benchmarks_page(quick)
    assert "quick smoke run, not publishable" in measured_summary(quick, "hello-capacity")


def test_measured_summary_states_what_each_configuration_showed(results):
    text = measured_summary(results, "io-latency", page="../benchmarks.md")
    assert text.startswith("Measured ([Waiting on I/O at 200 requests/s](../benchmarks.md#scenario-io-latency)")
    assert "median of 3 runs" in text and "one CPU core" in text
    assert "Flask, gunicorn sync \\+ nginx: fell behind in 3 of 3 runs" in text
    held = measured_summary(results, "hold-1000")
    assert "1,000 of 1,000 answered" in held and "idle: 47 MiB in 1 process" in held


def test_scenario_link(results):
    assert scenario_link(results, "hold-1000", page="../benchmarks.md") == (
        "[Long\\-lived connections](../benchmarks.md#scenario-hold-1000)")


def test_hostile_data_text_stays_text(document, tmp_path):
    document["configurations"][0]["label"] = "<script>alert(1)</script> {{ config }}"
    document["configurations"][0]["command"] = "gunicorn `x` <img src=x onerror=alert(1)>"
    document["configurations"][0]["description"] = "[x](javascript:alert(1)) {: onclick=alert(1) }"
    results = load_benchmark_results(write_document(document, tmp_path / "benchmarks.yaml"))
    html = to_html(render_benchmarks_page(results))
    assert "<script>" not in html and "<img" not in html and 'href="javascript' not in html
    assert "onclick" not in re.sub(r">[^<]*<", "><", html), "no attribute may come from data"
    assert "{{" not in render_benchmarks_page(results).replace("\\{\\{", "")


def test_chart_legend_names_each_framework_of_the_data(document, tmp_path):
    """Frameworks are ids from data/comparison.yaml, not a fixed pair; the legend follows the data."""
    document["configurations"][1]["framework"] = "fast-ify"
    page = render_benchmarks_page(load_benchmark_results(write_document(document, tmp_path / "benchmarks.yaml")))
    assert "Solid bars: flask; hatched bars: fast-ify." in page


def test_a_busy_machine_is_called_out(document, tmp_path):
    quiet = render_benchmarks_page(load_benchmark_results(write_document(document, tmp_path / "quiet.yaml")))
    assert "The machine was busy" not in quiet
    for run in document["runs"]:
        if "machine_load" in run:
            run["machine_load"]["other_processes_cpu_percent"] = 80.0
    busy = render_benchmarks_page(load_benchmark_results(write_document(document, tmp_path / "busy.yaml")))
    assert "The machine was busy during this run." in busy and "median of 80.0 % of a CPU" in busy
