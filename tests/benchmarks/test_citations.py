"""Entries of data/comparison.yaml cite the benchmark scenarios that measure what they talk about,
and the sentences shown with them are generated from the results file."""

from __future__ import annotations

import pytest

from comparison_site.benchmarks import DEFAULT_RESULTS_PATH, load_benchmark_results, measured_summary
from comparison_site.benchmarks.sentences import kind
from comparison_site.load import DEFAULT_DATA, load_comparison
from comparison_site.render import entries
from comparison_site.render.markdown import SiteLinks


@pytest.fixture(scope="module")
def comparison():
    return load_comparison(DEFAULT_DATA)


@pytest.fixture(scope="module")
def results():
    return load_benchmark_results(DEFAULT_RESULTS_PATH)


def cited(comparison, entry_id: str) -> tuple[str, ...]:
    for entry in (*comparison.criteria, *comparison.claims, *comparison.faq):
        if entry.id == entry_id:
            return entry.measured
    raise KeyError(entry_id)


def test_memory_and_long_lived_connections_cite_the_long_lived_test(comparison, results):
    """Memory used to cite a requests-per-second test, long-lived connections a 50 ms request test."""
    for entry_id in ("memory-per-process", "long-lived-connections"):
        scenarios = cited(comparison, entry_id)
        assert scenarios and all(kind(results.scenario(s)) == "hold" for s in scenarios), (entry_id, scenarios)
        assert all("MiB PSS" in measured_summary(results, s) for s in scenarios)


def test_cpu_claims_cite_the_gil_holding_scenario(comparison, results):
    for entry_id in ("cpu-bound-work", "flask-cpu-express-io"):
        scenarios = cited(comparison, entry_id)
        assert "cpu-mixed" in scenarios
    configurations = {c.id for c in results.configurations if "cpu-mixed" in c.scenarios}
    assert {"express-single", "express-worker-threads"} <= configurations, "Node blocking and worker threads"


def test_nothing_cites_multi_core_scaling_that_one_server_core_cannot_show(comparison):
    assert cited(comparison, "multi-core-use") == ()


def test_which_is_faster_states_the_measured_figures(comparison, results):
    scenarios = cited(comparison, "which-is-faster")
    assert scenarios, "the FAQ answer must show what the numbers say"
    measurements = {s.id: measured_summary(results, s.id) for s in results.scenarios}
    page = entries.render_faq(comparison, SiteLinks("https://example.org/repo", "main"), measurements)
    answer = page[page.index("{#which-is-faster}"):]
    for scenario in scenarios:
        assert measurements[scenario] in answer
    hand_written = next(e for e in comparison.faq if e.id == "which-is-faster").answer
    assert not any(ch.isdigit() for ch in hand_written.replace("I/O", "")), "figures come from the results only"


def test_every_citing_entry_names_an_existing_scenario(comparison, results):
    known = {s.id for s in results.scenarios}
    for entry in (*comparison.criteria, *comparison.claims, *comparison.faq):
        assert set(entry.measured) <= known, (entry.id, entry.measured)
