"""Build-time benchmark (`make bench-build`): prints figures, asserts nothing.

Measures, side by side in one run and alternating the variants so machine drift affects all:
  1. the strict build of the whole site;
  2. MkDocs building the same pages as plain Markdown (the generator's output, no macros):
     the ratio 1/2 is the generator's overhead (aim: within 1.3x);
  3. the strict build with synthetic data 10 times larger (aim: growth no worse than linear).
Then prints the first-load weight of every page (HTML plus the CSS and JS it references).
"""

from __future__ import annotations

import copy
import gzip
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from comparison_site.cookbook import load_tasks
from comparison_site.load import DEFAULT_DATA, load_comparison
from tests.third_framework import write_yaml

MKDOCS = Path(sys.executable).parent / "mkdocs"
RUNS = int(os.environ.get("BENCH_RUNS", "3"))


def build(config: Path, destination: Path, env_extra: dict | None = None) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env_extra or {}))
    started = time.perf_counter()
    result = subprocess.run([str(MKDOCS), "build", "--strict", "-q", "-f", str(config), "-d", str(destination)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"build failed ({config}):\n{result.stderr[-3000:]}")
    return elapsed


def plain_markdown_config(work: Path) -> Path:
    """A config that builds the generator's Markdown output directly: no macros, no hooks."""
    dump = work / "dump"
    build(ROOT / "mkdocs.yml", work / "dump-site", {"FVX_DUMP_MARKDOWN": str(dump)})
    docs = work / "docs"
    shutil.copytree(ROOT / "docs", docs)
    shutil.copytree(dump, docs, dirs_exist_ok=True)
    data = load_comparison(DEFAULT_DATA)
    book = load_tasks()
    nav_sections = {
        "Frameworks": [{f.name: f"{f.id}.md"} for f in data.frameworks],
        "Cookbook": [{"Overview": "cookbook/index.md"}] + [{t.title: f"cookbook/{t.id}.md"} for t in book.tasks],
    }
    yaml = YAML(typ="safe", pure=True)
    nav = [item for item in yaml.load(_nav_block())]
    nav = [{k: nav_sections.get(k, v) for k, v in item.items()} if isinstance(item, dict) else item for item in nav]
    # INHERIT keeps every other setting; plugins and hooks are replaced, dropping macros.
    config = {"INHERIT": str(ROOT / "mkdocs.yml"), "docs_dir": str(docs), "plugins": ["search"], "hooks": [],
              "theme": {"name": "material", "custom_dir": str(ROOT / "overrides")},
              "watch": [], "nav": nav}
    path = work / "mkdocs.plain.yml"
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(config, handle)
    return path


def _nav_block() -> str:
    """The nav section of mkdocs.yml, read as text (the file also holds MkDocs-only YAML tags)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = re.search(r"^nav:\n((?:[ ]+.*\n)+)", text, re.M)
    return block.group(1)


def tenfold_data(work: Path) -> Path:
    """Synthetic data 10x larger: every list entry repeated with suffixed ids."""
    data = copy.deepcopy(load_comparison(DEFAULT_DATA).raw)

    def grow(items: list) -> list:
        return [dict(copy.deepcopy(item), id=f"{item['id']}-{n}" if n else item["id"]) for n in range(10) for item in items]

    for key in ("criteria", "use_cases", "faq", "claims"):
        data[key] = grow(data[key])
    for lists in data["pros_and_cons"].values():
        lists["pros"], lists["cons"] = grow(lists["pros"]), grow(lists["cons"])
    return write_yaml(data, work / "comparison-10x.yaml")


def page_weights(site: Path) -> list[tuple[str, int, int]]:
    """First-load bytes of each page, raw and gzip-compressed (as a server would send them): its
    HTML, the local CSS and JS it references, and the search index the search worker fetches."""
    search_index = site / "search" / "search_index.json"
    weights = []
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        files = [page] + ([search_index] if search_index.exists() else [])
        for reference in set(re.findall(r'(?:src|href)="([^"#?]+\.(?:css|js))', html)):
            asset = (page.parent / reference).resolve()
            if asset.is_file():
                files.append(asset)
        contents = [f.read_bytes() for f in files]
        weights.append((str(page.relative_to(site)), sum(map(len, contents)),
                        sum(len(gzip.compress(c)) for c in contents)))
    return weights


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        plain = plain_markdown_config(work)
        big = tenfold_data(work)
        times: dict[str, list[float]] = {"site": [], "plain": [], "tenfold": []}
        for _ in range(RUNS):
            times["site"].append(build(ROOT / "mkdocs.yml", work / "site"))
            times["plain"].append(build(plain, work / "plain"))
            times["tenfold"].append(build(ROOT / "mkdocs.yml", work / "big", {"FVX_COMPARISON_DATA": str(big)}))
        median = {name: statistics.median(values) for name, values in times.items()}
        spread = {name: max(values) - min(values) for name, values in times.items()}
        print(f"Build times, median of {RUNS} alternating runs (spread in brackets):")
        print(f"  site, strict build:              {median['site']:.2f} s ({spread['site']:.2f})")
        print(f"  same pages as plain Markdown:    {median['plain']:.2f} s ({spread['plain']:.2f})")
        print(f"  site with 10x synthetic data:    {median['tenfold']:.2f} s ({spread['tenfold']:.2f})")
        print(f"  generator overhead (site/plain): {median['site'] / median['plain']:.2f}x (aim: within 1.3x)")
        growth = median["tenfold"] / median["site"]
        print(f"  growth for 10x data:             {growth:.2f}x (linear would be 10x or less)")
        weights = page_weights(work / "site")
        print("First-load weight per page: HTML + referenced CSS/JS + search index (aim: under 250 KiB sent)")
        print("      raw   gzipped  page")
        for page, raw, compressed in sorted(weights, key=lambda w: -w[1]):
            print(f"  {raw / 1024:7.1f} {compressed / 1024:7.1f} KiB  {page}")


if __name__ == "__main__":
    main()
