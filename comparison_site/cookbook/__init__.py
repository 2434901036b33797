"""The runnable cookbook: task data (data/tasks.yaml), its loader, the HTTP contract harness and
the page renderer. The site calls render_task_page and render_cookbook_index; the tests call
load_tasks and contract.run_contract.
"""

from __future__ import annotations

from .load import DEFAULT_SCHEMA, DEFAULT_TASKS, load_tasks
from .model import TaskBook
from .render import render_cookbook_index as _render_cookbook_index
from .render import render_task_page as _render_task_page
from .render import task_page_path

__all__ = [
    "load_tasks",
    "render_task_page",
    "render_cookbook_index",
    "task_page_path",
    "TaskBook",
    "DEFAULT_TASKS",
    "DEFAULT_SCHEMA",
]


def render_task_page(book: TaskBook, task_id: str, repo_url: str | None = None) -> str:
    """Markdown for cookbook/<task_id>.md, H1 included; `repo_url` names the clone command."""
    return _render_task_page(book, task_id, repo_url)


def render_cookbook_index(book: TaskBook, title: str | None = "Cookbook") -> str:
    """Markdown for the cookbook index, linking each task page as <task-id>.md."""
    return _render_cookbook_index(book, title)
