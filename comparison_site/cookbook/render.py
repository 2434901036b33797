"""Markdown for the cookbook pages: one page per task (cookbook/<id>.md) and the index.

Pure functions from the model to Markdown, so they are unit-tested without a site build. Code is
never pasted: each code block holds a pymdownx.snippets include of the file the tests run. Data
text goes through safe_inline/plain_text, or into code spans, so it cannot inject markup.
"""

from __future__ import annotations

import json
import re

from ..inline import plain_text, safe_inline
from ..safe_urls import markdown_link
from .model import NOT_GIVEN, Expectation, Framework, Request, Step, Task, TaskBook

# Highlighting for companion files; each framework's own source files use its `language`.
LANGUAGES = {
    ".html": "html+jinja",
    ".njk": "html+jinja",
    ".css": "css",
    ".txt": "text",
    ".json": "json",
}
NOTE_LABELS = {"difference": "Difference", "caution": "Caution", "tip": "Tip"}
SNIPPET_MARKER = re.compile(r"-+8<-+")
# The repository URL comes from mkdocs.yml, not from data; still, only plain https URLs reach a command line.
_SAFE_REPO_URL = re.compile(r"https://[A-Za-z0-9.-]+(/[A-Za-z0-9._-]+)+/?")
INDENT = "    "  # content tabs need their content indented four spaces


def task_page_path(task_id: str) -> str:
    """Where the site puts a task's page (docs-relative)."""
    return f"cookbook/{task_id}.md"


def render_task_page(book: TaskBook, task_id: str, repo_url: str | None = None) -> str:
    """The whole Markdown page for one task, starting with its H1. `repo_url` (the site's
    repository) makes the "Get the code" section name the clone command."""
    task = book.get(task_id)
    parts = [
        f"# {plain_text(task.title)} {{ #{task.id} }}",
        safe_inline(task.summary),
        f"## Get the code {{ #{task.id}-get }}",
        render_get_the_code(book, repo_url),
        f"## The code {{ #{task.id}-code }}",
        render_code_pair(book, task),
        f"## Behaviour {_all_versions(len(book.frameworks))} share {{ #{task.id}-contract }}",
        render_contract_intro(book, task),
        render_contract_table(task),
        render_more_checks(book, task),
        f"## Differences that matter {{ #{task.id}-notes }}",
        render_notes(task),
    ]
    if task.related:
        parts += [f"## Related tasks {{ #{task.id}-related }}", render_related(book, task)]
    return "\n\n".join(parts) + "\n"


def render_cookbook_index(book: TaskBook, title: str | None = "Cookbook") -> str:
    """The index page: how to set up once, then a table linking every task page."""
    steps = sum(len(task.steps) for task in book.tasks)
    parts = [f"# {plain_text(title)} {{ #cookbook }}"] if title else []
    once_each = _join_words([f"once for {plain_text(framework.name)}" for framework in book.frameworks])
    parts.append(
        f"{len(book.tasks)} tasks, each written {once_each}. Every file shown "
        f"is a file the test suite runs: {_all_versions(len(book.frameworks))} of a task are started as real servers and must "
        f"give the same answers to the same requests ({steps} contract steps in all)."
    )
    parts.append("## Set up once { #cookbook-setup }")
    parts.append(render_setup_tabs(book))
    rows = ["| Task | What it shows | Steps |", "| --- | --- | ---: |"]
    for task in book.tasks:
        rows.append(f"| [{plain_text(task.title)}]({task.id}.md) | {safe_inline(task.summary)} | {len(task.steps)} |")
    parts.append("## Tasks { #cookbook-tasks }")
    parts.append("\n".join(rows))
    return "\n\n".join(parts) + "\n"


def render_setup_tabs(book: TaskBook) -> str:
    """One content tab per framework with the commands that install what its snippets need."""
    return "\n\n".join(_tab(framework.name, _fenced("bash", framework.setup)) for framework in book.frameworks)


def render_get_the_code(book: TaskBook, repo_url: str | None) -> str:
    """How a reader gets the files and runs them: clone, set up once, then the run lines."""
    parts = []
    if repo_url and _SAFE_REPO_URL.fullmatch(repo_url):
        folder = repo_url.rstrip("/").rsplit("/", 1)[-1]
        parts.append("Every file below is in the site's repository. Clone it:")
        parts.append(_fenced("bash", [f"git clone {repo_url}", f"cd {folder}"]))
    else:
        parts.append("Every file below is in the site's repository; clone it and work from its root.")
    parts.append("Then, once, install what the examples need (from the repository root):")
    parts.append(render_setup_tabs(book))
    parts.append(
        "Each version's *Run it* lines are typed into one shell, in order, from the repository root. "
        "Every app listens on the port in `PORT` and the address in `HOST` (127.0.0.1 when unset); "
        "without `PORT` it uses its usual default and prints where it listens. For example: "
        "`PORT=8080` before the last line. The test suite runs these lines exactly as written."
    )
    return "\n\n".join(parts)


def render_code_pair(book: TaskBook, task: Task) -> str:
    """The versions in content tabs, wrapped so that wide screens show them side by side
    (the CSS in docs/stylesheets/site.css turns the tabs into columns from 1200px)."""
    count = len(book.frameworks)
    return f'<div class="fvx-pair fvx-pair-{count}" markdown="1">\n\n{render_code_tabs(book, task)}\n\n</div>'


def render_code_tabs(book: TaskBook, task: Task) -> str:
    """One content tab per framework, each with its files (included, never pasted) and run commands."""
    blocks = []
    for framework in book.frameworks:
        implementation = task.implementation(framework.id)
        body = [_include_block(implementation.app, framework)]
        for path in implementation.files:
            body.append(_include_block(path, framework))
        body.append("Run it (one shell session, from the repository root):")
        body.append(_fenced("bash", implementation.run))
        body.append(f"Its test, `{implementation.test}`:")
        body.append(_include_block(implementation.test, framework))
        blocks.append(_tab(framework.name, "\n\n".join(body)))
    return "\n\n".join(blocks)


def render_contract_intro(book: TaskBook, task: Task) -> str:
    servers = ", ".join(f"{plain_text(framework.name)} under {plain_text(framework.served_by)}" for framework in book.frameworks)
    versions = _all_versions(len(book.frameworks))
    text = (
        f"The test suite starts each version as a real server ({servers}) and sends these requests "
        f"in order, keeping cookies between them; {versions} must give these answers."
    )
    if task.env:
        names = ", ".join(f"`{name}`" for name in sorted(task.env))
        text += f" The servers run with test values for {names}."
    if task.headers:
        sent = ", ".join(code(f"{name}: {value}") for name, value in task.headers.items())
        text += f" Every request also sends {sent}."
    if any("|tamper}" in text_ for step in task.steps for text_ in _request_texts(step.request)):
        text += " `{name|tamper}` is a saved value with its signature altered (same shape, wrong signature)."
    return text


def render_more_checks(book: TaskBook, task: Task) -> str:
    """What the suite checks beyond the table: the shared hostile-input contract, and the task's
    server checks and start-up failures."""
    versions = _all_versions(len(book.frameworks))
    items = [
        f"- **Bad input, checked for every task:** after the steps, the same servers get an unknown path, "
        f"path traversal, an unknown method, odd values for each query parameter and number in a path "
        f"(empty, `²`, `٣`, a NUL, 2,000 characters...) and, for each request with a body, malformed JSON, the "
        f"wrong content type or charset, a body labelled as compressed, a truncated multipart body and a 2 MiB "
        f"body. {versions.capitalize()} "
        f"must give each the same status, answer errors with "
        + ("an error page of their own" if task.errors == "page" else 'a JSON `{"error": ...}`')
        + " and never with a 5xx, a stack trace, a server path or the framework's default error page."
    ]
    items.append(
        "- **Port in use:** the run lines, run again while the port is taken, exit with a non-zero code and a message "
        "naming the port."
    )
    checks = task.server_checks
    if checks is not None:
        parts = [f"at least {checks.workers} worker processes answer `{checks.path}`"]
        if checks.restart_worker:
            parts.append("a killed worker is replaced")
        if checks.stop_on_sigterm:
            parts.append(f"`SIGTERM` stops the whole server with exit code 0 within {checks.stop_within:g} s")
        items.append("- **Processes:** " + _join_words(parts) + ".")
    for failure in task.start_failures:
        changes = ", ".join(
            f"`{name}` unset" if value is None else code(f"{name}={value}") for name, value in failure.env.items()
        )
        expected = ", ".join(code(text) for text in failure.output_contains)
        items.append(
            f"- **Refuses to start:** {plain_text(failure.description)} ({changes}): a non-zero exit within seconds, "
            f"printing {expected}."
        )
    return "\n".join(items)


def _request_texts(request: Request):
    yield request.path
    yield from (str(value) for value in request.headers.values())
    yield from (str(value) for value in request.query.values())


def render_contract_table(task: Task) -> str:
    rows = ["| # | Step | Request | Expected response |", "| ---: | --- | --- | --- |"]
    for number, step in enumerate(task.steps, start=1):
        rows.append(
            f"| {number} | {plain_text(step.description)} | {describe_request(step.request)} | {describe_expectation(step)} |"
        )
    return "\n".join(rows)


def describe_request(request: Request) -> str:
    """One table cell: method and URL, then headers and body, separated by <br>."""
    target = request.path
    if request.query:
        pairs = [
            f"{key}={_scalar(value)}"
            for key, values in request.query.items()
            for value in (values if isinstance(values, list) else [values])
        ]
        target += ("&" if "?" in target else "?") + "&".join(pairs)
    lines = [code(f"{request.method} {target}")]
    lines += [code(f"{name}: {value}") for name, value in request.headers.items()]
    if request.json is not NOT_GIVEN:
        lines.append("JSON " + code(_json(request.json)))
    elif request.form is not None:
        lines.append("form " + code("&".join(f"{k}={v}" for k, v in request.form.items())))
    elif request.is_multipart:
        for name, value in (request.multipart_fields or {}).items():
            lines.append(f"multipart field {code(name)} = {code(value)}")
        for name, part in (request.multipart_files or {}).items():
            size = len(part.content.encode()) * part.repeat
            lines.append(f"multipart file {code(name)}: {code(part.filename)} ({code(part.content_type)}, {size:,} bytes)")
    elif request.body is not None:
        lines.append("raw body " + code(request.body))
    if not request.use_cookie_jar:
        lines.append("*without the cookie jar*")
    if request.tamper_cookie is not None:
        lines.append(f"*the cookie jar, with the signature of {code(request.tamper_cookie)} broken*")
    if request.delay:
        lines.append(f"*sent after waiting {request.delay:g} s*")
    return "<br>".join(lines)


def describe_expectation(step: Step) -> str:
    expect: Expectation = step.expect
    lines = [f"**{expect.status}**"]
    lines += [f"{code(name)} is {code(value)}" for name, value in expect.headers.items()]
    lines += [f"{code(name)} contains {code(value)}" for name, value in expect.headers_contain.items()]
    lines += [f"{code(name)} matches {code(value)}" for name, value in expect.headers_match.items()]
    lines += [f"no {code(name)} header" for name in expect.headers_absent]
    if expect.json is not NOT_GIVEN:
        lines.append("JSON " + code(_json(expect.json)))
    if expect.json_subset is not NOT_GIVEN:
        lines.append("JSON including " + code(_json(expect.json_subset)))
    lines += [f"body contains {code(text)}" for text in expect.body_contains]
    lines += [f"body does not contain {code(text)}" for text in expect.body_excludes]
    for name, flags in expect.cookies.items():
        wanted = [label for label, on in (("Secure", flags.secure), ("HttpOnly", flags.http_only)) if on]
        wanted += [f"not {label}" for label, on in (("Secure", flags.secure), ("HttpOnly", flags.http_only)) if on is False]
        if flags.same_site:
            wanted.append(f"SameSite={flags.same_site}")
        lines.append(f"sets cookie {code(name)}: {', '.join(wanted)}")
    if expect.incremental is not None:
        lines.append(
            f"the body arrives in at least {expect.incremental.min_pieces} pieces over at least "
            f"{expect.incremental.min_seconds:g} s (streamed, not buffered)"
        )
    for name, capture in step.capture.items():
        source = f"JSON {code(capture.json_path)}" if capture.json_path else f"header {code(capture.header)}"
        lines.append(f"saves {source} as {code('{' + name + '}')}")
    return "<br>".join(lines)


def render_notes(task: Task) -> str:
    items = []
    for note in task.notes:
        text = f"- **{NOTE_LABELS[note.kind]}:** {safe_inline(note.text)}"
        if note.sources:
            links = ", ".join(markdown_link(plain_text(source.title), source.url) for source in note.sources)
            text += f" Sources: {links}."
        items.append(text)
    return "\n".join(items)


def render_related(book: TaskBook, task: Task) -> str:
    return "\n".join(f"- [{plain_text(book.get(other).title)}]({other}.md)" for other in task.related)


def code(text: str) -> str:
    """`text` as an inline code span that shows it literally, whatever backticks it holds.

    Line breaks are shown as \\n so a value stays on its table row. Pipes need no escaping:
    Python-Markdown's tables do not split cells inside code spans.
    """
    text = str(text)
    if "\n" in text or "\r" in text:
        text = json.dumps(text, ensure_ascii=False)[1:-1]
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    padding = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{padding}{text}{padding}{fence}"


def _include_block(path: str, framework: Framework) -> str:
    """A fenced block whose only content is a snippets include, so the page shows the real file."""
    suffix = path[path.rfind(".") :] if "." in path.rsplit("/", 1)[-1] else ""
    language = framework.language if suffix == framework.app_suffix else LANGUAGES.get(suffix, "text")
    return f'```{language} title="{path}"\n--8<-- "{path}"\n```'


def _fenced(language: str, lines) -> str:
    for line in lines:
        if SNIPPET_MARKER.search(line):
            # pymdownx.snippets would treat the line as an include, even inside a code block.
            raise ValueError(f"command {line!r} contains a snippet marker (--8<--)")
    content = "\n".join(lines)
    longest = max((len(run) for run in re.findall(r"`{3,}", content)), default=2)
    fence = "`" * (longest + 1)
    return f"{fence}{language}\n{content}\n{fence}"


def _tab(label: str, content: str) -> str:
    """A pymdownx.tabbed content tab (the schema keeps double quotes out of framework names)."""
    return f'=== "{plain_text(label)}"\n\n' + _indent(content)


def _all_versions(count: int) -> str:
    return "both versions" if count == 2 else f"all {count} versions"


def _join_words(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _indent(text: str) -> str:
    return "\n".join(INDENT + line if line.strip() else "" for line in text.split("\n"))


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def _scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
