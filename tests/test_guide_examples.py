"""Every YAML example in the contributing guides and on the site's pages parses and passes validation.

An example starts with a comment saying where it goes, as the guide tells readers to copy it:

    # data/comparison.yaml, under criteria:                  -> items appended to that list
    # data/comparison.yaml, under criteria[licence].values:  -> keys merged into that mapping
    # not data: <why>                                        -> only parsed (e.g. a workflow snippet)

The test inserts the example into a copy of the real data file at that place and loads the result
with the same loader the site and `make validate` use. The only problems it accepts are the next
steps the guide announces: a new framework still lacking values in other entries, and files a new
cookbook task names that the contributor has yet to create. Cited URLs also pass the moved-pages check.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from comparison_site.cookbook import load_tasks
from comparison_site.cookbook.load import DEFAULT_SCHEMA as TASKS_SCHEMA
from comparison_site.errors import DataError
from comparison_site.load import DEFAULT_DATA, load_comparison
from comparison_site.yaml_source import load_yaml_document, parse_yaml_text

from .conftest import ROOT
from .third_framework import write_yaml

GUIDES = [ROOT / "CONTRIBUTING.md", ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
FENCE = re.compile(r"^(?P<indent>[ \t]*)```(?P<lang>[A-Za-z0-9_+-]*)[^\n]*$")
TARGET = re.compile(r"^# (?P<file>data/[a-z0-9-]+\.yaml), under (?P<path>\S+?):\s*$")
NOT_DATA = re.compile(r"^# not data: \S")
SEGMENT = re.compile(r"^(?P<key>[a-z0-9_-]+)(?:\[(?P<id>[a-z0-9-]+)\])?$")


@dataclass(frozen=True)
class Example:
    file: Path
    line: int  # of the opening fence
    text: str

    def __str__(self) -> str:
        return f"{self.file.relative_to(ROOT)}:{self.line}"


def yaml_examples(path: Path) -> list[Example]:
    """Fenced ```yaml blocks of a Markdown file, dedented to the fence's indentation."""
    lines = path.read_text(encoding="utf-8").splitlines()
    examples, index = [], 0
    while index < len(lines):
        match = FENCE.match(lines[index])
        if not match:
            index += 1
            continue
        indent, language, start = match["indent"], match["lang"].lower(), index
        index += 1
        body = []
        while index < len(lines) and lines[index].strip() != "```":
            body.append(lines[index][len(indent):] if lines[index].startswith(indent) else lines[index].lstrip())
            index += 1
        index += 1
        if language in ("yaml", "yml"):
            examples.append(Example(path, start + 1, "\n".join(body) + "\n"))
    return examples


EXAMPLES = [example for guide in GUIDES for example in yaml_examples(guide)]


def test_the_guides_have_examples_for_every_kind_of_change():
    targets = {TARGET.match(e.text.splitlines()[0])["path"].split("[")[0].split(".")[0]
               for e in EXAMPLES if TARGET.match(e.text.splitlines()[0])}
    assert {"criteria", "pros_and_cons", "use_cases", "faq", "claims", "frameworks", "tasks"} <= targets


def _place(data: object, path: str, example: Example):
    """The list or mapping at `path` ('criteria[licence].values') inside `data`."""
    node = data
    for segment in path.split("."):
        match = SEGMENT.match(segment)
        assert match, f"{example}: cannot read the place {path!r} (segment {segment!r})"
        assert isinstance(node, dict) and match["key"] in node, f"{example}: no {match['key']!r} at {path!r}"
        node = node[match["key"]]
        if match["id"]:
            items = [item for item in node if isinstance(item, dict) and item.get("id") == match["id"]]
            assert items, f"{example}: no entry with id {match['id']!r} in {match['key']!r}"
            node = items[0]
    return node


def _insert(data: dict, path: str, fragment: object, example: Example) -> dict:
    data = copy.deepcopy(data)
    place = _place(data, path, example)
    if isinstance(place, list):
        assert isinstance(fragment, list), f"{example}: {path} is a list, so the example must be list items (- ...)"
        place.extend(fragment)
    else:
        assert isinstance(fragment, dict), f"{example}: {path} is a mapping, so the example must be key: value lines"
        place.update(fragment)
    return data


def _strings(node: object):
    if isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)
    elif isinstance(node, str):
        yield node


def _announced_next_steps(problem, new_frameworks: set[str], new_files: set[str]) -> bool:
    """Problems the guide tells the reader to expect and fix next, as separate steps."""
    framework = re.search(r"no (?:value|fit given|pros and cons) for framework '([a-z0-9-]+)'", problem.message)
    if framework and framework[1] in new_frameworks:
        return True
    return any(path in problem.message for path in new_files)


@pytest.mark.parametrize("example", EXAMPLES, ids=[str(e) for e in EXAMPLES])
def test_example_parses_and_validates_where_it_says_it_goes(example: Example, tmp_path: Path):
    first = example.text.splitlines()[0] if example.text.strip() else ""
    if NOT_DATA.match(first):
        yaml.safe_load(example.text)
        return
    target = TARGET.match(first)
    assert target, (f"{example}: a YAML example must start with '# data/<file>.yaml, under <place>:' "
                    "(or '# not data: <why>'), so readers know where it goes and this test can check it")
    try:  # the data files' own YAML rules (no anchors, tags, control characters...)
        fragment = parse_yaml_text(example.text, str(example)).data
    except DataError as error:
        pytest.fail(f"{example}: the example is not valid YAML for a data file:\n{error}")
    _check_moved_urls(example)
    if target["file"] == "data/comparison.yaml":
        original = load_comparison(DEFAULT_DATA).raw
        merged = original
        # "Add a framework" is a sequence of steps: later examples (its values) build on the framework
        # added by an earlier example of the same guide.
        for earlier in EXAMPLES:
            head = TARGET.match(earlier.text.splitlines()[0])
            if earlier.file == example.file and earlier.line < example.line and head and head["path"] == "frameworks":
                merged = _insert(merged, "frameworks", parse_yaml_text(earlier.text, str(earlier)).data, earlier)
        merged = _insert(merged, target["path"], fragment, example)
        new_frameworks = {f["id"] for f in merged["frameworks"]} - {f["id"] for f in original["frameworks"]}
        problems = _problems(lambda: load_comparison(write_yaml(merged, tmp_path / "comparison.yaml")))
        new_files: set[str] = set()
    elif target["file"] == "data/tasks.yaml":
        original = load_yaml_document(ROOT / "data/tasks.yaml").data
        merged = _insert(original, target["path"], fragment, example)
        data_file = write_yaml(merged, tmp_path / "tasks.yaml")
        data_file.write_text(data_file.read_text(encoding="utf-8").replace("comparison.schema.json", "tasks.schema.json"),
                             encoding="utf-8")
        new_frameworks = set()
        new_files = {s for s in _strings(fragment) if s.startswith("snippets/") and not (ROOT / s).exists()}
        problems = _problems(lambda: load_tasks(data_file, TASKS_SCHEMA, root=ROOT))
    else:
        pytest.fail(f"{example}: no check for examples of {target['file']}")
    unexpected = [str(p) for p in problems if not _announced_next_steps(p, new_frameworks, new_files)]
    assert not unexpected, f"{example}: the example does not validate where it says it goes:\n" + "\n".join(unexpected)


def _problems(load) -> list:
    try:
        load()
    except DataError as error:
        return list(error.problems)
    return []


def _check_moved_urls(example: Example) -> None:
    try:
        from comparison_site.moved_urls import load_rules, moved_url_problems
    except ImportError:  # the moved-pages check is not in this checkout
        return
    document = parse_yaml_text(example.text, str(example))
    problems = moved_url_problems(document, load_rules())
    assert not problems, "\n".join(map(str, problems))


def test_a_broken_example_is_caught(tmp_path: Path):
    """The check can fail: an unquoted title containing ': ' (the classic mistake) and an example that
    does not say where it goes are both reported."""
    unquoted = Example(ROOT / "CONTRIBUTING.md", 1, "# data/comparison.yaml, under criteria[licence].values.flask.sources:\n"
                       "- title: Flask docs: Deploying to Production\n  url: https://flask.palletsprojects.com/\n")
    with pytest.raises(pytest.fail.Exception, match="not valid YAML"):
        test_example_parses_and_validates_where_it_says_it_goes(unquoted, tmp_path)
    invalid = Example(ROOT / "CONTRIBUTING.md", 1, "# data/comparison.yaml, under faq:\n- id: no-sources\n"
                      "  question: Why?\n  answer: Because.\n  last_verified: 2026-11-20\n")
    with pytest.raises(AssertionError, match="missing required field 'sources'"):
        test_example_parses_and_validates_where_it_says_it_goes(invalid, tmp_path)
    unmarked = Example(ROOT / "CONTRIBUTING.md", 1, "- id: somewhere\n")
    with pytest.raises(AssertionError, match="must start with"):
        test_example_parses_and_validates_where_it_says_it_goes(unmarked, tmp_path)


def test_the_guide_states_every_content_rule():
    """The content rules are stated in CONTRIBUTING.md as the rules module words them (the data
    reference adds each reason), so the guide cannot fall behind the checks."""
    from comparison_site import content_rules

    guide = " ".join((ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8").split())
    for rule in content_rules.RULES:
        assert f"- {rule.in_guide}" in guide, f"CONTRIBUTING.md does not state the content rule {rule.in_guide!r}"
