"""The YAML reader: plain data out, a location for every value, clear errors for bad YAML."""

import pytest

from comparison_site.errors import DataError
from comparison_site.yaml_source import parse_yaml_text


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
