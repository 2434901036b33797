"""The Benchmarks page and the short measured citations, rendered from the sample results."""

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
def results(tmp_path):
    return load_benchmark_results(write_document(sample_document(), tmp_path / "benchmarks.yaml"))


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=["attr_list", "tables", "md_in_html"])


def section(page: str, anchor: str) -> str:
    start = page.index(f"{{#{anchor}}}")
    following = page.find("\n## ", start)
    return page[start : following if following != -1 else len(page)]


def test_page_has_every_part(results):
    page = render_benchmarks_page(results)
    for heading in ("At a glance", "Configurations", "Method", "Machine and versions", "How to reproduce"):
        assert f"## {heading}" in page
    assert "make bench" in page and "make bench-quick" in page
    assert "[benchmarks.yaml](data/benchmarks.yaml)" in page
    assert "Absolute numbers depend on the machine" in page and "ratios" in page
    assert "Example CPU 9000" in page and "5.3.0" in page and "3.1.3" in page
    assert not page.startswith("# "), "the page supplies its own title"


def test_every_scenario_has_an_anchored_section_with_a_chart(results):
    page = render_benchmarks_page(results)
    html = to_html(page)
    for scenario in results.scenarios:
        anchor = scenario_anchor(scenario.id)
        assert f'id="{anchor}"' in html
        assert '<svg xmlns="http://www.w3.org/2000/svg" class="bench-chart"' in section(page, anchor)
    assert f'id="{scenario_anchor("group-io")}"' in html, "the I/O sweep gets its own chart"


def test_scenario_table_shows_median_range_ratio_and_memory(results):
    table = section(render_benchmarks_page(results), scenario_anchor("hello"))
    rows = {line.split(" | ")[0].strip("| "): line.split(" | ") for line in table.splitlines() if line.startswith("| ")}
    express = rows["Express, single process"]
    assert express[1] == "6,100 (6,000–6,200)"
    assert express[2] == "2.00×"  # 6,100 / 3,050
    assert rows["Flask, gunicorn sync"][2] == "1.00×"
    assert express[3] == "12.4" and express[4] == "38.0" and express[6] == "150 |"


def test_failed_runs_and_errors_are_flagged_not_hidden(results):
    page = render_benchmarks_page(results)
    io_10 = section(page, scenario_anchor("io-10"))
    assert "Express, single process ⚠" in io_10
    assert "run 1 failed, left out of the median" in io_10 and "already in use" in io_10
    io_1000 = section(page, scenario_anchor("io-1000"))
    assert "79 timeouts" in io_1000 and "counted errors, kept in the median" in io_1000


def test_quick_results_carry_a_warning(tmp_path):
    document = sample_document()
    document["mode"] = "quick"
    results = load_benchmark_results(write_document(document, tmp_path / "quick.yaml"))
    assert "**Quick run.**" in render_benchmarks_page(results)


def test_a_configuration_with_no_valid_run_says_failed(tmp_path):
    document = sample_document()
    document["runs"] = [
        {key: run[key] for key in ("sequence", "repeat", "configuration", "scenario")}
        | {"status": "failed", "problem": "the server exited with code 1 before answering"}
        if run["configuration"] == "flask-gunicorn-sync" and run["scenario"] == "hello"
        else run
        for run in document["runs"]
    ]
    results = load_benchmark_results(write_document(document, tmp_path / "b.yaml"))
    hello = section(render_benchmarks_page(results), scenario_anchor("hello"))
    assert "| Flask, gunicorn sync ⚠ | failed |" in hello
    # The ratio falls back to the first configuration that has a measurement.
    assert "divided by that of Express, single process" in hello


def test_data_text_cannot_inject_markup(tmp_path):
    document = sample_document()
    document["configurations"][0]["label"] = "<script>alert(1)</script> | {{ evil }}"
    document["machine"]["cpu_model"] = "<img src=x onerror=alert(1)>"
    results = load_benchmark_results(write_document(document, tmp_path / "b.yaml"))
    html = to_html(render_benchmarks_page(results))
    assert "<script>" not in html and "<img" not in html
    assert "{{" not in render_benchmarks_page(results)


def test_measured_summary_cites_the_scenario_with_its_numbers(results):
    text = measured_summary(results, "io-1000")
    assert "(benchmarks.md#scenario-io-1000)" in text
    assert "Express, single process 5,000 requests/s" in text
    assert "Flask, gunicorn sync 76.0 requests/s" in text and "⚠ 79 timeouts" in text
    assert "median of 3 runs" in text


def test_scenario_link_and_anchor(results):
    assert scenario_anchor("io-1000") == "scenario-io-1000"
    assert scenario_link(results, "hello", page="../benchmarks.md") == "[Plain text](../benchmarks.md#scenario-hello)"
    assert re.fullmatch(r"\[.+\]\(benchmarks\.md#scenario-io-10\)", scenario_link(results, "io-10"))
