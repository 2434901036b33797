"""The content meets the bar the site promises. The rules live in comparison_site/content_rules.py,
which the data reference page also lists with their reasons, so no rule here is hidden from
contributors. The data checked is the site's (or, for the third-framework proof, the file
FVX_COMPARISON_DATA names: see conftest.REAL_DATA)."""

from __future__ import annotations

import dataclasses

import pytest

from comparison_site import content_rules
from comparison_site.load import load_comparison

from .conftest import REAL_DATA

DATA = load_comparison(REAL_DATA)


@pytest.mark.parametrize("rule", content_rules.RULES, ids=[rule.id for rule in content_rules.RULES])
def test_the_data_meets_each_content_rule(rule):
    assert rule.check(DATA) == []


def test_each_rule_reports_data_that_breaks_it():
    """Every rule can fail: a copy of the data broken one way at a time makes exactly that rule complain."""
    first = DATA.frameworks[0].id
    claim = next(c for c in DATA.claims if c.id in content_rules.LOCKED_VERDICTS)
    opinion = next(c for c in DATA.criteria if c.id in content_rules.OPINION_CRITERIA)
    broken = {
        "criteria": dataclasses.replace(DATA, criteria=DATA.criteria[: content_rules.MIN_CRITERIA - 1]),
        "pros": dataclasses.replace(DATA, points=tuple(p for p in DATA.points if (p.framework, p.kind) != (first, "pro"))),
        "cons": dataclasses.replace(DATA, points=tuple(p for p in DATA.points if (p.framework, p.kind) != (first, "con"))),
        "use-cases": dataclasses.replace(DATA, use_cases=DATA.use_cases[:1]),
        "faq": dataclasses.replace(DATA, faq=DATA.faq[:1]),
        "categories-used": dataclasses.replace(
            DATA, criteria=tuple(c for c in DATA.criteria if c.category != DATA.categories[0].id)),
        "key-factors": dataclasses.replace(
            DATA, criteria=tuple(dataclasses.replace(c, key_factor=True) for c in DATA.criteria)),
        "locked-verdicts": dataclasses.replace(DATA, claims=tuple(
            dataclasses.replace(c, verdict="true" if c.verdict != "true" else "false") if c is claim else c
            for c in DATA.claims)),
        "opinion-criteria": dataclasses.replace(DATA, criteria=tuple(
            dataclasses.replace(c, basis="documented") if c is opinion else c for c in DATA.criteria)),
    }
    assert set(broken) == {rule.id for rule in content_rules.RULES}, "a rule has no breaking case here"
    for rule in content_rules.RULES:
        problems = content_rules.content_problems(broken[rule.id])
        assert any(p.startswith(f"{rule.id}: ") for p in problems), (rule.id, problems)


def test_every_rule_is_stated_with_its_reason_on_the_data_reference(built_site):
    from .html_scan import parse

    text = " ".join(parse(built_site / "data-reference/index.html").text.split())
    for rule in content_rules.RULES:
        for words in (rule.rule, rule.reason):
            plain = " ".join(words.replace("`", "").split())
            assert plain in text, f"{rule.id}: {plain!r} not on the data reference page"
