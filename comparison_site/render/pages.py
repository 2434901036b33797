"""Where each generated page lives, so links between pages are built in one place."""

from __future__ import annotations

HOME = "index.md"
COMPARISON = "comparison.md"
USE_CASES = "use-cases.md"
FAQ = "faq.md"
CLAIMS = "claims-checked.md"
SOURCES = "sources.md"
BENCHMARKS = "benchmarks.md"


def framework_page(framework_id: str) -> str:
    """Framework pages sit at the top level (flask.md, express.md), one per framework in the data."""
    return f"{framework_id}.md"


def category_anchor(category_id: str) -> str:
    return f"category-{category_id}"


COOKBOOK_INDEX = "cookbook/index.md"


def cookbook_task_page(task_id: str) -> str:
    return f"cookbook/{task_id}.md"
