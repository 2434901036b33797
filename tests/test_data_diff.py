"""scripts/data_diff.py: the data diff CI writes into a pull request's job summary."""

from __future__ import annotations

import copy
import subprocess
import sys

from comparison_site.load import load_comparison

from .conftest import MINIMAL, ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import data_diff  # noqa: E402  (a script, not a package)

BASE = load_comparison(MINIMAL).raw


def test_added_changed_and_removed_entries_are_named_by_id():
    new = copy.deepcopy(BASE)
    new["criteria"].append({**copy.deepcopy(new["criteria"][0]), "id": "graceful-shutdown"})
    new["criteria"][1]["values"]["express"]["summary"] = "Changed summary"
    del new["faq"][0]
    new["pros_and_cons"]["flask"]["pros"][0]["point"] = "A new point"
    new["last_verified"] = "2027-01-01"
    changes = {(c.kind, c.where, c.entry): c for c in data_diff.diff_data(BASE, new)}
    assert set(changes) == {
        ("added", "criteria", "graceful-shutdown"),
        ("changed", "criteria", "request-model"),
        ("removed", "faq", "which-is-faster"),
        ("changed", "pros_and_cons.flask.pros", "small-core"),
        ("changed", "", "(fields)"),
    }
    assert changes[("changed", "criteria", "request-model")].fields == [
        ("values.express.summary", "Node event loop.", "Changed summary")]
    assert changes[("changed", "", "(fields)")].fields[0][0] == "last_verified"


def test_moving_an_entry_is_not_a_change_and_identical_data_has_none():
    moved = copy.deepcopy(BASE)
    moved["criteria"].reverse()
    assert data_diff.diff_data(BASE, moved) == []
    assert data_diff.diff_data(BASE, copy.deepcopy(BASE)) == []


def test_summary_shows_values_as_code_so_data_cannot_format_it():
    new = copy.deepcopy(BASE)
    new["faq"][0]["answer"] = "``<script>alert(1)</script>`` [x](javascript:alert(1))"
    text = data_diff.render_markdown({"data/comparison.yaml": data_diff.diff_data(BASE, new)}, "a", "b")
    line = next(line for line in text.splitlines() if "answer" in line)
    # A fence longer than any backtick run in the data, padded because the value starts with one.
    assert line.endswith("→ ``` ``<script>alert(1)</script>`` [x](javascript:alert(1)) ```")
    assert text.startswith("## Data changes `a` → `b`")
    assert "- `which-is-faster` in `faq`" in text


def test_long_values_are_shortened():
    assert len(data_diff.code("x" * 500)) < data_diff.VALUE_LENGTH + 4


def test_the_command_compares_git_revisions():
    same = subprocess.run([sys.executable, "scripts/data_diff.py", "HEAD", "HEAD"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert same.returncode == 0 and "No data entry was added, changed or removed." in same.stdout
    unknown = subprocess.run([sys.executable, "scripts/data_diff.py", "no-such-revision"], cwd=ROOT,
                             capture_output=True, text=True, timeout=60)
    assert unknown.returncode == 2 and "unknown git revision" in unknown.stderr
