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


def load(document, tmp_path):
    return load_benchmark_results(write_document(document, tmp_path / "benchmarks.yaml"))


def problems_of(document, tmp_path):
    with pytest.raises(DataError) as caught:
        load(document, tmp_path)
    return caught.value.problems


def test_sample_loads_into_the_model(document, tmp_path):
    results = load(document, tmp_path)
    assert [c.id for c in results.configurations] == ["flask-gunicorn-sync", "express-single"]
    cell = results.cell("express-single", "hello")
    assert cell.requests_per_second.median == 6100.0
    assert (cell.requests_per_second.low, cell.requests_per_second.high) == (6000.0, 6200.0)
    assert results.date == "2026-11-21"


def test_failed_runs_are_left_out_of_the_median_and_counted(document, tmp_path):
    cell = load(document, tmp_path).cell("express-single", "io-10")
    assert len(cell.runs) == 3 and len(cell.failed_runs) == 1
    # Repeat 1 (570 requests) failed; the median is that of the other two runs only.
    assert cell.requests_per_second.median == pytest.approx((193.3 + 191.7) / 2, abs=0.01)


def test_runs_with_errors_are_kept_and_their_errors_counted(document, tmp_path):
    cell = load(document, tmp_path).cell("flask-gunicorn-sync", "io-1000")
    assert len(cell.measured_runs) == 3 and len(cell.runs_with_errors) == 1
    assert cell.error_total == 79


def test_committed_results_file_is_valid_and_from_a_full_run():
    results = load_benchmark_results(DEFAULT_RESULTS_PATH)
    assert results.mode == "full", "data/benchmarks.yaml must come from a full run (make bench)"
    assert results.settings["repeats"] >= 3
    assert {c.framework for c in results.configurations} == {"flask", "express"}


def test_missing_file_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match="file not found"):
        load_benchmark_results(tmp_path / "nope.yaml")


def test_malformed_yaml_names_the_line(tmp_path):
    path = tmp_path / "benchmarks.yaml"
    path.write_text("schema_version: 1\nmode: [full\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_benchmark_results(path)
    assert "malformed YAML" in str(caught.value)
    assert caught.value.problems[0].line >= 2


def test_wrong_type_points_at_the_exact_line_and_path(document, tmp_path):
    document["runs"][4]["requests"] = "lots"
    problems = problems_of(document, tmp_path)
    problem = next(p for p in problems if p.path == "runs[4].requests")
    assert problem.file.endswith("benchmarks.yaml")
    assert problem.line == line_of(tmp_path / "benchmarks.yaml", "requests: lots")
    assert "whole number" in problem.message


def test_missing_required_field_is_reported(document, tmp_path):
    del document["machine"]["cpu_model"]
    problems = problems_of(document, tmp_path)
    assert any(p.path.startswith("machine") and "cpu_model" in p.message for p in problems)


def test_unknown_field_is_reported(document, tmp_path):
    document["settings"]["typo_field"] = 3
    problems = problems_of(document, tmp_path)
    assert any("typo_field" in p.path + p.message for p in problems)


def test_measured_run_without_figures_is_rejected(document, tmp_path):
    del document["runs"][0]["latency_ms"]
    problems = problems_of(document, tmp_path)
    assert any(p.path.startswith("runs[0]") and "latency_ms" in p.message for p in problems)


def test_failed_run_needs_a_problem(document, tmp_path):
    failed = next(r for r in document["runs"] if r["status"] == "failed")
    del failed["problem"]
    problems = problems_of(document, tmp_path)
    assert any("problem" in p.message for p in problems)


def test_quick_mode_and_non_loopback_host_rules(document, tmp_path):
    document["settings"]["host"] = "0.0.0.0"
    problems = problems_of(document, tmp_path)
    assert any(p.path == "settings.host" for p in problems)


def test_unknown_configuration_reference(document, tmp_path):
    document["runs"][2]["configuration"] = "flask-waitress"
    problems = problems_of(document, tmp_path)
    problem = next(p for p in problems if p.path == "runs[2].configuration")
    assert "unknown configuration 'flask-waitress'" in problem.message
    assert "flask-gunicorn-sync" in problem.hint
    assert problem.line == line_of(tmp_path / "benchmarks.yaml", "configuration: flask-waitress")


def test_duplicate_ids_and_runs(document, tmp_path):
    document["scenarios"].append(copy.deepcopy(document["scenarios"][0]))
    document["runs"].append(dict(copy.deepcopy(document["runs"][0]), sequence=999))
    messages = [p.message for p in problems_of(document, tmp_path)]
    assert "duplicate id 'hello'" in messages
    assert any("second run for the same repeat" in m for m in messages)


def test_ok_status_with_errors_is_inconsistent(document, tmp_path):
    document["runs"][0]["errors"]["timeout"] = 5
    problems = problems_of(document, tmp_path)
    assert any(p.path == "runs[0].status" and "5 errors" in p.message for p in problems)


def test_hand_edited_rate_is_caught(document, tmp_path):
    document["runs"][0]["requests_per_second"] = 99999.0
    problems = problems_of(document, tmp_path)
    problem = next(p for p in problems if p.path == "runs[0].requests_per_second")
    assert "requests / duration_seconds" in problem.message
    assert "make bench" in problem.hint


def test_repeat_beyond_settings(document, tmp_path):
    document["runs"][0]["repeat"] = 7
    assert any(p.path == "runs[0].repeat" for p in problems_of(document, tmp_path))
