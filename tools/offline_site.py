"""Build a copy of the site that works from file:// with no server and no network (make offline).

mkdocs.offline.yml adds Material's offline plugin (links name index.html files, the search index
is inlined as a script) and ships the iframe-worker shim locally so that search runs from file://.
Open dist/offline/index.html in a browser, or copy the folder anywhere.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # so that `python tools/offline_site.py` finds the tools package

from tools.site_build import strict_build  # noqa: E402

OFFLINE_CONFIG = ROOT / "mkdocs.offline.yml"
DEFAULT_DESTINATION = ROOT / "dist" / "offline"
SHIM = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"


class OfflineBuildError(RuntimeError):
    """The offline copy could not be built; the message says why."""


def build_offline_site(destination: Path = DEFAULT_DESTINATION) -> Path:
    """Strict build of the offline copy into `destination`; returns the path of its start page."""
    if not SHIM.is_file():  # checked here too so the message comes before a whole build
        raise OfflineBuildError(f"{SHIM.relative_to(ROOT)} is missing: run `npm ci` in {ROOT} (`make install` does it)")
    strict_build(OFFLINE_CONFIG, destination, "offline build", OfflineBuildError)
    return destination / "index.html"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-d", "--destination", type=Path, default=DEFAULT_DESTINATION, help="output folder")
    args = parser.parse_args(argv)
    try:
        start_page = build_offline_site(args.destination.resolve())
    except OfflineBuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"built the offline copy: open {start_page.as_uri()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
