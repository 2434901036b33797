"""The YAML reader: plain data out, a location for every value, clear errors for bad YAML, and the
YAML policy: hostile YAML is refused in milliseconds with file:line:column, never expanded."""

import os
import shutil
import subprocess
import sys
import time

import pytest

from comparison_site.errors import DataError
from comparison_site.site_data import data_file_path, data_files
from comparison_site.yaml_policy import MAX_FILE_BYTES, MAX_PROBLEMS
from comparison_site.yaml_source import load_yaml_document, parse_yaml_text

from .conftest import ROOT


def test_locations_point_at_keys_and_list_items():
    document = parse_yaml_text("a: 1\nitems:\n  - name: x\n    when: 2026-01-02\n  - name: y\n", "f.yaml")
    assert document.data == {"a": 1, "items": [{"name": "x", "when": "2026-01-02"}, {"name": "y"}]}
    assert document.locations[("items", 1)] == (5, 5)
    assert document.locations[("items", 0, "when")] == (4, 5)
    assert document.location(("items", 1, "missing", 3)) == (5, 5)


@pytest.mark.parametrize(
    "text, line, words",
    [
        ("a: 1\nb: 2\na: 3\n", 3, "duplicate key"),
        ("a:\n\tb: 1\n", 2, "tab"),
        ("a:\n  b: 1\n c: 2\n", 3, "indentation"),
        ("a: [1, 2\nb: 3\n", 2, "malformed YAML"),
        ('a: "unclosed\n', 2, "malformed YAML"),
    ],
    ids=["duplicate-key", "tab", "bad-indentation", "unclosed-list", "unclosed-quote"],
)
def test_malformed_yaml_names_file_line_and_what_to_do(text, line, words):
    with pytest.raises(DataError) as caught:
        parse_yaml_text(text, "data/broken.yaml")
    (problem,) = caught.value.problems
    assert problem.file == "data/broken.yaml"
    assert problem.line == line
    assert words in (problem.message + " " + problem.hint)
    assert f"data/broken.yaml:{line}:" in str(caught.value)


# --- The YAML policy (comparison_site/yaml_policy.py): features data files may not use ----------

BILLION_LAUGHS = "".join(
    [f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * 9) + "]\n" for level in range(1, 10)]
).replace("*l0", "lol") + "top: *l9\n"


@pytest.mark.parametrize(
    "text, line, column, words",
    [
        (BILLION_LAUGHS, 1, 5, "anchor '&l1' is not allowed"),
        ("a: &loop [*loop]\n", 1, 4, "anchor '&loop'"),
        ("a: &x 1\nb: *x\n", 2, 4, "alias '*x' is not allowed"),
        ("a: !!int abc\n", 1, 4, "explicit tag '!!int'"),
        ('a: !!python/object/apply:os.system ["true"]\n', 1, 4, "explicit tag '!!python/object/apply:os.system'"),
        ("a: !custom x\n", 1, 4, "explicit tag '!custom'"),
        ("%TAG !e! tag:example.com,2000:\n---\na: 1\n", 1, 1, "%TAG directives"),
        ("a: x\x00y\n", 1, 5, "NUL character"),
        ('a: "x\\0y"\n', 1, 4, "NUL character"),
        ('a: "\\x1b[31mred"\n', 1, 4, "control character (U+001B)"),
        ("a: b\x85c\n", 1, 5, "control character (U+0085)"),
        ("a: 'safe \u202egnp.exe'\n", 1, 10, "bidirectional-text control character (U+202E)"),
        ('a: "\\u2066x\\u2069"\n', 1, 4, "bidirectional-text control character (U+2066)"),
        ("a:\n  b: " + "[" * 5000 + "]" * 5000 + "\n", 2, 36, "nesting deeper than 32 levels"),
        ("? [a, b]\n: c\n", 1, 3, "cannot be used as a key"),
        ("a: 1\n---\nb: 2\n", 2, 1, "second YAML document"),
        ('a: |\n  line\n  --8<-- "/etc/passwd"\n', 1, 4, "snippet-include marker"),
        ("a: x ---8<--- y\n", 1, 4, "snippet-include marker"),
    ],
    ids=["billion-laughs", "recursive-alias", "alias", "int-tag", "python-tag", "custom-tag", "tag-directive",
         "raw-nul", "escaped-nul", "escaped-escape", "c1-control", "raw-bidi", "escaped-bidi", "deep-nesting",
         "complex-key", "second-document", "snippet-block", "snippet-inline"],
)
def test_refused_yaml_features_are_located_problems(text, line, column, words):
    with pytest.raises(DataError) as caught:
        parse_yaml_text(text, "data/hostile.yaml")
    matching = [p for p in caught.value.problems if words in p.message]
    assert matching, str(caught.value)
    assert (matching[0].file, matching[0].line, matching[0].column) == ("data/hostile.yaml", line, column), str(caught.value)
    assert f"data/hostile.yaml:{line}:{column}: " in str(caught.value)
    assert matching[0].hint


def test_an_alias_bomb_is_never_expanded_and_problems_are_capped():
    """Nine levels of nine aliases would be 387,420,489 items; the reader stops after MAX_PROBLEMS."""
    started = time.monotonic()
    with pytest.raises(DataError) as caught:
        parse_yaml_text(BILLION_LAUGHS * 1, "bomb.yaml")
    elapsed = time.monotonic() - started
    assert len(caught.value.problems) <= MAX_PROBLEMS + 1
    assert "stopped reading" in str(caught.value)
    # Not a timing goal: an expanded bomb takes minutes and gigabytes; refusing it takes about a millisecond.
    assert elapsed < 5, elapsed


def test_byte_order_mark_at_the_start_tabs_and_line_breaks_are_fine():
    document = parse_yaml_text("\ufeffa: \"tab\\there\"\nb: |\n  two\n  lines\n", "f.yaml")
    assert document.data == {"a": "tab\there", "b": "two\nlines\n"}


def test_files_that_are_not_utf8_or_too_large_are_located(tmp_path):
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes(b"a: ok\nb: caf\xe9\n")
    with pytest.raises(DataError) as caught:
        load_yaml_document(bad, "data/latin1.yaml")
    assert str(caught.value).splitlines()[1].startswith("data/latin1.yaml:2:7: ")
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * (MAX_FILE_BYTES + 1) + b"\n")
    with pytest.raises(DataError) as caught:
        load_yaml_document(big, "data/big.yaml")
    assert "data/big.yaml:1:1: " in str(caught.value) and "limited to" in str(caught.value)


def test_validate_refuses_an_alias_bomb_in_any_data_file_with_its_location(tmp_path):
    """Through the command `make validate` runs, with the real data copied aside and one file poisoned."""
    for file in data_files():  # the data in effect (FVX_DATA_DIR may point elsewhere)
        shutil.copy(file.path, tmp_path / f"{file.name}.yaml")
    (tmp_path / "tasks.yaml").write_text(BILLION_LAUGHS + data_file_path("tasks").read_text(encoding="utf-8"),
                                         encoding="utf-8")
    env = dict(os.environ, FVX_DATA_DIR=str(tmp_path))
    env.pop("FVX_COMPARISON_DATA", None)
    result = subprocess.run([sys.executable, "-m", "comparison_site", "validate"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert f"{tmp_path / 'tasks.yaml'}:1:5: (YAML policy): anchor '&l1' is not allowed" in result.stderr
    assert "Traceback" not in result.stderr
