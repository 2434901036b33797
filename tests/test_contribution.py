"""Contribution workflow: third-party schema check, published JSON, schema reference, `validate`
and `stale` commands, and simulated pull requests (adding a criterion)."""

from __future__ import annotations

import copy
import datetime
import json
import subprocess
import sys
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker

from comparison_site.load import DEFAULT_SCHEMA, load_comparison
from comparison_site.render import comparison as comparison_page
from comparison_site.render.markdown import SiteLinks
from comparison_site.render.schema_reference import render_schema_reference
from comparison_site.stale import stale_items

from .conftest import MINIMAL, REAL_DATA, ROOT
from .html_scan import parse
from .third_framework import write_yaml

CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
SCHEMA = json.loads(DEFAULT_SCHEMA.read_text(encoding="utf-8"))


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(list(args), cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_schema_is_standard_and_the_data_passes_a_third_party_validator():
    result = run(str(CHECK_JSONSCHEMA), "--check-metaschema", str(DEFAULT_SCHEMA))
    assert result.returncode == 0, result.stdout + result.stderr
    result = run(str(CHECK_JSONSCHEMA), "--schemafile", str(DEFAULT_SCHEMA), str(REAL_DATA))
    assert result.returncode == 0, result.stdout + result.stderr


def test_third_party_validator_rejects_what_ours_rejects(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text(MINIMAL.read_text().replace("    category: identity\n", "    category: 42\n"), encoding="utf-8")
    result = run(str(CHECK_JSONSCHEMA), "--schemafile", str(DEFAULT_SCHEMA), str(broken))
    assert result.returncode != 0 and "criteria" in result.stdout


def test_schema_reference_documents_every_field_with_an_example():
    from comparison_site.render.schema_reference import samples_from_data

    page = render_schema_reference(SCHEMA, samples_from_data(load_comparison(REAL_DATA).raw))
    rows = [line for line in page.splitlines() if line.startswith("| `")]
    assert rows and all(line.rsplit("|", 2)[-2].strip() for line in rows), "a field has no example"
    assert '| `name` | text | yes | Display name \\(e.g. \'Flask\'\\). | `"Flask"` |' in page
    objects = [SCHEMA] + [d for d in SCHEMA["$defs"].values() if d.get("type") == "object"]
    for definition in objects:
        for name in definition.get("properties", {}):
            assert f"| `{name}` |" in page, name
        for name in definition.get("required", []):
            assert f"| `{name}` | " in page
    assert "| `verdict` | one of `true`, `mostly-true`, `misleading`, `false`, `opinion` | yes |" in page


def test_published_json_is_the_data_and_validates_against_the_schema(built_site):
    published = json.loads((built_site / "data/comparison.json").read_text(encoding="utf-8"))
    schema = json.loads((built_site / "data/comparison.schema.json").read_text(encoding="utf-8"))
    assert schema == SCHEMA
    errors = list(Draft202012Validator(schema, format_checker=FormatChecker()).iter_errors(published))
    assert errors == []
    assert published == load_comparison(REAL_DATA).raw


def test_data_reference_page_is_built_and_links_the_published_files(built_site):
    page = parse(built_site / "data-reference/index.html")
    hrefs = {attrs.get("href") for tag, attrs in page.tags if tag == "a"}
    assert {"../data/comparison.json", "../data/comparison.schema.json"} <= hrefs
    assert "verified_version" in page.text


def test_every_entry_on_the_site_has_edit_and_report_links_to_its_line(built_site):
    data = load_comparison(REAL_DATA)
    lines = REAL_DATA.read_text(encoding="utf-8").splitlines()
    edit_links = [a["href"] for category in data.categories if data.criteria_in(category.id)
                  for tag, a in parse(built_site / "comparison" / category.id / "index.html").tags
                  if tag == "a" and "fvx-edit" in a.get("class", "")]
    in_page_order = [c for category in data.categories for c in data.criteria_in(category.id)]
    assert len(edit_links) == len(data.criteria)
    for criterion, href in zip(in_page_order, edit_links, strict=True):
        assert href.endswith(f"data/comparison.yaml#L{criterion.line}")
        assert lines[criterion.line - 1].strip() == f"- id: {criterion.id}"
    for page_path, count in [("faq/index.html", len(data.faq)), ("claims-checked/index.html", len(data.claims)),
                             ("use-cases/index.html", len(data.use_cases))]:
        tags = parse(built_site / page_path).tags
        assert sum(1 for t, a in tags if t == "a" and "fvx-report" in a.get("class", "")) == count
        assert sum(1 for t, a in tags if t == "span" and a.get("class") == "fvx-verified") == count


def test_validate_command_prints_every_problem_with_location_and_hint(tmp_path):
    broken = tmp_path / "comparison.yaml"
    text = MINIMAL.read_text().replace("    category: identity\n", "    category: identiti\n")
    broken.write_text(text.replace("    fit: {flask: fits, express: not-best}\n", "    fit: {flaks: fits, express: not-best}\n"),
                      encoding="utf-8")
    result = run(sys.executable, "-m", "comparison_site", "validate", str(broken))
    assert result.returncode == 1
    assert "3 problems in the data:" in result.stderr  # the misspelt key also leaves flask without a fit
    line = text.splitlines().index("    category: identiti") + 1
    assert f"{broken}:{line}:5: criteria[id=licence].category: unknown category 'identiti'" in result.stderr
    assert "use_cases[id=ml-api].fit.flaks: unknown framework 'flaks'" in result.stderr
    assert "hint: did you mean 'identity'?" in result.stderr and "hint: did you mean 'flask'?" in result.stderr
    assert "use_cases[id=ml-api].fit: no fit given for framework 'flask'" in result.stderr
    assert result.stderr.count("hint:") == 3
    ok = run(sys.executable, "-m", "comparison_site", "validate", str(MINIMAL))
    assert ok.returncode == 0 and "OK (2 frameworks, 3 criteria" in ok.stdout


def test_adding_a_criterion_needs_only_data(tmp_path):
    data = copy.deepcopy(load_comparison(MINIMAL).raw)
    source = [{"title": "Gunicorn docs: Signal handling", "url": "https://gunicorn.org/signals/"}]
    data["criteria"].append({"id": "graceful-shutdown", "title": "Graceful shutdown", "category": "architecture",
                             "last_verified": "2026-11-22",
                             "values": {"flask": {"summary": "Handled by the WSGI server", "sources": source},
                                        "express": {"summary": "Call `server.close()`", "sources": source}}})
    comparison = load_comparison(write_yaml(data, tmp_path / "comparison.yaml"))
    page = comparison_page.render_category(comparison, "architecture", SiteLinks())
    assert "{#graceful-shutdown}" in page and "Call `server.close()`" in page


def test_stale_report_flags_old_entries_and_old_major_versions():
    data = load_comparison(MINIMAL)  # last verified 2026-11-01
    assert stale_items(data, datetime.date(2026, 12, 1), 365, {"flask": "3.9.0", "express": "5.3.0"}) == []
    later = stale_items(data, datetime.date(2028, 1, 1), 365, {"flask": "4.0.0"})
    reasons = [item.format("f.yaml") for item in later]
    assert reasons[0] == "f.yaml:6: framework 'flask': verified against 3.1.3, newest major release is 4.0.0"
    assert any("criterion 'licence': last verified 2026-11-01, 426 days ago (limit 365)" in r for r in reasons)
    assert len(later) == 1 + 2 + 3 + 4 + 3 + 1 + 1  # major version + every entry


def test_stale_command_works_offline_and_exits_non_zero_when_something_is_stale():
    result = run(sys.executable, "-m", "comparison_site", "stale", str(MINIMAL), "--offline", "--latest", "express=6.0.0")
    assert result.returncode == 1
    assert "framework 'express': verified against 5.3.0, newest major release is 6.0.0" in result.stdout


def test_unknown_cookbook_tasks_and_benchmark_scenarios_are_reported_with_their_lines(tmp_path):
    from comparison_site.errors import DataError
    from comparison_site.references import check_references

    data = copy.deepcopy(load_comparison(MINIMAL).raw)
    data["criteria"][0]["cookbook"] = ["hello-world", "no-such-task"]
    data["claims"][0]["measured"] = ["io-10", "io-9999"]
    comparison = load_comparison(write_yaml(data, tmp_path / "comparison.yaml"))
    try:
        check_references(comparison, {"hello-world"}, {"io-10"})
    except DataError as error:
        task, scenario = sorted(error.problems, key=lambda problem: "scenario" in problem.message)
        assert task.line == comparison.criteria[0].line and "unknown cookbook task 'no-such-task'" in task.message
        assert scenario.line == comparison.claims[0].line and "unknown benchmark scenario 'io-9999'" in scenario.message
        assert task.hint == "use one of: hello-world"
    else:
        raise AssertionError("unknown references were accepted")


def test_cookbook_data_reference_documents_every_field_of_the_tasks_schema():
    from comparison_site.render.schema_reference import samples_by_schema
    from comparison_site.site_context import load_tasks_schema, tasks_data

    schema = load_tasks_schema()
    samples = samples_by_schema(schema, tasks_data())
    assert samples["task"] and samples["framework"], "examples are taken from the real cookbook data"
    page = render_schema_reference(schema, samples)
    objects = [schema] + [d for d in schema["$defs"].values() if d.get("type") == "object" and "properties" in d]
    for definition in objects:
        for name in definition.get("properties", {}):
            assert f"| `{name}` |" in page, name
    for name, definition in schema["$defs"].items():
        if not (definition.get("type") == "object" and "properties" in definition):
            assert f"| `{name}` |" in page, f"value type {name} is not listed"
    assert '| `id` | text | yes |' in page and '"hello-world"' in page  # a real task id as the example


def test_cookbook_guide_and_reference_pages_are_built_and_linked(built_site):
    guide = parse(built_site / "contributing-cookbook/index.html")
    hrefs = {attrs.get("href") for tag, attrs in guide.tags if tag == "a"}
    assert "../cookbook-data-reference/" in hrefs
    reference = "".join(parse(built_site / "cookbook-data-reference/index.html").text.split())  # code has break points
    assert "implementations" in reference and "headers_match" in reference


def test_a_misspelt_reference_gets_the_closest_existing_id(tmp_path):
    from comparison_site.errors import DataError
    from comparison_site.references import check_references
    from comparison_site.suggestions import did_you_mean, unknown_reference_hint

    assert did_you_mean("hello-wrld", ["hello-world", "json-crud-api"]) == "did you mean 'hello-world'? "
    assert did_you_mean("graphql", ["hello-world", "json-crud-api"]) == ""  # nothing close: no guess
    assert unknown_reference_hint("identiti", ["identity", "testing"], ", or add it") == (
        "did you mean 'identity'? use one of: identity, testing, or add it")
    data = copy.deepcopy(load_comparison(MINIMAL).raw)
    data["criteria"][0]["cookbook"] = ["hello-wrld"]
    comparison = load_comparison(write_yaml(data, tmp_path / "comparison.yaml"))
    try:
        check_references(comparison, {"hello-world", "json-crud-api"}, set())
    except DataError as error:
        [problem] = error.problems
        assert problem.path == "criteria[id=licence].cookbook"
        assert problem.hint.startswith("did you mean 'hello-world'?")
    else:
        raise AssertionError("a misspelt task id was accepted")


def test_pull_requests_get_a_site_preview_and_a_data_diff():
    import re

    import yaml

    workflow = yaml.safe_load((ROOT / ".github/workflows/check.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["check"]["steps"]
    for step in steps:
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), f"not pinned by commit SHA: {step['uses']}"
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False and checkout["with"]["fetch-depth"] == 0
    diff = next(s for s in steps if "scripts/data_diff.py" in s.get("run", ""))
    assert "pull_request" in diff["if"] and '"$BASE_SHA"' in diff["run"] and "$GITHUB_STEP_SUMMARY" in diff["run"]
    assert diff["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"  # never spliced into the command
    preview = next(s for s in steps if "make offline" in s.get("run", ""))
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert "pull_request" in preview["if"] and "pull_request" in upload["if"]
    assert upload["with"]["path"] == "dist/offline" and upload["with"]["name"] == "site-preview"
    assert steps.index(preview) < steps.index(upload)
