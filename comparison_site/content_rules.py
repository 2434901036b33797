"""Content rules: what the site's own data must contain beyond what the schema checks.

The schema (data/comparison.schema.json) says what a *valid* entry looks like; these rules say
what the *site's* data must cover to keep its promises (coverage, balance, a short home table,
claims whose verdicts were checked). They live here, once: the tests check the data against them,
`python -m comparison_site rules` (part of `make check-data`) prints what breaks them, and the data
reference page lists them with their reasons. Test fixtures are small valid files and do not have
to meet them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .model import Comparison

MIN_CRITERIA = 40
MIN_PROS_PER_FRAMEWORK = 6
MIN_CONS_PER_FRAMEWORK = 4
MIN_USE_CASES = 8
MIN_FAQ = 12
KEY_FACTORS = (8, 15)  # inclusive range of criteria with key_factor: true

# Claims whose verdict was checked against primary sources (cited in each claim) during the
# project's fact check. A pull request that changes one of these verdicts must bring new primary
# evidence and change this table in the same pull request, so the change is reviewed as such.
LOCKED_VERDICTS = {
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

# Criteria that are judgements by nature; they must keep `basis: opinion`.
OPINION_CRITERIA = ("learning-curve", "async-mental-model")


# Entries found phrased as fact although they are judgements (fact-check of issue 12): they keep
# `basis: opinion`. Keyed by entry kind: "points" (pros and cons) and "faq".
OPINION_ENTRIES = {
    "points": ("small-readable-core", "stable-api", "assemble-your-stack", "two-languages", "io-concurrency",
               "large-middleware-ecosystem", "real-time-friendly", "foundation-for-frameworks", "types-outside"),
    "faq": ("which-is-easier", "which-for-ml", "more-secure", "medium-projects", "learn-first", "data-intensive-apps"),
}

# FAQ entries answering the questions the comparison articles people read ask most.
SEED_FAQ = ("hosting-and-docker", "callbacks-or-async-await", "data-intensive-apps", "learning-resources",
            "which-is-faster", "which-is-easier", "flask-real-time", "express-large-apps", "which-for-ml",
            "medium-projects", "concurrency-handling")

# Statements the fact-check corrected, with why each is wrong: none may come back in any data text.
CORRECTED_STATEMENTS = {
    "on the worker thread": "Flask runs an async view in a new event loop in a new thread (asgiref), not on the worker thread",
    "Frameworks built on Express": "the Express site removed that page in 2024",
    "Node.js 20 docs": "Node.js 20 is end of life; cite current docs",
    "install Node.js 20": "Node.js 20 is end of life; the project pins Node.js 26",
    "`DEBUG=express:*` logs": "in Express 5 routing logs use the `router` namespace, which express:* does not cover",
    "such as PM2) that can run": "Express's guide recommends the init system for restarts; PM2 is one way to cluster",
}

# First public releases, compared like with like (Flask 0.1; Express 0.0.1 in its History.md, not 1.0.0).
FIRST_RELEASES = {"flask": "2010-04-16", "express": "2010-01-03"}

# Every entry was re-verified during or after this date; an older date means the entry was not checked.
EARLIEST_VERIFICATION = "2026-01-01"


@dataclass(frozen=True)
class ContentRule:
    id: str
    rule: str  # the rule, as the data reference states it (Markdown)
    reason: str  # why the site needs it (Markdown)
    check: Callable[[Comparison], list[str]]  # what breaks it, one message each; [] when it holds
    short: str = ""  # for rules that list many ids: how CONTRIBUTING.md states it (the data reference lists them)

    @property
    def in_guide(self) -> str:
        return self.short or self.rule


def _at_least(count: int, minimum: int, what: str) -> list[str]:
    return [] if count >= minimum else [f"{count} {what}; at least {minimum} are needed"]


def _points(comparison: Comparison, kind: str, minimum: int) -> list[str]:
    return [
        f"framework '{f.id}' has {len(comparison.points_of(f.id, kind))} {kind}s; at least {minimum} are needed"
        for f in comparison.frameworks
        if len(comparison.points_of(f.id, kind)) < minimum
    ]


def _categories_used(comparison: Comparison) -> list[str]:
    used = {c.category for c in comparison.criteria}
    return [f"category '{c.id}' has no criterion" for c in comparison.categories if c.id not in used]


def _key_factors(comparison: Comparison) -> list[str]:
    low, high = KEY_FACTORS
    count = sum(c.key_factor for c in comparison.criteria)
    return [] if low <= count <= high else [f"{count} criteria have key_factor: true; between {low} and {high} are needed"]


def _locked_verdicts(comparison: Comparison) -> list[str]:
    verdicts = {claim.id: claim.verdict for claim in comparison.claims}
    problems = []
    for claim_id, verdict in LOCKED_VERDICTS.items():
        if claim_id not in verdicts:
            problems.append(f"claim '{claim_id}' is missing; its verdict was checked and must stay on the site")
        elif verdicts[claim_id] != verdict:
            problems.append(f"claim '{claim_id}' has verdict '{verdicts[claim_id]}'; the checked verdict is '{verdict}'")
    return problems


def _opinions(comparison: Comparison) -> list[str]:
    basis = {c.id: c.basis for c in comparison.criteria}
    return [f"criterion '{i}' must have basis: opinion (it has '{basis[i]}')"
            for i in OPINION_CRITERIA if i in basis and basis[i] != "opinion"]


def _opinion_entries(comparison: Comparison) -> list[str]:
    problems = []
    for kind, ids in OPINION_ENTRIES.items():
        basis = {entry.id: entry.basis for entry in getattr(comparison, kind)}
        problems += [f"{kind} entry '{i}' must have basis: opinion (it has '{basis[i]}')"
                     for i in ids if i in basis and basis[i] != "opinion"]
    problems += [f"use case '{u.id}' must have basis: opinion" for u in comparison.use_cases if u.basis != "opinion"]
    return problems


def _seed_faq(comparison: Comparison) -> list[str]:
    present = {entry.id for entry in comparison.faq}
    return [f"FAQ entry '{i}' is missing" for i in SEED_FAQ if i not in present]


def _verification_dates(comparison: Comparison) -> list[str]:
    kinds = ("frameworks", "criteria", "points", "use_cases", "faq", "claims")
    return [f"{kind} entry '{entry.id}' was last verified {entry.last_verified or 'never'}; "
            f"re-check it and set last_verified to the date"
            for kind in kinds for entry in getattr(comparison, kind)
            if not entry.last_verified or entry.last_verified < EARLIEST_VERIFICATION]


def corrected_statement_problems(text: str) -> list[str]:
    """Corrected statements found in `text` (a data file's text), each with why it is wrong."""
    lowered = text.lower()
    return [f"'{phrase}' is back: {why}" for phrase, why in CORRECTED_STATEMENTS.items() if phrase.lower() in lowered]


def _first_releases(comparison: Comparison) -> list[str]:
    dates = {f.id: f.first_release for f in comparison.frameworks}
    return [f"framework '{i}' has first_release {dates[i]}; the checked date is {date}"
            for i, date in FIRST_RELEASES.items() if i in dates and dates[i] != date]


def _corrected_statements(comparison: Comparison) -> list[str]:
    import json

    return corrected_statement_problems(json.dumps(comparison.raw, ensure_ascii=False))


RULES: tuple[ContentRule, ...] = (
    ContentRule("criteria", f"At least {MIN_CRITERIA} criteria.",
                "The comparison promises to cover the whole decision; removing a criterion needs a replacement.",
                lambda c: _at_least(len(c.criteria), MIN_CRITERIA, "criteria")),
    ContentRule("pros", f"At least {MIN_PROS_PER_FRAMEWORK} pros for every framework.",
                "Every framework page gives the same depth, so no framework looks better by being described more.",
                lambda c: _points(c, "pro", MIN_PROS_PER_FRAMEWORK)),
    ContentRule("cons", f"At least {MIN_CONS_PER_FRAMEWORK} cons for every framework.",
                "A framework page with only strengths reads as marketing; balance needs its limits too.",
                lambda c: _points(c, "con", MIN_CONS_PER_FRAMEWORK)),
    ContentRule("use-cases", f"At least {MIN_USE_CASES} use cases.",
                "The home page's short advice is derived from them; with fewer it covers too few projects.",
                lambda c: _at_least(len(c.use_cases), MIN_USE_CASES, "use cases")),
    ContentRule("faq", f"At least {MIN_FAQ} FAQ entries.",
                "The FAQ answers the questions readers of comparison articles ask; fewer leaves common ones out.",
                lambda c: _at_least(len(c.faq), MIN_FAQ, "FAQ entries")),
    ContentRule("categories-used", "Every category has at least one criterion.",
                "Each category is a section of the comparison; an empty one would be an empty section.",
                _categories_used),
    ContentRule("key-factors", f"Between {KEY_FACTORS[0]} and {KEY_FACTORS[1]} criteria have `key_factor: true`.",
                "They make the short table on the home page: fewer does not summarise the decision, "
                "more no longer fits one screen.",
                _key_factors),
    ContentRule("locked-verdicts",
                "These claims stay on the site with these verdicts: "
                + ", ".join(f"`{k}` ({v})" for k, v in LOCKED_VERDICTS.items()) + ".",
                "Their verdicts were checked against the primary sources each claim cites. To change one, bring "
                "new primary evidence and change `LOCKED_VERDICTS` in `comparison_site/content_rules.py` in the "
                "same pull request, so reviewers see that a checked verdict changes.",
                _locked_verdicts,
                "Checked claims keep their verdicts; changing one needs new primary evidence and a change to "
                "`LOCKED_VERDICTS` in the same pull request."),
    ContentRule("opinion-criteria",
                "The criteria " + " and ".join(f"`{i}`" for i in OPINION_CRITERIA) + " keep `basis: opinion`.",
                "They are judgements by nature; the site must never present them as documented fact.",
                _opinions),
    ContentRule("opinion-entries",
                "Every use case, and the pros, cons and FAQ entries "
                + ", ".join(f"`{i}`" for ids in OPINION_ENTRIES.values() for i in ids) + ", keep `basis: opinion`.",
                "Saying which framework fits a scenario, or that something is easier or better, weighs facts against "
                "each other: a judgement. The fact-check found these phrased as fact.",
                _opinion_entries,
                "Every use case, and the pros, cons and FAQ entries the fact-check found to be judgements, keep "
                "`basis: opinion`."),
    ContentRule("seed-faq",
                "The FAQ keeps the entries " + ", ".join(f"`{i}`" for i in SEED_FAQ) + ".",
                "They answer the questions that the comparison articles readers come from ask most.",
                _seed_faq,
                "The FAQ keeps the entries that answer the questions comparison articles ask most."),
    ContentRule("verified-dates",
                f"Every framework, criterion, pro, con, use case, FAQ entry and claim has a `last_verified` date "
                f"on or after {EARLIEST_VERIFICATION}.",
                "The date says when someone last checked the entry against its sources; an older one means it was "
                "not re-checked for the current releases.",
                _verification_dates),
    ContentRule("corrected-statements",
                "No data text repeats a statement the fact-check corrected: "
                + "; ".join(f"“{phrase}” ({why})" for phrase, why in CORRECTED_STATEMENTS.items()) + ".",
                "Each was found wrong against a primary source; it must not come back through a later edit.",
                _corrected_statements,
                "No data text repeats a statement the fact-check corrected."),
    ContentRule("first-releases",
                "The first releases stay as checked: " + ", ".join(f"`{i}` {d}" for i, d in FIRST_RELEASES.items()) + ".",
                "Both are first public releases (Flask 0.1; Express 0.0.1 per its History.md), so the dates compare "
                "like with like; the fact-check corrected an earlier Express 1.0.0 date.",
                _first_releases,
                "The frameworks' first release dates stay as checked (first public releases, like with like)."),
)


def content_problems(comparison: Comparison) -> list[str]:
    """Every way `comparison` breaks a content rule, as '<rule id>: <message>'."""
    return [f"{rule.id}: {message}" for rule in RULES for message in rule.check(comparison)]


def render_rules_table() -> str:
    """The rules as a Markdown table for the data reference (text written here, no data)."""
    rows = ["| Rule | Why |", "|---|---|"]
    rows += [f"| {rule.rule} | {rule.reason} |" for rule in RULES]
    return "\n".join(rows)
