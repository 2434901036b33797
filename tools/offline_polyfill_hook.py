"""MkDocs hook for mkdocs.offline.yml: ship the iframe-worker shim inside the offline copy.

Material's search runs in a web worker; browsers refuse to start workers from file:// pages, and
the shim emulates one with an iframe. Material's offline plugin would link the shim from a CDN,
which cannot load on a train, so the file comes from node_modules (pinned in package.json).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

SHIM_SOURCE = Path("node_modules") / "iframe-worker" / "shim" / "index.js"


def on_files(files, config):
    project_root = Path(config.config_file_path).resolve().parent
    source = project_root / SHIM_SOURCE
    if not source.is_file():
        raise PluginError(
            f"{SHIM_SOURCE} is missing: the offline copy needs it for search from file://.\n"
            "Install the pinned npm packages with `npm ci` in the project root (`make install` runs it)."
        )
    for destination in config.extra.get("polyfills", []):
        # Only local polyfills are copied; anything else would be a request outside the site.
        if "iframe-worker" in destination and "://" not in destination:
            files.append(File.generated(config, destination, content=source.read_bytes()))
    return files
