"""Hostile pull requests, generated from the schemas: every string field of every data file gets
every payload, and nothing active may reach a page, the search index or the published data.

For each payload (markup and event handlers, attribute lists, javascript:/data: links and URLs,
entity-encoded tags, Jinja, snippet includes, bidirectional controls):

1. every string field that any data schema allows (tests/schema_fields.py walks data/*.schema.json,
   so fields and data files added later are covered without editing this test) gets the payload,
   in every place it occurs in the real data, or added to its parent when the data never uses it;
2. the data goes through `load_site_data`, the one function `make validate` and the build share.
   A field whose payload is refused must be refused with a located problem (file:line:column);
   refused fields are taken out and the rest checked again until the data is accepted;
3. the site is built from the accepted hostile data (one strict build per payload, all fields at
   once), and every page, the search index and every published data file is scanned.

Run time: one build per payload that some field accepts plus one of the real data (about 8 s each
on an idle 2-core machine), and a few validation rounds per payload (1 to 3 s each); the module
prints its timings. Measured: 315 string fields in 6 data files, 10 payloads, 7.5 minutes with the
machine's load average at 5 to 8 (two cores shared with other jobs).
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from comparison_site import yaml_policy
from comparison_site.errors import DataError
from comparison_site.site_data import data_files, load_site_data

from .conftest import MKDOCS, ROOT
from .html_scan import parse
from .schema_fields import KEY, field_name, get, instances, put, string_fields

# `{n}` numbers the field, so a finding names the field it came from.
PAYLOADS = {
    "markup": ('<script>alert("F{n}")</script><img src=x onerror=alert({n})><svg onload=alert({n})>'
               '*e*{{: onclick="alert({n})"}} &lt;script&gt;F{n}&lt;/script&gt; &#60;b onclick=alert({n})&#62;'),
    "jinja": "F{n} {{{{ 7*191 }}}}Q {{% if true %}}JINJA{{% endif %}} {{{{ config.site_name }}}}",
    "links": ("[F{n}](javascript:alert({n})) [d{n}](data:text/html;base64,PHNjcmlwdD4=) "
              "<javascript:alert({n})> [ok](https://example.org/){{: onclick=alert({n})}}"),
    # Closes a surrounding code span, quoted attribute or fenced block, then tries markup.
    "breakout": '` [F{n}](javascript:alert({n})) x" onmouseover="alert({n})" **b**{{: onclick="alert({n})"}} `',
    "fence": "F{n}\n```\n</code></pre><img src=x onerror=alert({n})>\n```\n~~~\n[x](javascript:alert({n}))\n",
    "url-scheme": "javascript:alert('F{n}')",
    "url-breakout": 'https://example.org/F{n}){{: onclick="alert({n})"}}"onmouseover="alert({n})',
    "snippet": 'F{n} --8<-- "mkdocs.yml"',
    "snippet-line": 'F{n}\n--8<-- "mkdocs.yml"\n',
    "bidi": "F{n} \u202eevil\u202c \u2066x\u2069",
}
MAX_ROUNDS = 80
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
ACTIVE_SCHEMES = re.compile(r"^\s*(javascript|data|vbscript|file):", re.IGNORECASE)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset", "background",
                  "cite", "longdesc", "manifest"}
EMBEDDING_TAGS = {"iframe", "object", "embed", "frame", "base", "applet"}
BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
TAG_LIKE = re.compile(r"<[A-Za-z/!?]")


@dataclass
class Field:
    number: int
    file: str  # data file name, e.g. "comparison"
    pattern: tuple
    paths: list = field(default_factory=list)  # where it occurs in the (possibly extended) data


@dataclass
class Outcome:
    payload: str
    accepted: list = field(default_factory=list)
    refusals: dict = field(default_factory=dict)  # field number -> first problem text
    unlocated: list = field(default_factory=list)
    findings: list = field(default_factory=list)
    markers_shown: set = field(default_factory=set)
    build_seconds: float = 0.0
    rounds: int = 0


def _base_data() -> dict[str, object]:
    return {f.name: yaml.safe_load(f.path.read_text(encoding="utf-8")) for f in data_files()}


def _fields(base: dict[str, object]) -> tuple[list[Field], list[str]]:
    """Every string field of every schema with the paths it occurs at; optional fields the data
    never uses are added to the first parent that can hold them. Returns (fields, uncovered)."""
    fields, uncovered = [], []
    for file in data_files():
        schema = json.loads(file.schema.read_text(encoding="utf-8"))
        for pattern in string_fields(schema):
            paths = list(instances(base[file.name], pattern))
            if not paths and pattern and pattern[-1] != KEY and not str(pattern[-1]).startswith("{"):
                parents = [p for p in instances(base[file.name], pattern[:-1]) if isinstance(get(base[file.name], p), dict)]
                if parents:  # poisoning then adds the field to this parent
                    paths = [parents[0] + (pattern[-1],)]
            if paths:
                fields.append(Field(len(fields) + 1, file.name, pattern, paths))
            else:
                uncovered.append(f"{file.name}: {field_name(pattern)}")
    return fields, uncovered


def _line_index(text: str) -> dict[tuple, int]:
    """Data path -> line of its key (mappings) or item (lists), from PyYAML's own composer."""
    lines: dict[tuple, int] = {}

    def walk(node, path):
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                lines[path + (key.value,)] = key.start_mark.line + 1
                walk(value, path + (key.value,))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                lines[path + (index,)] = item.start_mark.line + 1
                walk(item, path + (index,))

    walk(yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)), ())
    return lines


def _write(folder: Path, data: dict[str, object]) -> dict[str, dict[tuple, int]]:
    folder.mkdir(parents=True, exist_ok=True)
    index = {}
    for name, value in data.items():
        text = yaml.dump(value, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=10**9)
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
        index[name] = _line_index(text)
        # Where each field's marker (F<n>) is written: found even under a renamed (poisoned) key.
        for number, line in ((int(m.group(1)), text.count("\n", 0, m.start()) + 1)
                             for m in re.finditer(r"F(\d+)(?!\d)", text)):
            index[name].setdefault(("marker", number), []).append(line)
    return index


def _poisoned(base, fields: list[Field], payload: str) -> dict[str, object]:
    data = copy.deepcopy(base)
    edits = [(item, path) for item in fields for path in item.paths]
    # Values first, then keys, deepest first: renaming a key must not break the paths under it.
    edits.sort(key=lambda edit: (KEY in edit[1], -len(edit[1])))
    for item, path in edits:
        put(data[item.file], path, payload.format(n=item.number))
    return data


def _instance_lines(item: Field, payload: str, index) -> list[int]:
    lines = []
    for path in item.paths:
        if len(path) >= 2 and path[-2] == KEY:
            # A renamed key can also be reported at its mapping (e.g. "missing required field").
            lines.append(index[item.file].get(tuple(path[:-2]), 1))
            path = path[:-2] + (payload.format(n=item.number),)
        line = index[item.file].get(tuple(path))
        if line:
            lines.append(line)
    return lines + index[item.file].get(("marker", item.number), [])


def _attribute(problem, candidates: list[Field], payload: str, index) -> list[Field]:
    """The poisoned field(s) a problem is about: the one on its line, else the nearest above it.
    A YAML-policy problem is about the text itself, so it concerns every field on its line (a
    poisoned key and its poisoned value)."""
    name = Path(problem.file).name.removesuffix(".yaml")
    best, best_line, on_line = None, 0, []
    for item in candidates:
        if item.file != name:
            continue
        for line in _instance_lines(item, payload, index):
            if line == problem.line:
                on_line.append(item)
                break
            if best_line < line < problem.line:
                best, best_line = item, line
    if on_line:
        return on_line if problem.path == yaml_policy.POLICY else on_line[:1]
    return [best] if best else []


def _scan_html(where: str, html_text: str, findings: list[str]) -> None:
    from .html_scan import Page

    page = Page()
    page.feed(html_text)
    for tag, attrs in page.tags:
        for name, value in attrs.items():
            if name.startswith("on"):
                findings.append(f"{where}: event handler {name}= on <{tag}>")
            if name in URL_ATTRIBUTES and ACTIVE_SCHEMES.match(value or ""):
                findings.append(f"{where}: <{tag} {name}={value[:60]!r}>")
        if tag in EMBEDDING_TAGS:
            findings.append(f"{where}: <{tag}> element")
        if tag == "img" and attrs.get("src") == "x":
            findings.append(f"{where}: injected <img>")
    for script in page.scripts:
        if "alert(" in script:
            findings.append(f"{where}: script containing alert(")
    text = "".join(page.text_parts)  # unspaced: highlighted code is split into many spans
    for match in re.finditer(r"1337Q|(?<!\})JINJA", text):
        findings.append(f"{where}: Jinja from the data was evaluated: ...{text[max(0, match.start() - 60):match.end()]}")
    if BIDI.search(html_text):
        findings.append(f"{where}: bidirectional control character")


def theme_baseline(clean_site: Path, clean_findings: list[str]) -> set[str]:
    """What the theme's own markup shows in a site built from the real data: each finding as it
    was found, plus each finding on every page alike ("*: message", e.g. the search dialog's
    share link), which a page named after the data (a porting-guide topic) shows too."""
    pages = {str(p.relative_to(clean_site)) for p in clean_site.rglob("*.html")}
    found_on: dict[str, set[str]] = {}
    for finding in clean_findings:
        where, _, message = finding.partition(": ")
        found_on.setdefault(message, set()).add(where)
    return set(clean_findings) | {f"*: {message}" for message, wheres in found_on.items() if pages <= wheres}


def _scan_site(site: Path, outcome: Outcome, baseline: set[str] = frozenset()) -> None:
    """Scan a built site; findings also in `baseline` (theme_baseline: the site built from the real
    data, i.e. the theme's own markup) are not the data's doing and are left out."""
    markers = re.compile(r"\bF(\d+)\b")
    for page_file in site.rglob("*.html"):
        source = page_file.read_text(encoding="utf-8")
        where = str(page_file.relative_to(site))
        _scan_html(where, source, outcome.findings)
        if "site_name:" in source:
            findings = outcome.findings
            findings.append(f"{where}: a snippet include from the data copied mkdocs.yml into the page")
        outcome.markers_shown |= {int(n) for n in markers.findall(parse(page_file).text)}
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        for key in ("title", "text"):
            _scan_html(f"search index {doc.get('location')} {key}", doc.get(key, ""), outcome.findings)
    for published in (site / "data").rglob("*"):
        if published.is_file():
            text = published.read_text(encoding="utf-8", errors="replace")
            for match in TAG_LIKE.finditer(text):
                outcome.findings.append(f"published {published.relative_to(site)}: tag-like text "
                                        f"{text[match.start():match.start() + 30]!r}")
                break
            if BIDI.search(text) or "1337Q" in text:
                outcome.findings.append(f"published {published.relative_to(site)}: bidi control or evaluated Jinja")
    outcome.findings = [finding for finding in outcome.findings
                        if finding not in baseline and f"*: {finding.partition(': ')[2]}" not in baseline]


def _build(site: Path, data_dir: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", FVX_DATA_DIR=str(data_dir))
    env.pop("FVX_COMPARISON_DATA", None)
    return subprocess.run([str(MKDOCS), "build", "--strict", "-d", str(site)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)


def _run_payload(name: str, payload: str, base, fields: list[Field], work: Path, monkeypatch,
                 baseline: set[str]) -> Outcome:
    outcome = Outcome(name)
    candidates = list(fields)
    folder = work / name
    for outcome.rounds in range(1, MAX_ROUNDS + 1):
        index = _write(folder, _poisoned(base, candidates, payload))
        monkeypatch.setenv("FVX_DATA_DIR", str(folder))
        try:
            load_site_data()
            break
        except DataError as error:
            refused = set()
            for problem in error.problems:
                items = _attribute(problem, candidates, payload, index)
                if not items or problem.line < 1 or problem.column < 1:
                    outcome.unlocated.append(str(problem))
                    continue
                for item in items:
                    outcome.refusals.setdefault(item.number, str(problem))
                    refused.add(item.number)
            if not refused:
                pytest.fail(f"payload {name}: problems that name no poisoned field:\n{error}")
            candidates = [item for item in candidates if item.number not in refused]
    else:
        pytest.fail(f"payload {name}: still refused after {MAX_ROUNDS} rounds")
    outcome.accepted = candidates
    if candidates:
        site = work / f"site-{name}"
        started = time.monotonic()
        result = _build(site, folder)
        outcome.build_seconds = time.monotonic() - started
        assert result.returncode == 0, (
            f"payload {name}: `make validate` accepted the data but the build failed:\n{result.stderr[-4000:]}")
        _scan_site(site, outcome, baseline)
        shutil.rmtree(site)
    return outcome


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    started = time.monotonic()
    base = _base_data()
    # The real data must be valid to begin with, or every refusal below would mean nothing.
    load_site_data()
    fields, uncovered = _fields(base)
    work = tmp_path_factory.mktemp("hostile-data")
    outcomes = {}
    with pytest.MonkeyPatch.context() as monkeypatch:
        # Report every refusal at once (a contributor gets the first 20), so one round suffices.
        monkeypatch.setattr(yaml_policy, "MAX_PROBLEMS", 10**6)
        clean = Outcome("clean")
        _write(work / "clean", base)
        result = _build(work / "site-clean", work / "clean")
        assert result.returncode == 0, result.stderr[-4000:]
        _scan_site(work / "site-clean", clean)
        baseline = theme_baseline(work / "site-clean", clean.findings)
        shutil.rmtree(work / "site-clean")
        only = os.environ.get("FVX_HOSTILE_PAYLOADS")  # e.g. "jinja,links" while debugging
        for name, payload in PAYLOADS.items():
            if only and name not in only.split(","):
                continue
            outcomes[name] = _run_payload(name, payload, base, fields, work, monkeypatch, baseline)
    total = time.monotonic() - started
    if os.environ.get("FVX_HOSTILE_REPORT"):  # for debugging: every finding and refusal, as JSON
        Path(os.environ["FVX_HOSTILE_REPORT"]).write_text(json.dumps(
            {name: {"findings": o.findings, "accepted": [field_name(f.pattern) for f in o.accepted]}
             for name, o in outcomes.items()}, indent=1), encoding="utf-8")
    print(f"\nhostile data: {len(fields)} string fields in {len(data_files())} data files, "
          f"{len(PAYLOADS)} payloads, {total:.1f} s in all")
    for outcome in outcomes.values():
        print(f"  {outcome.payload:<13} accepted by {len(outcome.accepted):>3} fields, refused by "
              f"{len(outcome.refusals):>3} ({outcome.rounds} validation rounds), build {outcome.build_seconds:.1f} s")
    return fields, uncovered, outcomes


def test_every_string_field_of_every_schema_gets_every_payload(hostile):
    fields, uncovered, outcomes = hostile
    assert {f.file for f in fields} >= {"comparison", "tasks", "benchmarks"}
    # Only fields inside structures the data never uses could not be placed; list them if any.
    assert len(uncovered) <= len(fields) // 5, uncovered
    for outcome in outcomes.values():
        assert len(outcome.accepted) + len(outcome.refusals) == len(fields), outcome.payload


def test_nothing_active_reaches_pages_search_index_or_published_data(hostile):
    _, _, outcomes = hostile
    findings = [f"{o.payload}: {finding}" for o in outcomes.values() for finding in o.findings]
    assert not findings, "\n".join(findings[:40])


def test_every_refusal_names_file_line_and_column(hostile):
    _, _, outcomes = hostile
    unlocated = [f"{o.payload}: {problem}" for o in outcomes.values() for problem in o.unlocated]
    assert not unlocated, "\n".join(unlocated[:20])
    for outcome in outcomes.values():
        for text in outcome.refusals.values():
            assert re.match(r"^\S+\.yaml:\d+:\d+: ", text), text


def test_snippet_includes_and_bidi_controls_are_refused_in_every_field(hostile):
    _, _, outcomes = hostile
    for name in ("snippet", "snippet-line", "bidi"):
        assert outcomes[name].accepted == [], [field_name(f.pattern) for f in outcomes[name].accepted]


def test_unsafe_urls_are_refused_in_every_url_field(hostile):
    fields, _, outcomes = hostile
    url_fields = {f.number for f in fields if f.pattern[-1] in ("url", "homepage", "repository")}
    assert url_fields
    for name in ("url-scheme", "url-breakout"):
        accepted = {f.number for f in outcomes[name].accepted}
        assert not url_fields & accepted, name


def test_payloads_reached_the_pages_from_every_data_file_that_has_pages(hostile):
    """The scan proves something only if hostile text was rendered: free-text fields of the
    comparison and of the cookbook must show up on pages, literally."""
    fields, _, outcomes = hostile
    shown = outcomes["markup"].markers_shown
    by_file = {f.number: f.file for f in fields}
    files_shown = {by_file[n] for n in shown if n in by_file}
    assert {"comparison", "tasks"} <= files_shown, files_shown


def test_the_scan_finds_active_content_when_there_is_some():
    """The scan must be able to fail: each kind of injection it looks for, in one page."""
    findings: list[str] = []
    _scan_html("page", '<img src=x onerror="alert(1)"><a href=" JavaScript:alert(1)">a</a><script>alert(1)</script>'
               '<p>1337Q JINJA</p><iframe src="/"></iframe><p>\u202eevil</p><form action="data:text/html,x"></form>',
               findings)
    kinds = ["event handler onerror", "<a href=", "script containing alert", "Jinja from the data", "<iframe>",
             "bidirectional", "<form action=", "injected <img>"]
    for kind in kinds:
        assert any(kind in finding for finding in findings), (kind, findings)
    clean: list[str] = []
    _scan_html("page", "<p>&lt;script&gt;alert(1)&lt;/script&gt; {% if true %}JINJA{{ 7*191 }}Q</p>", clean)
    assert clean == []


def test_theme_markup_on_every_page_is_not_blamed_on_data_but_markup_on_some_pages_is(tmp_path):
    for name in ("index.html", "a/index.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("<p>x</p>", encoding="utf-8")
    share = "<a href='javascript:void(0)'>"
    baseline = theme_baseline(tmp_path, [f"index.html: {share}", f"a/index.html: {share}", "a/index.html: <img>"])
    outcome = Outcome("t")
    outcome.findings = [f"topic/index.html: {share}", "topic/index.html: <img>", "a/index.html: <img>"]
    site = tmp_path / "empty"
    (site / "search").mkdir(parents=True)
    (site / "search" / "search_index.json").write_text('{"docs": []}', encoding="utf-8")
    _scan_site(site, outcome, baseline)
    # The share link is on every page of the real site; <img> only where that site had it.
    assert outcome.findings == ["topic/index.html: <img>"]
