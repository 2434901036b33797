"""The results loader: a valid file becomes a model; every kind of bad file becomes a DataError
that names the file, the line and the path inside the data."""

from __future__ import annotations

import copy

import pytest

from comparison_site.benchmarks import DEFAULT_RESULTS_PATH, load_benchmark_results
from comparison_site.errors import DataError

from .sample import line_of, sample_document, write_document


@pytest.fixture
def document():
    return sample_document()


def load(document, tmp_path, summarise_runs=True):
    return load_benchmark_results(write_document(document, tmp_path / "benchmarks.yaml", summarise_runs))


def problems_of(document, tmp_path, summarise_runs=True):
    with pytest.raises(DataError) as caught:
        load(document, tmp_path, summarise_runs)
    return caught.value.problems


def run_index(document, configuration, scenario, repeat):
    return next(i for i, r in enumerate(document["runs"])
                if (r["configuration"], r["scenario"], r["repeat"]) == (configuration, scenario, repeat))


def test_sample_loads_into_the_model(document, tmp_path):
    results = load(document, tmp_path)
    assert [c.id for c in results.configurations] == ["flask-gunicorn-sync", "express-single"]
    assert results.frameworks == ("flask", "express")
    capacity = results.cell("flask-gunicorn-sync", "hello-capacity").answered_per_second
    assert (capacity.median, capacity.low, capacity.high, capacity.count) == (1750.0, 1700.0, 1800.0, 3)
    assert results.date == "2026-11-21"


def test_failed_runs_are_left_out_of_the_median(document, tmp_path):
    cell = load(document, tmp_path).cell("express-single", "hello-capacity")
    assert len(cell.runs) == 3 and len(cell.with_status("failed")) == 1
    assert cell.answered_per_second.median == 6200.0  # of 6,000 and 6,400: repeat 3 failed


def test_latency_only_for_cells_that_kept_up(document, tmp_path):
    results = load(document, tmp_path)
    assert results.cell("express-single", "hello-latency").latency("/hello", "p99").median == 4.0
    # Flask fell behind at 200/s on /io in every run: its latency must not be usable.
    behind = results.cell("flask-gunicorn-sync", "io-latency")
    assert not behind.kept_up and behind.latency("/io", "p99") is None
    # A closed-loop scenario never publishes latency, even though the file records it.
    assert results.cell("express-single", "hello-capacity").latency("/hello", "p99") is None
    # One run with failed answers is enough to withhold the cell's latency.
    assert results.cell("express-single", "io-latency").latency("/io", "p99") is None


def test_skipped_steps_do_not_hide_the_runs_that_kept_up(document, tmp_path):
    cell = load(document, tmp_path).cell("flask-gunicorn-sync", "hello-latency")
    assert len(cell.with_status("skipped")) == 1
    assert cell.latency("/hello", "p99").count == 2 and cell.latency("/hello", "p99").median == 6.5


def test_counts_are_summed_per_cell(document, tmp_path):
    totals = load(document, tmp_path).cell("flask-gunicorn-sync", "io-latency").totals("/io")
    assert totals["answered"] == 601 + 602 + 603
    assert totals["unanswered"] == 3 * 400 and totals["not_sent"] == 999 + 998 + 997


def test_idle_memory_is_pss_of_every_process(document, tmp_path):
    results = load(document, tmp_path)
    assert results.idle_pss_bytes("flask-gunicorn-sync").median == (20 + 15 * 3 + 6) * 2**20
    assert len(results.idle_memory_starts("flask-gunicorn-sync")[0].idle_memory.processes) == 5


def test_committed_results_file_is_valid_and_states_its_method():
    results = load_benchmark_results(DEFAULT_RESULTS_PATH)
    assert results.settings["repeats"] >= (5 if results.mode == "full" else 1)
    assert results.self_check["passed"] and results.equivalence["passed"]
    assert results.versions["node"].split(".")[0] == "26", "benchmarks run on the pinned Node.js"
    assert set(results.frameworks) <= {"flask", "express"} | set(results.frameworks)
    for run in results.runs:
        if run.measured:
            assert run.machine_load and run.memory and run.memory.pss_bytes > 0
            for stream in run.streams:
                assert stream.sent == stream.answered + stream.failed_total + stream.unanswered


def test_any_framework_id_is_accepted_by_the_schema(document, tmp_path):
    """Frameworks come from data/comparison.yaml (checked when the site is built), not from an enum."""
    document["configurations"][1]["framework"] = "fastify"
    assert load(document, tmp_path).frameworks == ("flask", "fastify")


def test_missing_file_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match="file not found"):
        load_benchmark_results(tmp_path / "nope.yaml")


def test_wrong_type_points_at_the_exact_line_and_path(document, tmp_path):
    document["runs"][4]["streams"][0]["answered"] = "lots"
    problems = problems_of(document, tmp_path, summarise_runs=False)
    problem = next(p for p in problems if p.path == "runs[4].streams[0].answered")
    assert problem.file.endswith("benchmarks.yaml")
    assert problem.line == line_of(tmp_path / "benchmarks.yaml", "answered: lots")


def test_unknown_field_is_reported(document, tmp_path):
    document["settings"]["typo_field"] = 3
    assert any("typo_field" in p.path + p.message for p in problems_of(document, tmp_path))


def test_measured_run_without_counts_is_rejected(document, tmp_path):
    document["cells"] = []
    del document["runs"][0]["streams"]
    problems = problems_of(document, tmp_path, summarise_runs=False)
    assert any(p.path.startswith("runs[0]") and "streams" in p.message for p in problems)


def test_non_loopback_host_is_rejected(document, tmp_path):
    document["settings"]["host"] = "0.0.0.0"
    assert any(p.path == "settings.host" for p in problems_of(document, tmp_path))


def test_a_path_that_could_break_markdown_is_rejected(document, tmp_path):
    document["scenarios"][0]["streams"][0]["path"] = "/hello`<b>"
    assert any(p.path.endswith("streams[0].path") for p in problems_of(document, tmp_path))


def test_unknown_configuration_reference(document, tmp_path):
    document["runs"][2]["configuration"] = "flask-waitress"
    problem = next(p for p in problems_of(document, tmp_path) if p.path == "runs[2].configuration")
    assert "unknown configuration 'flask-waitress'" in problem.message
    assert "flask-gunicorn-sync" in problem.hint
    assert problem.line == line_of(tmp_path / "benchmarks.yaml", "configuration: flask-waitress")


def test_duplicate_ids_and_runs(document, tmp_path):
    document["scenarios"].append(copy.deepcopy(document["scenarios"][0]))
    document["runs"].append(dict(copy.deepcopy(document["runs"][0]), sequence=999))
    messages = [p.message for p in problems_of(document, tmp_path)]
    assert "duplicate id 'hello-capacity'" in messages
    assert any("second run for the same repeat" in m for m in messages)


def test_counts_that_do_not_add_up_are_caught(document, tmp_path):
    document["runs"][0]["streams"][0]["answered"] += 5
    document["runs"][0]["streams"][0]["answered_per_second"] = round(document["runs"][0]["streams"][0]["answered"] / 10, 1)
    problems = problems_of(document, tmp_path)
    assert any(p.path == "runs[0].streams[0]" and "is not sent" in p.message for p in problems)


def test_ok_status_with_unanswered_requests_is_inconsistent(document, tmp_path):
    """A hand-edited 'ok' on a run that fell behind would let the page publish its latency."""
    index = run_index(document, "flask-gunicorn-sync", "io-latency", 1)
    document["runs"][index]["status"] = "ok"
    del document["runs"][index]["problem"]
    problem = next(p for p in problems_of(document, tmp_path) if p.path == f"runs[{index}].status")
    assert "'saturated'" in problem.message


def test_hand_edited_rate_is_caught(document, tmp_path):
    document["runs"][0]["streams"][0]["answered_per_second"] = 99999.0
    problem = next(p for p in problems_of(document, tmp_path) if p.path == "runs[0].streams[0].answered_per_second")
    assert "make bench" in problem.hint


def test_closed_loop_scenarios_cannot_publish_latency(document, tmp_path):
    document["scenarios"][0]["publishes_latency"] = True
    problem = next(p for p in problems_of(document, tmp_path) if p.path == "scenarios[id=hello-capacity].publishes_latency")
    assert "coordinated omission" in problem.hint


def test_failed_and_skipped_runs_need_a_reason_and_no_figures(document, tmp_path):
    index = run_index(document, "express-single", "hello-capacity", 3)
    del document["runs"][index]["problem"]
    assert any(p.path.startswith(f"runs[{index}]") and "problem" in p.message for p in problems_of(document, tmp_path))


def test_self_check_and_equivalence_must_have_passed(document, tmp_path):
    document["self_check"]["passed"] = False
    document["equivalence"]["passed"] = False
    paths = {p.path for p in problems_of(document, tmp_path)}
    assert {"self_check.passed", "equivalence.passed"} <= paths


def test_repeat_beyond_settings(document, tmp_path):
    document["runs"][0]["repeat"] = 7
    assert any(p.path == "runs[0].repeat" for p in problems_of(document, tmp_path))


def test_the_per_cell_summary_must_match_the_runs(document, tmp_path):
    """The harness writes each cell's median and spread into the file (bench/summary.py); the loader
    recomputes them from the runs, so the summary can be read on its own and cannot be edited apart."""
    from bench.summary import summarise

    document["cells"] = summarise(document)
    results = load(document, tmp_path, summarise_runs=False)
    assert results.cell("flask-gunicorn-sync", "hello-capacity").answered_per_second.median == 1750.0
    flask_io = next(c for c in document["cells"] if (c["configuration"], c["scenario"]) == ("flask-gunicorn-sync", "io-latency"))
    assert flask_io["statuses"] == {"saturated": 3} and "latency_ms" not in flask_io
    express_latency = next(c for c in document["cells"]
                           if (c["configuration"], c["scenario"]) == ("express-single", "hello-latency"))
    assert express_latency["latency_ms"]["/hello"]["p99"] == {"median": 4.0, "low": 3.0, "high": 5.0, "runs": 3}
    express_latency["latency_ms"]["/hello"]["p99"]["median"] = 1.0
    problem = next(p for p in problems_of(document, tmp_path, summarise_runs=False) if p.path.startswith("cells["))
    assert "latency_ms does not match the runs" in problem.message


def test_method_and_summary_are_required(document, tmp_path):
    del document["method"]
    del document["cells"]
    messages = " ".join(p.message for p in problems_of(document, tmp_path))
    assert "method" in messages and "cells" in messages
