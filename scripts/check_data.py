"""`make check-data`: the fast check for a pull request that changes only data files.

Runs, in order, stopping at the first failure: every data file's validation (`make validate`), the
content rules (comparison_site/content_rules.py: minimum pros and cons, key factors, checked
verdicts...), the moved-pages check (no citation of a page listed in data/moved-urls.yaml), YAML lint
of the data, and a strict build of the whole site into a temporary folder
(removed afterwards). Prints how long each step and the whole check took. Browser, PDF, cookbook
server and benchmark tests are left to `make check` and CI: a data change cannot break them
without also failing one of these steps or the schema.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
STEP_TIMEOUT = 300  # seconds; a step that takes longer is stuck, not slow


def content_rules() -> int:
    """Print every content rule the site's data breaks; 0 when none."""
    sys.path.insert(0, str(ROOT))
    from comparison_site.content_rules import content_problems
    from comparison_site.site_context import comparison_for_site, data_path

    try:
        problems = content_problems(comparison_for_site())
    except Exception as error:  # the data is broken (MkDocs' PluginError wraps the DataError)
        print(error, file=sys.stderr)
        return 1
    for problem in problems:
        print(f"{data_path()}: content rule {problem}", file=sys.stderr)
    if problems:
        print("hint: the data reference page lists each rule and why it exists (docs/data-reference.md)", file=sys.stderr)
    else:
        print("content rules: OK")
    return 1 if problems else 0


def moved_pages() -> int:
    """Print every citation of a page known to have moved or been removed (data/moved-urls.yaml)."""
    sys.path.insert(0, str(ROOT))
    from comparison_site.moved_urls import DEFAULT_RULES, load_rules, moved_url_problems
    from comparison_site.yaml_source import load_yaml_document

    rules = load_rules()
    problems = [problem for path in sorted((ROOT / "data").glob("*.yaml")) if path != DEFAULT_RULES
                for problem in moved_url_problems(load_yaml_document(path, f"data/{path.name}"), rules)]
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print("moved pages: OK (no data file cites a page listed in data/moved-urls.yaml)")
    return 1 if problems else 0


IN_PROCESS = {"content rules": content_rules, "moved pages": moved_pages}


def steps(site_dir: Path) -> list[tuple[str, list[str] | None]]:
    return [
        ("validate", [sys.executable, "-m", "comparison_site", "validate"]),
        ("content rules", None),  # in this process: see IN_PROCESS
        ("moved pages", None),
        ("YAML lint", [str(BIN / "yamllint"), "--strict", "data"]),
        ("strict build", [str(BIN / "mkdocs"), "build", "--strict", "--quiet", "-d", str(site_dir)]),
    ]


def main() -> int:
    started = time.monotonic()
    timings = []
    status = 0
    site_dir = Path(tempfile.mkdtemp(prefix="fvx-check-data-"))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    try:
        for name, command in steps(site_dir / "site"):
            step_started = time.monotonic()
            print(f"--- {name}", flush=True)
            if command is None:
                status = IN_PROCESS[name]()
            else:
                try:
                    status = subprocess.run(command, cwd=ROOT, env=env, timeout=STEP_TIMEOUT).returncode
                except subprocess.TimeoutExpired:
                    print(f"{name} took longer than {STEP_TIMEOUT} s and was stopped", file=sys.stderr)
                    status = 1
            timings.append(f"{name} {time.monotonic() - step_started:.1f} s")
            if status != 0:
                break
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)
    total = time.monotonic() - started
    verdict = "passed" if status == 0 else f"FAILED at {name}"
    print(f"check-data {verdict} in {total:.1f} s ({', '.join(timings)})")
    return status


if __name__ == "__main__":
    sys.exit(main())
