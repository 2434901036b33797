"""Proof that adding a framework needs only data: the site's data plus a third framework (FastAPI,
from tests/third_framework.py) is built and checked by the same tests as the real site, with no
code change.

- The site suites (build, content rules, contribution pages, render, hostile data) run again in a
  child pytest with FVX_DATA_DIR pointing at a copy of the data folder whose comparison.yaml has the
  third framework: conftest.REAL_DATA, the site build and the hostile-data suite all follow it.
- Every internal link of the three-framework site resolves, and its titles, intros, "Either fits"
  list, cookbook and benchmark pages say what the data says about the third framework.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from comparison_site.load import load_comparison

from .conftest import REAL_DATA, ROOT, build_site
from .html_scan import parse
from .third_framework import THIRD, with_third_framework, write_yaml

# The suites that read the site's data (conftest.REAL_DATA, site_data.data_files) or build the site:
# build, content rules, contribution pages, render, and the hostile-data (injection) suite, which
# then puts its payloads into the third framework's fields too.
SITE_SUITES = ["tests/test_site_build.py", "tests/test_content.py", "tests/test_contribution.py", "tests/test_render.py",
               "tests/test_hostile_data.py"]


@pytest.fixture(scope="module")
def three_data(tmp_path_factory) -> Path:
    """A data folder (FVX_DATA_DIR) holding the site's data files, with a third framework in comparison.yaml."""
    folder = tmp_path_factory.mktemp("three")
    for data_file in (ROOT / "data").glob("*.yaml"):
        shutil.copyfile(data_file, folder / data_file.name)
    return write_yaml(with_third_framework(load_comparison(REAL_DATA).raw), folder / "comparison.yaml")


@pytest.fixture(scope="module")
def three_site(three_data) -> Path:
    site = three_data.parent / "site"
    result = build_site(site, three_data)
    assert result.returncode == 0, result.stderr
    return site


def test_the_site_suites_pass_with_a_third_framework(three_data):
    env = {name: value for name, value in os.environ.items() if not name.startswith("FVX_") or name == "FVX_CHROMIUM"}
    env.update(FVX_DATA_DIR=str(three_data.parent), NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *SITE_SUITES],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=1200)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert re.search(r"\d+ passed", result.stdout)


SITE_PATH = urlsplit(yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\ntheme:")[0])["site_url"]).path


def test_every_internal_link_of_the_three_framework_site_resolves(three_site):
    broken = []
    pages = list(three_site.rglob("*.html"))
    ids: dict[Path, set[str]] = {}
    for page_file in pages:
        for tag, attrs in parse(page_file).tags:
            if tag != "a" or "href" not in attrs:
                continue
            parts = urlsplit(attrs["href"])
            if parts.scheme or parts.netloc or attrs["href"].startswith(("mailto:", "//")):
                continue
            path = unquote(parts.path)
            if path.startswith("/"):  # 404.html links from the published root (site_url's path)
                if not path.startswith(SITE_PATH):
                    broken.append(f"{page_file.relative_to(three_site)}: {attrs['href']} (outside the site)")
                    continue
                target = (three_site / path[len(SITE_PATH):]).resolve()
            else:
                target = (page_file.parent / path).resolve() if path else page_file
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page_file.relative_to(three_site)}: {attrs['href']}")
                continue
            if parts.fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = {a["id"] for _, a in parse(target).tags if "id" in a}
                if parts.fragment not in ids[target]:
                    broken.append(f"{page_file.relative_to(three_site)}: {attrs['href']} (no such anchor)")
    assert len(pages) > 20 and not broken, "\n".join(broken[:30])


def test_titles_and_intros_name_the_three_frameworks(three_site):
    home = parse(three_site / "index.html")
    titles = [a for t, a in home.tags if t == "title"]
    assert titles is not None
    source = (three_site / "index.html").read_text(encoding="utf-8")
    assert "<title>Flask vs Express vs FastAPI</title>" in source
    assert "Flask vs Express vs FastAPI" in home.text.split("Choose")[0]
    assert "Flask (Python), Express (JavaScript) and FastAPI (Python)" in home.text or \
        f"and FastAPI ({THIRD['language']})" in home.text
    assert "choosing between Flask, Express and FastAPI" in parse(three_site / "faq/index.html").text
    assert "other Flask vs Express vs FastAPI comparisons" in parse(three_site / "claims-checked/index.html").text


def test_either_fits_only_claims_what_the_use_cases_say(three_site):
    text = parse(three_site / "index.html").text
    assert "Either fits" not in text and "Any of them fits" not in text  # no use case fits all three
    assert "Flask or Express fit:" in text
    assert "Choose FastAPI when: A typed async API" in text
    use_cases = parse(three_site / "use-cases/index.html").text
    assert "Fits: Flask, Express · Not the best choice: FastAPI" in use_cases.replace(" ,", ",")


def test_cookbook_and_benchmark_pages_say_the_third_framework_is_not_covered(three_site):
    for page in ["cookbook/index.html", "cookbook/hello-world/index.html", "benchmarks/index.html"]:
        text = parse(three_site / page).text
        assert "FastAPI is not covered yet" in text, page


def test_the_real_site_has_no_coverage_note_when_everything_is_covered(built_site):
    for page in ["cookbook/index.html", "benchmarks/index.html"]:
        assert "not covered yet" not in parse(built_site / page).text, page


# Where page text and titles come from: none of it may name a framework; names come from the data.
PAGE_SOURCES = ["docs", "overrides", "comparison_site/render", "comparison_site/cookbook/render.py",
                "comparison_site/site_hooks.py", "comparison_site/__init__.py"]
# Pages about editing the data show framework ids in their examples; that is data, not page text.
EXAMPLE_PAGES = {"contributing.md", "contributing-cookbook.md"}


def _code_strings(path: Path) -> list[str]:
    """String literals of a Python file, without docstrings and comments."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
                  and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def test_no_page_source_names_a_framework():
    names = {f.name for f in load_comparison(ROOT / "data/comparison.yaml").frameworks}
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b")
    found = []
    for entry in PAGE_SOURCES:
        root = ROOT / entry
        for path in sorted([root] if root.is_file() else root.rglob("*")):
            if path.suffix == ".py":
                texts = _code_strings(path)
            elif path.suffix in (".md", ".html") and path.name not in EXAMPLE_PAGES:
                texts = [re.sub(r"\{#.*?#\}", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)]
            else:
                continue
            found += [f"{path.relative_to(ROOT)}: {match}" for text in texts for match in pattern.findall(text)]
    for config in ROOT.glob("mkdocs*.yml"):
        for line in config.read_text(encoding="utf-8").splitlines():
            value = line.split("#", 1)[0]
            if pattern.search(value) and not value.strip().startswith(("site_url", "repo_url", "repo_name")):
                found.append(f"{config.name}: {line.strip()}")
    assert not found, "framework names typed into page sources:\n" + "\n".join(found)
