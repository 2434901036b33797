"""The sources page: every reference cited anywhere, with links back to where it is cited."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..inline import plain_text
from ..model import Comparison, Source
from ..safe_urls import markdown_link
from . import pages
from .markdown import link


@dataclass(frozen=True)
class Citation:
    source: Source
    label: str  # where it is cited, e.g. "Comparison › Request model (Flask)"
    target: str  # page and anchor, e.g. "comparison/architecture.md#request-model"


def citations(comparison: Comparison) -> list[Citation]:
    """Every (source, place) pair in data order."""
    found = []
    for f in comparison.frameworks:
        found += [Citation(s, f"{f.name} › Facts", pages.framework_page(f.id)) for s in f.sources]
    for c in comparison.criteria:
        for framework in comparison.frameworks:
            found += [Citation(s, f"Comparison › {c.title} ({framework.name})", pages.criterion_target(c))
                      for s in c.values[framework.id].sources]
    for p in comparison.points:
        name = comparison.framework(p.framework).name
        label = f"{name} › {p.kind.capitalize()}: {p.point}"
        found += [Citation(s, label, f"{pages.framework_page(p.framework)}#{p.id}") for s in p.sources]
    found += [Citation(s, f"Use cases › {u.scenario}", f"{pages.USE_CASES}#{u.id}")
              for u in comparison.use_cases for s in u.sources]
    found += [Citation(s, f"FAQ › {q.question}", f"{pages.FAQ}#{q.id}") for q in comparison.faq for s in q.sources]
    found += [Citation(s, f"Claims › {c.claim}", f"{pages.CLAIMS}#{c.id}") for c in comparison.claims for s in c.sources]
    return found


def cookbook_citations(book) -> list[Citation]:
    """Sources cited by the cookbook's task notes, pointing at each task's notes section."""
    return [Citation(source, f"Cookbook › {task.title}", f"{pages.cookbook_task_page(task.id)}#{task.id}-notes")
            for task in book.tasks for note in task.notes for source in note.sources]


def render_sources(comparison: Comparison, extra: list[Citation] = ()) -> str:
    """One entry per distinct URL, sorted by title, listing each place that cites it (the
    comparison data's citations, then `extra` ones such as the cookbook's)."""
    by_url: dict[str, list[Citation]] = defaultdict(list)
    for citation in [*citations(comparison), *extra]:
        by_url[citation.source.url].append(citation)
    entries = sorted(by_url.values(), key=lambda cs: (cs[0].source.title.lower(), cs[0].source.url))
    lines = [f"{len(entries)} distinct sources, cited {sum(map(len, entries))} times.", ""]
    for cited in entries:
        source = cited[0].source
        backlinks = ", ".join(link(plain_text(c.label), c.target) for c in cited)
        lines.append(f"- {markdown_link(plain_text(source.title), source.url)}  \n"
                     f"  Cited in: {backlinks}")
    return "\n".join(lines)
