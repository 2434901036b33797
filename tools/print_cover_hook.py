"""MkDocs hook for mkdocs.print.yml: the facts on the PDF's cover page.

The print-site plugin renders overrides/print_site_cover.tpl with nothing but `config`, so the
facts travel in `config.extra.print_cover`: the framework versions the data was verified against,
the date of the build and the revision of the data it was built from.
"""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from mkdocs.plugins import event_priority

from comparison_site.inline import html_text
from comparison_site.render.wording import site_title
from comparison_site.site_context import comparison_for_site

# What the site is built from; uncommitted changes here make the revision "<hash> + local changes".
CONTENT_PATHS = ["data", "snippets", "docs"]


def build_date() -> str:
    """Today in UTC, or SOURCE_DATE_EPOCH's date so that a rebuild of the same sources is identical."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.date().isoformat()


def data_revision(project_root: Path) -> str:
    """The short commit hash of the checkout, marked when content has uncommitted changes."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=project_root, capture_output=True, text=True,
                              timeout=10, check=True).stdout.strip()
    try:
        revision = git("rev-parse", "--short", "HEAD")
        changed = git("status", "--porcelain", "--", *CONTENT_PATHS)
    except (OSError, subprocess.SubprocessError):
        return "unknown"  # not a git checkout (a release tarball) or git is not installed
    return f"{revision} + local changes" if changed else revision


def cover_facts(comparison, revision: str, date: str) -> dict:
    return {
        "versions": [{"name": f.name, "version": f.verified_version, "released": f.verified_version_date}
                     for f in comparison.frameworks],
        "data_last_verified": comparison.last_verified,
        "build_date": date,
        "revision": revision,
    }


@event_priority(50)  # before print-site's on_config, which reads print_page_title
def on_config(config):
    project_root = Path(config.config_file_path).resolve().parent
    comparison = comparison_for_site()
    config.extra["print_cover"] = cover_facts(comparison, data_revision(project_root), build_date())
    # The print page is titled after the frameworks in the data, like the site (site_hooks.on_config).
    print_site = config.plugins.get("print-site")
    if print_site is not None:
        print_site.config["print_page_title"] = html_text(site_title(comparison))
    return config
