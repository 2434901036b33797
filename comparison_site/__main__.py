"""Command line for the data: `python -m comparison_site validate|stale ...`.

validate: prints every problem in the data files, each with file:line:column, data path and a
hint, and exits non-zero if there is any (used by `make validate`, pre-commit and CI).
stale: lists entries not verified for too long and frameworks behind their newest major release.
refresh-releases: rewrites data/releases.yaml from PyPI and npm (the ecosystem page's release dates).
"""

from __future__ import annotations

import argparse
import datetime
import sys
from collections.abc import Callable
from pathlib import Path

from .errors import DataError
from .load import DEFAULT_DATA, PROJECT_ROOT, display_name, load_comparison


def _comparison_summary(comparison) -> str:
    return (f"{len(comparison.frameworks)} frameworks, {len(comparison.criteria)} criteria, "
            f"{len(comparison.points)} pros and cons, {len(comparison.use_cases)} use cases, "
            f"{len(comparison.faq)} FAQ entries, {len(comparison.claims)} claims")


_SUMMARIES: dict[str, Callable] = {
    "comparison": _comparison_summary,
    "tasks": lambda book: f"{len(book.tasks)} cookbook tasks",
    "benchmarks": lambda results: "benchmark results",
    "guides": lambda data: (f"{len(data['crosswalk'])} porting rows, {len(data['ecosystem'])} ecosystem needs, "
                            f"{len(data['deployment'])} deployment entries, {len(data['security']['advisories'])} "
                            f"advisories, {len(data['alternatives'])} alternatives"),
    "releases": lambda data: f"{len(data['packages'])} package releases",
}


def validate(paths: list[Path]) -> int:
    """Validate the given comparison files, or every data file of the site when none is given.

    With no files this runs `load_site_data`, the very function the build runs: every file's own
    checks, then the references between files (cookbook tasks, benchmark scenarios, frameworks).
    """
    if paths:
        return _validate_comparison_files(paths)
    from .safe_paths import git_tracking_note
    from .site_data import load_site_data

    def report(file, loaded, error) -> None:
        if error is not None:
            print(error, file=sys.stderr)
        else:
            summary = _SUMMARIES.get(file.name, lambda data: "valid")(loaded)
            print(f"{file.display}: OK ({summary})")

    note = git_tracking_note(PROJECT_ROOT)
    if note:
        print(note, file=sys.stderr)
    try:
        load_site_data(report=report)
    except DataError:
        return 1
    print("references between the data files: OK")
    return 0


def _validate_comparison_files(paths: list[Path]) -> int:
    failed = False
    for path in paths:
        try:
            loaded = load_comparison(path)
        except DataError as error:
            print(error, file=sys.stderr)
            failed = True
            continue
        print(f"{display_name(Path(path))}: OK ({_comparison_summary(loaded)})")
    return 1 if failed else 0


def stale(path: Path, max_age_days: int, latest: list[str], offline: bool) -> int:
    from .stale import fetch_latest_versions, stale_items

    comparison = load_comparison(path)
    versions = dict(item.split("=", 1) for item in latest)
    if not offline:
        fetched, warnings = fetch_latest_versions(comparison)
        for warning in warnings:
            print(f"warning: {warning}", file=sys.stderr)
        versions = {**fetched, **versions}
    items = stale_items(comparison, datetime.date.today(), max_age_days, versions)
    for item in items:
        print(item.format(display_name(path)))
    items += _stale_guides(max_age_days)
    print(f"{len(items)} stale entr{'y' if len(items) == 1 else 'ies'} (limit {max_age_days} days; "
          f"newest versions: {', '.join(f'{k} {v}' for k, v in sorted(versions.items())) or 'not checked'})")
    return 1 if items else 0


def _stale_guides(max_age_days: int) -> list:
    """The guides data's stale entries, printed; the guides are checked against the site's other data."""
    from .guides import DEFAULT_GUIDES, load_guides
    from .guides.stale import stale_guide_items

    try:
        guides = load_guides()
    except DataError as error:
        print(f"warning: data/guides.yaml not checked for staleness:\n{error}", file=sys.stderr)
        return []
    items = stale_guide_items(guides, datetime.date.today(), max_age_days)
    for item in items:
        print(item.format(display_name(DEFAULT_GUIDES)))
    return items


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m comparison_site", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check data files against the schema and cross-references")
    check.add_argument("files", nargs="*", type=Path, help="comparison data files (default: every data file of the site)")
    report = commands.add_parser("stale", help="list entries that need re-verifying")
    report.add_argument("file", nargs="?", type=Path, default=DEFAULT_DATA)
    report.add_argument("--max-age-days", type=int, default=365, help="flag entries verified longer ago (default 365)")
    report.add_argument("--latest", action="append", default=[], metavar="ID=VERSION",
                        help="newest version of a framework, instead of asking its registry")
    report.add_argument("--offline", action="store_true", help="do not ask PyPI or npm for the newest versions")
    commands.add_parser("refresh-releases", help="read each ecosystem package's newest release from PyPI and npm "
                                                 "into data/releases.yaml")
    args = parser.parse_args(argv)
    try:
        if args.command == "validate":
            return validate(args.files)
        if args.command == "refresh-releases":
            from .guides.refresh_command import refresh_releases

            return refresh_releases()
        return stale(args.file, args.max_age_days, args.latest, args.offline)
    except DataError as error:
        print(error, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
