"""Print how long the data guards take to refuse hostile input (issue: "refused ... within a second").

Figures, not a test: `python scripts/bench_data_policy.py`. Each case is run 20 times; the median and
the slowest are printed in milliseconds.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from comparison_site.cookbook import DEFAULT_SCHEMA, load_tasks  # noqa: E402
from comparison_site.errors import DataError  # noqa: E402
from comparison_site.site_data import load_site_data  # noqa: E402
from comparison_site.yaml_source import parse_yaml_text  # noqa: E402

BOMB = "".join(f"l{n}: &l{n} [" + ", ".join([f"*l{n - 1}"] * 9) + "]\n" for n in range(1, 10)).replace("*l0", "lol")


def timed(action, runs: int = 20) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        try:
            action()
        except DataError:
            pass
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times)


def symlinked_task(folder: Path):
    """A copy of the real tasks file whose first Flask app is a symlink to a secret."""
    text = (ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8")
    (folder / "data").mkdir()
    first_app = next(line.split("app:", 1)[1].strip() for line in text.splitlines() if "app: snippets/flask/" in line)
    (folder / "data" / "tasks.yaml").write_text(text.replace(first_app, "snippets/flask/leak.py", 1), encoding="utf-8")
    shutil.copytree(ROOT / "snippets" / "flask", folder / "snippets" / "flask", symlinks=True,
                    ignore=shutil.ignore_patterns("__pycache__", ".venv"))
    shutil.copytree(ROOT / "snippets" / "express", folder / "snippets" / "express", symlinks=True,
                    ignore=shutil.ignore_patterns("node_modules"))
    (folder / "snippets" / "flask" / "leak.py").symlink_to("/proc/self/environ")
    return lambda: load_tasks(folder / "data" / "tasks.yaml", DEFAULT_SCHEMA, root=folder)


def fresh_load():
    """load_site_data without its caches, as a first build or `make validate` runs it."""
    from comparison_site import load, site_data

    site_data._cache.clear()
    load._cache.clear()
    load_site_data()


def main() -> None:
    cases = {
        "alias bomb (9 levels of 9 aliases)": lambda: parse_yaml_text(BOMB, "bomb.yaml"),
        "recursive alias": lambda: parse_yaml_text("a: &a [*a]\n", "loop.yaml"),
        "nesting 10,000 deep": lambda: parse_yaml_text("a: " + "[" * 10000 + "]" * 10000 + "\n", "deep.yaml"),
        "explicit python tag": lambda: parse_yaml_text("a: !!python/object/apply:os.system [x]\n", "tag.yaml"),
        "NUL byte": lambda: parse_yaml_text("a: b\x00c\n", "nul.yaml"),
    }
    with tempfile.TemporaryDirectory() as folder:
        cases["task naming a symlink (real tasks.yaml)"] = symlinked_task(Path(folder))
        cases["every data file, valid (load_site_data)"] = fresh_load
        print(f"{'case':<44} {'median ms':>10} {'max ms':>8}")
        for name, action in cases.items():
            median, slowest = timed(action, 5 if "every data file" in name else 20)
            print(f"{name:<44} {median:>10.1f} {slowest:>8.1f}")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "comparison_site", "validate"], cwd=ROOT, capture_output=True,
                   env=dict(os.environ), check=False)
    print(f"{'`python -m comparison_site validate` (process)':<44} {(time.perf_counter() - started) * 1000:>10.1f}")


if __name__ == "__main__":
    main()
