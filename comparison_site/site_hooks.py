"""The site's MkDocs hooks: validate the data before anything is built, generate one page per
comparison category, per framework, per cookbook task and per porting-guide topic, and publish
the data files.

Generated pages are not committed, so that adding a framework or a task to the data adds its page
and its navigation entry with no code or Markdown to write. MkDocs calls these through
mkdocs_hooks.py.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.structure.files import File

from comparison_site.code_breaks import add_code_break_opportunities
from comparison_site.inline import html_text
from comparison_site.load import DEFAULT_SCHEMA, PROJECT_ROOT
from comparison_site.page_description import set_description
from comparison_site.render import pages, wording
from comparison_site.render.comparison import categories_with_criteria
from comparison_site.search_ranking import apply_ranking
from comparison_site.site_context import comparison_for_site, cookbook_for_site, guides_for_site
from comparison_site.site_data import data_file_path, published_json
from comparison_site.tables import prepare_tables
from comparison_site.yaml_source import load_yaml_document

# mkdocs.yml names these sections with an empty list (at any depth); the hook fills them.
CATEGORIES_NAV_TITLE = "By category"
FRAMEWORKS_NAV_TITLE = "Frameworks"
COOKBOOK_NAV_TITLE = "Cookbook"
PORTING_NAV_TITLE = "Porting guide"


def on_config(config):
    comparison = comparison_for_site()
    book = cookbook_for_site()
    # The site is named after the frameworks in the data ("Flask vs Express"), so adding one renames it.
    # Material writes site_name into the page HTML unescaped, hence html_text.
    config["site_name"] = html_text(wording.site_title(comparison))
    config["site_description"] = html_text(wording.site_description(comparison))
    # Navigation titles are inserted into the theme's HTML unescaped, so data text is escaped here.
    generated = {
        CATEGORIES_NAV_TITLE: [{html_text(c.title): pages.category_page(c.id)}
                               for c in categories_with_criteria(comparison)],
        FRAMEWORKS_NAV_TITLE: [{html_text(f.name): pages.framework_page(f.id)} for f in comparison.frameworks],
        COOKBOOK_NAV_TITLE: [{"Overview": pages.COOKBOOK_INDEX}]
        + [{html_text(t.title): pages.cookbook_task_page(t.id)} for t in book.tasks],
        PORTING_NAV_TITLE: [{"Overview": pages.PORTING_GUIDE}]
        + [{html_text(t.title): pages.porting_topic_page(t.id)} for t in guides_for_site().porting_topics],
    }
    _fill_sections(config["nav"] or [], generated)
    return config


def _fill_sections(nav: list, generated: dict[str, list]) -> None:
    """Replace each section named in `generated`, wherever it sits in the navigation tree."""
    for entry in nav:
        if isinstance(entry, dict):
            for title, children in entry.items():
                if title in generated:
                    entry[title] = generated[title]
                elif isinstance(children, list):
                    _fill_sections(children, generated)


def on_files(files, config):
    # Ids are schema-checked to [a-z0-9-], so they are safe inside these macro calls.
    comparison = comparison_for_site()
    pages_to_generate = {pages.category_page(c.id): f'{{{{ comparison_category("{c.id}") }}}}\n'
                         for c in categories_with_criteria(comparison)}
    pages_to_generate.update({pages.framework_page(f.id): f'{{{{ framework_page("{f.id}") }}}}\n'
                              for f in comparison.frameworks})
    pages_to_generate[pages.COOKBOOK_INDEX] = "{{ cookbook_index() }}\n"
    for task in cookbook_for_site().tasks:
        pages_to_generate[pages.cookbook_task_page(task.id)] = f'{{{{ cookbook_task("{task.id}") }}}}\n'
    # Topic ids are made from the topic text as [a-z0-9-] (guides.model.porting_topics).
    for topic in guides_for_site().porting_topics:
        pages_to_generate[pages.porting_topic_page(topic.id)] = f'{{{{ porting_topic("{topic.id}") }}}}\n'
    for path, content in {**pages_to_generate, **published_files()}.items():
        if files.get_file_from_path(path) is None:
            files.append(File.generated(config, path, content=content))
    return files


# Data files published with the site for reuse, as files MkDocs knows about (so Markdown links
# to them are checked by the strict build): site path -> content.
def published_files() -> dict[str, bytes]:
    comparison = comparison_for_site()
    return {
        "data/comparison.json": published_json(comparison.raw),
        "data/comparison.schema.json": DEFAULT_SCHEMA.read_bytes(),
        # Published byte for byte, so site_data refuses markup characters in its text.
        "data/benchmarks.yaml": data_file_path("benchmarks").read_bytes(),
        "data/benchmarks.schema.json": (PROJECT_ROOT / "data/benchmarks.schema.json").read_bytes(),
        # The guide pages' data with the registry release dates it is read with.
        "data/guides.json": published_json(guides_for_site().raw),
        "data/guides.schema.json": (PROJECT_ROOT / "data/guides.schema.json").read_bytes(),
        "data/releases.json": published_json(load_yaml_document(data_file_path("releases")).data),
        "data/releases.schema.json": (PROJECT_ROOT / "data/releases.schema.json").read_bytes(),
    }


# `make bench-build` compares the build with and without the generator. It sets this variable
# to collect each page's Markdown after the macros ran, then builds those files without macros.
DUMP_ENV_VAR = "FVX_DUMP_MARKDOWN"


def on_page_markdown(markdown, page, config, files):
    apply_ranking(page)
    folder = os.environ.get(DUMP_ENV_VAR)
    if folder:
        target = Path(folder) / page.file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
    return markdown


def on_page_content(html, page, config, files):
    set_description(page, html)
    return add_code_break_opportunities(prepare_tables(html))
