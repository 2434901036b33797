"""The guide renderers (pure functions): columns come from the frameworks in the data, links point
to the cookbook and anchors, opinion is labelled, statuses follow the rule, data text is escaped."""

from __future__ import annotations

import re

import pytest

from comparison_site.guides import load_guides
from comparison_site.render import alternatives, community, crosswalk, deployment, ecosystem, security
from comparison_site.render.markdown import SiteLinks

from .guides_sample import DATED, FRAMEWORKS, TASKS, sample, write

TITLES = {"hello-world": "Hello world", "routing-parameters": "Routing parameters"}
LINKS = SiteLinks(repo_url="https://github.com/o/r")


@pytest.fixture
def build(tmp_path):
    def _build(mutate=None, frameworks=FRAMEWORKS):
        guides, releases = sample()
        if mutate:
            mutate(guides, releases)
        return load_guides(*write(tmp_path, guides, releases), frameworks, TASKS)
    return _build


def test_overview_has_a_column_per_framework_and_links_cookbook_and_details(build):
    markdown = crosswalk.render_crosswalk_overview(build(), TITLES)
    assert "| Concept | Flask | Express | In the cookbook |" in markdown
    assert "[Declaring a route](porting-guide/routing.md#route-declaration)" in markdown
    assert "[Hello world](cookbook/hello-world.md)" in markdown
    assert "[Routing in detail](porting-guide/routing.md)" in markdown
    assert "`app.get` (also `app.all`)" in markdown
    # path-parameters has no Express construct and no cookbook task: shown as not covered.
    row = next(line for line in markdown.splitlines() if "#path-parameters" in line)
    assert row.count("—") == 2


def test_a_third_framework_column_appears_only_with_data(build):
    frameworks = {**FRAMEWORKS, "fastapi": "FastAPI"}
    assert "FastAPI" not in crosswalk.render_crosswalk_overview(build(frameworks=frameworks), TITLES)

    def add(guides, releases):
        guides["crosswalk"][0]["frameworks"]["fastapi"] = {"construct": "`@app.get`"}
    markdown = crosswalk.render_crosswalk_overview(build(add, frameworks), TITLES)
    assert "| Concept | Flask | Express | FastAPI | In the cookbook |" in markdown


def test_traps_are_grouped_by_direction_in_framework_order(build):
    markdown = crosswalk.render_traps_by_direction(build())
    flask_first = markdown.index("Porting from Flask to Express {#traps-flask-to-express}")
    assert flask_first < markdown.index("Porting from Express to Flask {#traps-express-to-flask}")
    assert "- [Declaring a route](porting-guide/routing.md#route-declaration): Handlers must send a response." in markdown


def test_details_carry_anchor_sources_edit_link_and_own_date(build):
    markdown = crosswalk.render_porting_topic(build(), "routing", LINKS, TITLES)
    assert markdown.startswith("# Porting guide: Routing\n")
    assert "## Declaring a route {#route-declaration}" in markdown
    assert "**Porting Flask → Express:** Handlers must send a response." in markdown
    assert "[Docs](https://example.org/docs)" in markdown
    assert "blob/main/data/guides.yaml#L" in markdown
    assert "Last verified 2026-01-02" in markdown and "Last verified 2026-11-22" in markdown  # each entry's own
    # Links are written from the topic's page, one folder down.
    assert "[Hello world](../cookbook/hello-world.md)" in markdown
    assert "[porting guide overview](../porting-guide.md)" in markdown


def test_each_topic_gets_one_page_with_its_rows_in_data_order(build):
    def regroup(guides, releases):
        guides["crosswalk"][1]["topic"] = "Request & response"
    guides = build(regroup)
    assert [(t.id, t.title, [r.id for r in t.rows]) for t in guides.porting_topics] == [
        ("routing", "Routing", ["route-declaration"]),
        ("request-response", "Request & response", ["path-parameters"])]
    assert "path-parameters" not in crosswalk.render_porting_topic(guides, "routing", LINKS, TITLES)
    listing = crosswalk.render_topic_list(guides)
    assert "- [Routing](porting-guide/routing.md): 1 concept (Declaring a route)" in listing
    assert "[Request &amp; response](porting-guide/request-response.md)" in listing


@pytest.mark.parametrize(("topics", "ids"), [
    (["Errors", "errors!"], ["errors", "errors-2"]),  # two texts, one spelling: never one page
    (["Index", "Déjà vu"], ["index-2", "deja-vu"]),  # porting-guide/index.md would be the overview itself
    (["日本語", "???"], ["topic-1", "topic-2"]),  # nothing to spell a page name with
])
def test_topic_page_names_are_never_empty_shared_or_the_overview(topics, ids):
    from comparison_site.guides.model import CrosswalkRow, porting_topics

    rows = tuple(CrosswalkRow(id=f"row-{n}", topic=t, concept="c", frameworks={}, sources=())
                 for n, t in enumerate(topics))
    assert [t.id for t in porting_topics(rows)] == ids


def test_ecosystem_states_the_rule_from_data_and_flags_by_it(build):
    guides = build(lambda g, r: g["maintenance"].update(unmaintained_after_days=365))
    rule = ecosystem.render_maintenance_rule(guides)
    assert "no release in the 365 days (about 1 year) before" in rule
    assert "For 1 npm package the registry" in rule
    markdown = ecosystem.render_ecosystem(guides, LINKS)
    rows = {line.split("|")[2].strip(): line for line in markdown.splitlines() if line.startswith("| Flask") or
            line.startswith("| Express")}
    assert "2023\\-10\\-30" in rows["`Flask-Login`"] and "**Unmaintained**" in rows["`Flask-Login`"]
    assert "2026\\-01\\-05" in rows["`passport`"] and "| Maintained |" in rows["`passport`"]
    # Mirror dates are neither shown nor judged.
    assert "2026\\-09\\-15" not in markdown and "not available" in rows["`csurf`"] and "Not assessed" in rows["`csurf`"]
    # A deprecation recorded in the data wins over a recent release, and its source is cited.
    assert "**Deprecated** (since 2022\\-09\\-01)" in rows["`old-csrf`"]
    assert "[Notice](https://example.org/n)" in markdown


def test_deployment_groups_by_kind_and_marks_missing_framework(build):
    def add(guides, releases):
        guides["deployment"].append({"id": "cluster", **DATED, "kind": "process-manager", "title": "Cluster", "frameworks": {
            "express": {"summary": "One process per core.", "sources": [{"title": "N", "url": "https://nodejs.org/"}]}}})
    markdown = deployment.render_deployment(build(add), LINKS)
    assert markdown.startswith("## Production servers {#kind-production-server}")
    assert "| Express | — (no source found) |" in markdown and "| Flask | — (no source found) |" in markdown
    assert markdown.index("{#kind-production-server}") < markdown.index("{#kind-process-manager}")
    assert "## Containers" not in markdown  # no entry of that kind


def test_security_tables_per_framework_with_numbered_sources(build):
    markdown = security.render_advisories(build(), LINKS)
    assert "### Flask and its dependencies {#advisories-flask}" in markdown
    assert "| [`GHSA-m2qf-hxjv-5gpq`](#ghsa-m2qf-hxjv-5gpq) | `CVE-2023-30861` | `flask` |" in markdown
    assert "#### GHSA\\-m2qf\\-hxjv\\-5gpq \\(flask\\) {#ghsa-m2qf-hxjv-5gpq}" in markdown
    assert "Missing `Vary: Cookie`.\n\n<span class=\"fvx-sources\">Source:</span> [Docs](https://example.org/docs)" in markdown
    assert "| — | `express` |" in markdown  # no CVE given
    assert "since 2022\\-01\\-01" in markdown
    counts = security.render_advisory_counts(build())
    assert "| Flask | `flask` | 1 |" in counts and "| Express | `express` | 1 |" in counts


def test_alternatives_label_opinion_and_link_framework_pages(build):
    markdown = alternatives.render_alternatives(build(), LINKS)
    assert "**Fits better when (opinion):** Many long-lived connections." in markdown
    assert "[Flask](flask.md)" in markdown
    assert "fvx-basis-opinion" in markdown


def test_community_lists_unverified_with_reason(build):
    markdown = community.render_community(build(), LINKS)
    assert "## What could not be verified {#not-verified}" in markdown
    assert "GitHub was not reachable." in markdown
    assert "| Express | [Weekly downloads](#downloads) | About 17 million. | 2025\\-03\\-31 |" in markdown


def test_hostile_text_is_escaped_everywhere(build):
    payload = '<script>alert(1)</script>{{ 7*7 }}{: onclick="x"}'

    def poison(guides, releases):
        guides["crosswalk"][0]["concept"] = payload
        guides["crosswalk"][0]["traps"][0]["text"] = payload
        guides["ecosystem"][0]["packages"]["flask"][0]["role"] = payload
        guides["alternatives"][0]["fits_when"] = payload
        guides["community"]["unverified"][0]["reason"] = payload
    guides = build(poison)
    output = "\n".join([
        crosswalk.render_crosswalk_overview(guides, TITLES), crosswalk.render_porting_topic(guides, "routing", LINKS, TITLES),
        crosswalk.render_topic_list(guides),
        crosswalk.render_traps_by_direction(guides), ecosystem.render_ecosystem(guides, LINKS),
        alternatives.render_alternatives(guides, LINKS), community.render_community(guides, LINKS)])
    # HTML becomes entities; Jinja and attribute-list braces are backslash-escaped (shown literally).
    assert "<script>" not in output and "{{ 7" not in output and re.search(r"(?<!\\)\{:", output) is None
    # concept: overview, details heading, traps list; trap text: details, traps list; role; fits_when; reason
    assert output.count("&lt;script&gt;alert\\(1\\)&lt;/script&gt;") >= 8


def test_every_guide_source_is_cited_back_to_its_entry(build):
    from comparison_site.render.guide_common import guide_citations

    guides = build()
    citations = guide_citations(guides)
    targets = {c.target for c in citations}
    assert {"porting-guide/routing.md#route-declaration", "ecosystem.md#auth", "deployment.md#application-server",
            "security.md#policy-flask", "security.md#ghsa-m2qf-hxjv-5gpq", "alternatives.md#quart",
            "community.md#downloads"} <= targets
    # The deprecation notice of a package is cited too.
    assert any(c.source.url == "https://example.org/n" and c.target == "ecosystem.md#auth" for c in citations)
