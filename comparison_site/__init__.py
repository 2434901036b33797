"""Macros for the comparison site (mkdocs-macros-plugin entry point).

`define_env` only registers macros; each macro is a thin call into a pure render function, so
the logic can be tested without MkDocs and moved to another generator.
Data flows one way: load -> validate -> model -> render -> page.
"""

from __future__ import annotations

from .site_context import (
    benchmarks_for_site,
    comparison_for_site,
    cookbook_for_site,
    guides_for_site,
    load_schema,
    load_tasks_schema,
    measurements_for_site,
    site_links,
    tasks_data,
)


def define_env(env) -> None:
    from . import benchmarks, content_rules, cookbook
    from .inline import plain_text
    from .render import comparison, entries, framework, guide_common, home, pages, schema_reference, sources, wording

    config = env.conf
    data = comparison_for_site()  # raises before any page is rendered if the data is broken
    links = site_links(config)

    env.variables["comparison"] = data
    env.variables["data_last_verified"] = data.last_verified
    # Page intros name the frameworks through these, never by hand, so a third framework renames them.
    env.variables["site_title"] = plain_text(wording.site_title(data))
    env.variables["framework_names"] = wording.framework_names(data)
    env.variables["framework_names_or"] = wording.framework_names(data, "or")
    env.variables["framework_links"] = wording.framework_links(data)

    # The cookbook and the benchmarks each declare the frameworks they cover (the cookbook's
    # `frameworks` section, the benchmark's configurations); their pages say which they leave out.
    def cookbook_coverage() -> str:
        return wording.coverage_note(comparison_for_site(), cookbook_for_site().framework_ids, "The cookbook")

    def benchmarks_coverage() -> str:
        covered = {c.framework for c in benchmarks_for_site().configurations}
        return wording.coverage_note(comparison_for_site(), covered, "The benchmark")

    def task_titles() -> dict[str, str]:
        return {task.id: task.title for task in cookbook_for_site().tasks}

    macros = {
        "quick_table": lambda: home.render_quick_table(comparison_for_site()),
        "choose_when": lambda: home.render_choose_when(comparison_for_site()),
        "versions_verified": lambda: home.render_versions(comparison_for_site()),
        "framework_list": lambda: home.render_framework_list(comparison_for_site()),
        "comparison_overview": lambda: comparison.render_overview(comparison_for_site()),
        "comparison_category": lambda category_id: comparison.render_category(
            comparison_for_site(), category_id, links, task_titles(),
            measurements_for_site(pages.relative(pages.BENCHMARKS, pages.category_page(category_id)))),
        "framework_page": lambda framework_id: framework.render_framework_page(comparison_for_site(), framework_id, links),
        "use_cases": lambda: entries.render_use_cases(comparison_for_site(), links),
        "faq": lambda: entries.render_faq(comparison_for_site(), links, measurements_for_site(pages.BENCHMARKS)),
        "claims_checked": lambda: entries.render_claims(
            comparison_for_site(), links, measurements_for_site(pages.BENCHMARKS)),
        # The raw results are published as data/benchmarks.yaml (see site_hooks.published_files).
        "benchmarks_page": lambda: wording.after_title(
            benchmarks.render_benchmarks_page(benchmarks_for_site()), benchmarks_coverage()),
        "measured": lambda scenario_id: measurements_for_site(pages.BENCHMARKS)[scenario_id],
        "sources_index": lambda: sources.render_sources(
            comparison_for_site(),
            sources.cookbook_citations(cookbook_for_site()) + guide_common.guide_citations(guides_for_site())),
        "cookbook_task": lambda task_id: wording.after_title(
            cookbook.render_task_page(cookbook_for_site(), task_id, links.repo_url), cookbook_coverage()),
        "cookbook_index": lambda: wording.after_title(
            cookbook.render_cookbook_index(cookbook_for_site()), cookbook_coverage()),
        "schema_reference": lambda: schema_reference.render_schema_reference(
            load_schema(), schema_reference.samples_from_data(comparison_for_site().raw)),
        # The cookbook's data reference: the same generator over data/tasks.schema.json, with real examples.
        "cookbook_schema_reference": lambda: schema_reference.render_schema_reference(
            load_tasks_schema(), schema_reference.samples_by_schema(load_tasks_schema(), tasks_data())),
        "content_rules": content_rules.render_rules_table,
        **_guide_macros(links, task_titles),
    }
    for name, function in macros.items():
        env.macro(function, name)


def _guide_macros(links, task_titles) -> dict:
    """Macros of the guide pages (data/guides.yaml): porting guide, ecosystem, deployment, security,
    alternatives, community."""
    from .guides.load import GUIDES_SCHEMA
    from .render import alternatives, community, crosswalk, deployment, ecosystem, schema_reference, security

    def guides_schema() -> dict:
        import json

        return json.loads(GUIDES_SCHEMA.read_text(encoding="utf-8"))

    return {
        "crosswalk_overview": lambda: crosswalk.render_crosswalk_overview(guides_for_site(), task_titles()),
        "porting_topic_list": lambda: crosswalk.render_topic_list(guides_for_site()),
        "porting_topic": lambda topic_id: crosswalk.render_porting_topic(guides_for_site(), topic_id, links, task_titles()),
        "porting_traps": lambda: crosswalk.render_traps_by_direction(guides_for_site()),
        "maintenance_rule": lambda: ecosystem.render_maintenance_rule(guides_for_site()),
        "ecosystem_equivalents": lambda: ecosystem.render_ecosystem(guides_for_site(), links),
        "deployment_options": lambda: deployment.render_deployment(guides_for_site(), links),
        "security_policies": lambda: security.render_policies(guides_for_site(), links),
        "security_advisories": lambda: security.render_advisories(guides_for_site(), links),
        "advisory_counts": lambda: security.render_advisory_counts(guides_for_site()),
        "alternatives_list": lambda: alternatives.render_alternatives(guides_for_site(), links),
        "community_indicators": lambda: community.render_community(guides_for_site(), links),
        "guides_schema_reference": lambda: schema_reference.render_schema_reference(
            guides_schema(), schema_reference.samples_by_schema(guides_schema(), guides_for_site().raw)),
    }
