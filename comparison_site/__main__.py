"""Command line: `python -m comparison_site validate [FILE ...]`.

Prints every problem in the data files, each with file:line:column, data path and a hint, and
exits non-zero if there is any. Used by `make validate`, pre-commit and CI.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import DataError
from .load import DEFAULT_DATA, display_name, load_comparison


def validate(paths: list[Path]) -> int:
    failed = False
    for path in paths:
        try:
            comparison = load_comparison(path)
        except DataError as error:
            print(error, file=sys.stderr)
            failed = True
            continue
        print(f"{display_name(path)}: OK ({len(comparison.frameworks)} frameworks, {len(comparison.criteria)} criteria, "
              f"{len(comparison.points)} pros and cons, {len(comparison.use_cases)} use cases, "
              f"{len(comparison.faq)} FAQ entries, {len(comparison.claims)} claims)")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m comparison_site", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check data files against the schema and cross-references")
    check.add_argument("files", nargs="*", type=Path, default=[DEFAULT_DATA])
    args = parser.parse_args(argv)
    if args.command == "validate":
        return validate(args.files)
    return 2


if __name__ == "__main__":
    sys.exit(main())
