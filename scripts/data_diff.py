"""A readable diff of the data as published, between two git revisions: entries added, changed and
removed, named by id, rather than the line-number noise of a text diff.

    .venv/bin/python scripts/data_diff.py origin/main          # main .. the working tree
    .venv/bin/python scripts/data_diff.py BASE_SHA HEAD_SHA    # what CI writes into the job summary

Every data file (data/*.yaml) is compared. Lists whose items carry an `id` (criteria, use cases,
tasks, scenarios...) are compared entry by entry; for a changed entry, each changed field is shown
with its old and new value (shortened). Output is Markdown; values are shown in code spans so that
text from a pull request cannot format or link anything in the summary.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA_GLOB = "data/*.yaml"
WORKTREE = "worktree"
VALUE_LENGTH = 80
MAX_FIELDS = 8  # changed fields listed per entry; the rest are counted


@dataclass
class Change:
    kind: str  # "added" | "removed" | "changed"
    where: str  # the list or mapping the entry is in, e.g. "criteria" or "pros_and_cons.flask.pros"
    entry: str  # the entry's id, or "(top level)" / a key for fields outside id lists
    fields: list[tuple[str, object, object]] = field(default_factory=list)  # (field, old, new) when changed


MISSING = object()


def _is_entry_list(value: object) -> bool:
    return (isinstance(value, list) and bool(value)
            and all(isinstance(item, dict) and isinstance(item.get("id"), str) for item in value))


def entries(data: object, path: str = "") -> dict[tuple[str, str], dict]:
    """(where, id) -> the entry's own fields (nested id lists are entries of their own)."""
    found: dict[tuple[str, str], dict] = {}

    def own_fields(node: dict, where: str) -> dict:
        fields = {}
        for key, value in node.items():
            child = f"{where}.{key}" if where else key
            if _is_entry_list(value):
                walk(value, child)
            elif isinstance(value, dict) and _contains_entry_list(value):
                walk(value, child)
            else:
                fields[key] = value
        return fields

    def walk(node: object, where: str) -> None:
        if _is_entry_list(node):
            for item in node:
                found[(where, item["id"])] = own_fields(item, f"{where}[{item['id']}]")
        elif isinstance(node, dict):
            top = own_fields(node, where)
            if top:
                found[(where, "(fields)")] = top

    walk(data, path)
    return found


def _contains_entry_list(node: object) -> bool:
    if _is_entry_list(node):
        return True
    if isinstance(node, dict):
        return any(_contains_entry_list(value) for value in node.values())
    return False


def _leaves(value: object, prefix: str = "") -> dict[str, object]:
    """Flatten nested mappings and lists into dotted paths, for field-by-field comparison."""
    if isinstance(value, dict):
        out: dict[str, object] = {}
        for key, child in value.items():
            out.update(_leaves(child, f"{prefix}.{key}" if prefix else str(key)))
        return out or {prefix: {}}
    if isinstance(value, list) and any(isinstance(item, (dict, list)) for item in value):
        out = {}
        for index, child in enumerate(value):
            out.update(_leaves(child, f"{prefix}[{index}]"))
        return out or {prefix: []}
    return {prefix: value}


def diff_data(old: object, new: object) -> list[Change]:
    """Entries added, removed and changed between two versions of one data file, in file order."""
    before, after = entries(old), entries(new)
    changes = []
    for key, fields in after.items():
        if key not in before:
            changes.append(Change("added", *key))
        elif fields != before[key]:
            old_leaves, new_leaves = _leaves(before[key]), _leaves(fields)
            changed = [(name, old_leaves.get(name, MISSING), new_leaves.get(name, MISSING))
                       for name in dict.fromkeys([*old_leaves, *new_leaves])
                       if old_leaves.get(name, MISSING) != new_leaves.get(name, MISSING)]
            changes.append(Change("changed", *key, changed))
    changes += [Change("removed", *key) for key in before if key not in after]
    return changes


def code(value: object) -> str:
    """A value as an inline code span, shortened, on one line, whatever backticks it holds."""
    if value is MISSING:
        return "*(none)*"
    text = value if isinstance(value, str) else yaml.safe_dump(value, default_flow_style=True, width=10**6).strip()
    text = " ".join(str(text).split())
    if len(text) > VALUE_LENGTH:
        text = text[: VALUE_LENGTH - 1] + "…"
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    padding = " " if text.startswith("`") or text.endswith("`") or not text else ""
    return f"{fence}{padding}{text}{padding}{fence}"


def render_markdown(file_changes: dict[str, list[Change] | str], base: str, head: str) -> str:
    lines = [f"## Data changes `{base}` → `{head}`", ""]
    if not any(file_changes.values()):
        return "\n".join(lines + ["No data entry was added, changed or removed."]) + "\n"
    for name, changes in file_changes.items():
        if not changes:
            continue
        lines.append(f"### {name}")
        lines.append("")
        if isinstance(changes, str):
            lines += [changes, ""]
            continue
        for kind in ("added", "changed", "removed"):
            group = [c for c in changes if c.kind == kind]
            if not group:
                continue
            lines.append(f"**{kind.capitalize()}** ({len(group)})")
            lines.append("")
            for change in group:
                entry = "top-level fields" if change.entry == "(fields)" else code(change.entry)
                where = f" in {code(change.where)}" if change.where else ""
                lines.append(f"- {entry}{where}")
                for name_, old, new in change.fields[:MAX_FIELDS]:
                    lines.append(f"    - {code(name_)}: {code(old)} → {code(new)}")
                if len(change.fields) > MAX_FIELDS:
                    lines.append(f"    - and {len(change.fields) - MAX_FIELDS} more fields")
            lines.append("")
    return "\n".join(lines)


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True).stdout


def file_at(revision: str, path: str) -> str | None:
    """The text of `path` at `revision` (WORKTREE: the working tree), or None where it does not exist."""
    if revision == WORKTREE:
        file = ROOT / path
        return file.read_text(encoding="utf-8") if file.exists() else None
    try:
        return _git("show", f"{revision}:{path}")
    except subprocess.CalledProcessError:
        return None


def data_paths(*revisions: str) -> list[str]:
    paths = set()
    for revision in revisions:
        if revision == WORKTREE:
            paths |= {str(p.relative_to(ROOT)) for p in ROOT.glob(DATA_GLOB)}
        else:
            paths |= set(_git("ls-tree", "--name-only", f"{revision}", "data/").split())
    return sorted(p for p in paths if p.endswith(".yaml"))


def _parse(text: str | None, path: str, revision: str):
    if text is None:
        return None
    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as error:
        raise ValueError(f"{path} at {revision} is not valid YAML ({error.__class__.__name__}): run `make validate`") from None


def compare(base: str, head: str) -> dict[str, list[Change] | str]:
    results: dict[str, list[Change] | str] = {}
    for path in data_paths(base, head):
        try:
            old, new = (_parse(file_at(rev, path), path, rev) for rev in (base, head))
        except ValueError as error:
            results[path] = str(error)
            continue
        if old is None:
            results[path] = "New data file."
        elif new is None:
            results[path] = "Data file removed."
        else:
            results[path] = diff_data(old, new)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="git revision to compare from (e.g. origin/main or a commit SHA)")
    parser.add_argument("head", nargs="?", default=WORKTREE, help=f"git revision to compare to (default: {WORKTREE})")
    args = parser.parse_args(argv)
    try:
        _git("rev-parse", "--verify", "--quiet", f"{args.base}^{{commit}}")
        if args.head != WORKTREE:
            _git("rev-parse", "--verify", "--quiet", f"{args.head}^{{commit}}")
    except subprocess.CalledProcessError:
        print(f"error: unknown git revision {args.base!r} or {args.head!r} (fetch it first)", file=sys.stderr)
        return 2
    sys.stdout.write(render_markdown(compare(args.base, args.head), args.base, args.head))
    return 0


if __name__ == "__main__":
    sys.exit(main())
