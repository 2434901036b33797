"""No data file cites a page known to have moved or been removed (data/moved-urls.yaml), and the
rules themselves work: each reports its own examples with the expected suggestion, and a broken
rules file is reported with file, line and what to fix."""

from __future__ import annotations

import json

import pytest

from comparison_site.errors import DataError
from comparison_site.moved_urls import DEFAULT_RULES, citations, first_match, load_rules, moved_url_problems
from comparison_site.yaml_source import load_yaml_document, parse_yaml_text

from .conftest import ROOT
from .test_schemas import undescribed_fields

RULES = load_rules()
# Every data file of the site, including ones added later (the rules file is checked separately:
# its examples are moved URLs on purpose).
DATA_FILES = sorted(p for p in (ROOT / "data").glob("*.yaml") if p != DEFAULT_RULES)


def test_the_data_folder_is_scanned():
    names = {p.name for p in DATA_FILES}
    assert {"comparison.yaml", "tasks.yaml", "benchmarks.yaml"} <= names


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_no_data_file_cites_a_moved_or_removed_page(path):
    document = load_yaml_document(path, f"data/{path.name}")
    problems = moved_url_problems(document, RULES)
    assert not problems, "\n".join(str(p) for p in problems)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_each_rule_reports_its_examples_with_the_expected_suggestion(rule):
    for url, expected in rule.examples:
        assert first_match(url, RULES) is rule, f"{url} is reported by another rule first, or by none"
        assert rule.suggest(url) == expected


def test_replacements_and_evidence_are_not_moved_pages_themselves():
    for rule in RULES:
        for url in [rule.evidence_url, *(suggestion for _, suggestion in rule.examples if suggestion)]:
            assert first_match(url, RULES) is None, f"rule '{rule.id}' points at {url}, which a rule reports"


def test_current_pages_are_not_reported():
    for url in ["https://gunicorn.org/design/", "https://expressjs.com/en/5x/api/express/",
                "https://expressjs.com/en/support/", "https://expressjs.com/",
                "https://expressjs.com/en/blog/2025-03-31-v5-1-latest-release", "https://nodejs.org/api/cluster.html",
                "https://nodejs.org/docs/latest-v24.x/api/cluster.html", "https://example.org/en/guide/routing.html"]:
        assert first_match(url, RULES) is None, url


def test_a_citation_is_reported_with_its_location_rule_and_replacement():
    text = ("criteria:\n"
            "  - id: request-model\n"
            "    details: See [the design](https://docs.gunicorn.org/en/stable/design.html#server-model).\n"
            "    sources:\n"
            "      - title: Express API\n"
            "        url: https://expressjs.com/en/5x/api.html#express.json\n")
    document = parse_yaml_text(text, "data/example.yaml")
    problems = moved_url_problems(document, RULES)
    assert [(p.line, p.path) for p in problems] == [(3, "criteria[id=request-model].details"),
                                                  (6, "criteria[id=request-model].sources[0].url")]
    assert "rule 'gunicorn-docs-moved'" in problems[0].message
    assert problems[0].hint == "cite https://gunicorn.org/design/ instead"
    assert "rule 'express-api-anchors'" in problems[1].message
    assert "https://expressjs.com/en/5x/api/express/" in problems[1].hint


def test_urls_are_found_in_fields_and_in_text():
    data = {"a": "https://x.example/one", "b": ["see https://y.example/two, and (https://z.example/three)."]}
    assert [c.url for c in citations(data)] == ["https://x.example/one", "https://y.example/two",
                                                "https://z.example/three"]


def test_rules_schema_describes_every_field():
    schema = json.loads((ROOT / "data" / "moved-urls.schema.json").read_text(encoding="utf-8"))
    assert undescribed_fields(schema) == []


def test_a_broken_rules_file_is_reported_with_its_location(tmp_path):
    broken = tmp_path / "moved-urls.yaml"
    broken.write_text(
        "schema_version: 1\nrules:\n"
        "  - id: bad-pattern\n    host: example.org\n    pattern: '/(unclosed'\n    reason: Moved.\n"
        "    replacement: Cite the new page.\n    since: '2026-01-01'\n"
        "    evidence: {title: Changelog, url: 'https://example.org/news'}\n"
        "    examples: [{url: 'https://example.org/unclosed'}]\n"
        "  - id: no-reason\n    host: example.org\n    replacement: x\n    since: '2026-01-01'\n"
        "    evidence: {title: Changelog, url: 'https://example.org/news'}\n"
        "    examples: [{url: 'https://example.org/'}]\n", encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_rules(broken)
    assert any(p.line == 11 and "reason" in p.message for p in raised.value.problems), str(raised.value)
    broken.write_text(broken.read_text().split("  - id: no-reason")[0], encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_rules(broken)
    [problem] = raised.value.problems
    assert (problem.line, problem.path) == (5, "rules[id=bad-pattern].pattern")
    assert "regular expression" in problem.message
