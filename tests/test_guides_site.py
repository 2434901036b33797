"""The guide pages in the built site: they exist, sit in the navigation, link to cookbook pages and
anchors that exist, are found by search for "migrate", "port" and "equivalent", publish their data,
and show hostile data text literally (one extra strict build with poisoned data/guides.yaml)."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from urllib.parse import urldefrag

import pytest
import yaml

from .conftest import MKDOCS, ROOT
from .guides_sample import _NoAliases
from .html_scan import parse

GUIDE_PAGES = ["porting-guide", "ecosystem", "deployment", "security", "alternatives", "community"]


def page(site: Path, name: str) -> Path:
    return site / name / "index.html"


@pytest.mark.parametrize("name", GUIDE_PAGES)
def test_page_exists_and_is_in_the_guides_navigation(built_site, name):
    assert re.search(r">\s*Guides\s*<", _primary_navigation(page(built_site, name))), "no Guides section"
    home_navigation = _primary_navigation(built_site / "index.html")
    assert f'href="{name}/"' in home_navigation, f"{name} is not linked from the home page's navigation"


def _primary_navigation(html_file: Path) -> str:
    """The site navigation of a page: the primary sidebar, with its nested sections (a regular
    expression cannot match nested <nav> elements, so the sidebar is cut out by its bounds)."""
    html = html_file.read_text(encoding="utf-8")
    start = html.index('<div class="md-sidebar md-sidebar--primary"')
    return html[start:html.index('<div class="md-sidebar md-sidebar--secondary"', start)]


def _ids(html_file: Path) -> set[str]:
    return {attrs["id"] for _, attrs in parse(html_file).tags if "id" in attrs}


@pytest.mark.parametrize("name", GUIDE_PAGES)
def test_every_internal_link_resolves_to_a_page_and_anchor(built_site, name):
    source = page(built_site, name)
    checked = 0
    for tag, attrs in parse(source).tags:
        href = attrs.get("href", "")
        if tag != "a" or not href or re.match(r"^[a-z]+:", href) or href.startswith("//"):
            continue
        path, anchor = urldefrag(href)
        target = (source.parent / path).resolve() if path else source
        if target.is_dir():
            target = target / "index.html"
        assert target.exists(), f"{name}: broken link {href}"
        if anchor and target.suffix == ".html":
            assert anchor in _ids(target), f"{name}: link {href} names a missing anchor"
        checked += 1
    assert checked > 10


def test_porting_guide_links_each_crosswalk_row_to_its_cookbook_task(built_site):
    guides = yaml.safe_load((ROOT / "data/guides.yaml").read_text(encoding="utf-8"))
    overview = page(built_site, "porting-guide").read_text(encoding="utf-8")
    topic_pages = {p.parent.name: p.read_text(encoding="utf-8")
                   for p in (built_site / "porting-guide").glob("*/index.html")}
    assert len(topic_pages) == len({row["topic"] for row in guides["crosswalk"]})
    for row in guides["crosswalk"]:
        # Its details on exactly one topic page, linked from the overview's table.
        homes = [name for name, html in topic_pages.items() if f'id="{row["id"]}"' in html]
        assert len(homes) == 1, f"{row['id']}: on topic pages {homes}"
        assert f'href="{homes[0]}/#{row["id"]}"' in overview, f"{row['id']}: the overview does not link its details"
        for task in row.get("cookbook", []):
            assert f'href="../cookbook/{task}/"' in overview, f"{row['id']}: no link to cookbook task {task}"
            assert f'href="../../cookbook/{task}/"' in topic_pages[homes[0]]
            assert (built_site / "cookbook" / task / "index.html").exists()


@pytest.mark.parametrize("word", ["migrate", "port", "equivalent"])
def test_search_finds_the_porting_guide(built_site, word):
    docs = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    hits = [d["location"] for d in docs
            if re.search(rf"\b{word}", d["title"] + " " + d["text"], re.IGNORECASE)]
    assert any(location.startswith("porting-guide/") for location in hits)


def test_ecosystem_page_shows_the_rule_and_flags(built_site):
    text = parse(page(built_site, "ecosystem")).text
    assert "Unmaintained means: no release in the 730 days" in text
    assert "Unmaintained" in text and "Maintained" in text


def test_guides_data_is_published(built_site):
    published = json.loads((built_site / "data/guides.json").read_text(encoding="utf-8"))
    assert len(published["crosswalk"]) >= 30
    releases = json.loads((built_site / "data/releases.json").read_text(encoding="utf-8"))
    assert releases["packages"]
    assert (built_site / "data/guides.schema.json").exists() and (built_site / "data/releases.schema.json").exists()


# ------------------------------------------------------------------------------- hostile data

STRUCTURED = {"id", "url", "basis", "last_verified", "accessed", "registry", "name", "from", "to", "framework",
              "instead_of", "cookbook", "kind", "cve", "published", "as_of", "since", "schema_version",
              "unmaintained_after_days", "package"}
PAYLOAD = '<script>alert("g{n}")</script><img src=x onerror=alert({n})>*e*{{: onclick="alert({n})"}} {{{{ 7*7 }}}}J{n}'


def poison(node, counter: list[int], key: str = ""):
    if isinstance(node, dict):
        return {k: (v if k in STRUCTURED else poison(v, counter, k)) for k, v in node.items()}
    if isinstance(node, list):
        return [poison(v, counter, key) for v in node]
    if isinstance(node, str):
        counter[0] += 1
        return PAYLOAD.format(n=counter[0])
    return node


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile-guides")
    counter = [0]
    data = poison(yaml.safe_load((ROOT / "data/guides.yaml").read_text(encoding="utf-8")), counter)
    data_file = folder / "guides.yaml"
    data_file.write_text(yaml.dump(data, Dumper=_NoAliases, sort_keys=False, allow_unicode=True), encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", FVX_GUIDES_DATA=str(data_file))
    result = subprocess.run([str(MKDOCS), "build", "--strict", "--clean", "-d", str(folder / "site")],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return folder / "site", counter[0]


def test_hostile_guides_text_is_shown_never_run(hostile_site):
    site, count = hostile_site
    shown = ""
    # The guide pages and the porting guide's topic pages (named after the poisoned topics).
    files = [page(site, name) for name in GUIDE_PAGES] + sorted((site / "porting-guide").glob("*/index.html"))
    assert len(files) > len(GUIDE_PAGES)
    for file in files:
        name = file.parent.relative_to(site).as_posix()
        parsed = parse(file)
        for tag, attrs in parsed.tags:
            assert not (tag == "img" and attrs.get("src") == "x"), f"{name}: injected <img>"
            assert not any(a.startswith("on") for a in attrs), f"{name}: event handler on <{tag}>"
        assert not any("alert(" in script for script in parsed.scripts), f"{name}: injected script"
        assert "49J" not in parsed.text, f"{name}: Jinja from the data was evaluated"
        shown += parsed.text
    assert count > 100
    # Every poisoned field reaches a page as literal text (a few repeat across pages).
    missing = [n for n in range(1, count + 1) if f'<script>alert("g{n}")</script>' not in shown]
    assert not missing, f"{len(missing)} payloads not shown, e.g. {missing[:5]}"
