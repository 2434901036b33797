"""The content meets the bar the site promises: coverage, sources on everything, and every
claim from the team's checked facts sheet present with its checked verdict."""

from __future__ import annotations

from comparison_site.load import load_comparison

from .conftest import REAL_DATA

DATA = load_comparison(REAL_DATA)

# Claims from the checked facts sheet (shared/facts.md) and the verdict it gives each.
CHECKED_VERDICTS = {
    "django-built-on-flask": "false",
    "poocco-team": "false",
    "node-thousands-flask-ten": "false",
    "node-one-request-at-a-time": "false",
    "flask-no-real-time": "false",
    "node-built-in-database": "misleading",
    "flask-lacks-auth-orm": "true",
    "flask-limited-database": "false",
    "express-full-featured": "false",
    "flask-synchronous": "mostly-true",
    "express-steeper-curve": "opinion",
    "flask-no-external-libraries": "false",
    "flask-cpu-express-io": "misleading",
}


def test_coverage_meets_the_minimums():
    assert len(DATA.criteria) >= 40
    for framework in DATA.frameworks:
        assert len(DATA.points_of(framework.id, "pro")) >= 6
        assert len(DATA.points_of(framework.id, "con")) >= 4
    assert len(DATA.use_cases) >= 8
    assert len(DATA.faq) >= 12
    assert {c.id for c in DATA.categories} == {c.category for c in DATA.criteria}


def test_every_claim_from_the_facts_sheet_has_its_checked_verdict():
    verdicts = {claim.id: claim.verdict for claim in DATA.claims}
    assert {k: verdicts.get(k) for k in CHECKED_VERDICTS} == CHECKED_VERDICTS


def test_judgements_are_labelled_as_opinions():
    opinion_criteria = {c.id for c in DATA.criteria if c.basis == "opinion"}
    assert {"learning-curve", "async-mental-model"} <= opinion_criteria


def test_the_quick_table_has_the_key_factors():
    assert 8 <= sum(c.key_factor for c in DATA.criteria) <= 15
