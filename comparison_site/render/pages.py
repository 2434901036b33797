"""Where each generated page lives, so links between pages are built in one place."""

from __future__ import annotations

import posixpath

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


def category_page(category_id: str) -> str:
    """The comparison is one page per category (comparison/<id>.md) beside the overview (comparison.md)."""
    return f"comparison/{category_id}.md"


def criterion_target(criterion) -> str:
    """A criterion's detail: its category's page, at its anchor."""
    return f"{category_page(criterion.category)}#{criterion.id}"


def relative(target: str, from_page: str) -> str:
    """`target` (docs-relative, optionally with #anchor) as a Markdown link written on `from_page`:
    MkDocs resolves links from the folder of the page that contains them."""
    path, hash_, anchor = target.partition("#")
    if path == from_page and anchor:
        return "#" + anchor
    folder = posixpath.dirname(from_page)
    return (posixpath.relpath(path, folder or ".") if folder else path) + hash_ + anchor


COOKBOOK_INDEX = "cookbook/index.md"


def cookbook_task_page(task_id: str) -> str:
    return f"cookbook/{task_id}.md"


PORTING_GUIDE = "porting-guide.md"


def porting_topic_page(topic_id: str) -> str:
    """The porting guide is an overview (porting-guide.md) and one page per topic of data/guides.yaml."""
    return f"porting-guide/{topic_id}.md"


def crosswalk_row_target(guides, row_id: str) -> str:
    """A crosswalk row's detail: its topic's page, at its anchor."""
    return f"{porting_topic_page(guides.porting_topic_of(row_id).id)}#{row_id}"
