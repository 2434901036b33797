"""The rule for files that a data entry names (a cookbook task's app, test and companion files).

The build copies such files into pages and into the search index, so a pull request that names a
symlink to `/proc/self/environ` or `.git/config` would publish them. A named file must:

- be a relative path with no '..' part, inside the folder allowed for it (e.g. snippets/flask/);
- resolve (realpath) inside that folder, with no symlink anywhere along the path;
- be a regular file (not a device, pipe or folder);
- be tracked by git (in git's index), when the project is a git checkout: an untracked file could
  be something the build machine made or downloaded. Outside a checkout this check is skipped,
  and `git_tracking_note` says so.
"""

from __future__ import annotations

import functools
import os
import stat
import subprocess
from pathlib import Path, PurePosixPath


def file_problem(root: Path, relative: str, allowed_folder: str) -> tuple[str, str] | None:
    """(message, hint) saying why `relative` (from `root`) may not be used, or None if it may."""
    path = PurePosixPath(relative)
    folder = PurePosixPath(allowed_folder.rstrip("/"))
    if path.is_absolute() or ".." in path.parts or "\\" in relative:
        return f"{relative} must be a relative path without '..'", "write it relative to the repository root"
    if path.parts[: len(folder.parts)] != folder.parts or path == folder:
        return f"{relative} is not under {allowed_folder}", f"files for this entry live in {allowed_folder}"
    root = Path(root)
    current = root
    for part in path.parts:
        current = current / part
        try:
            info = current.lstat()
        except FileNotFoundError:
            return (f"file {relative} does not exist",
                    "check the path (relative to the repository root) or create the file")
        except OSError as error:
            return f"{relative} cannot be read ({error.strerror})", "check the path"
        if stat.S_ISLNK(info.st_mode):
            return (f"{relative} goes through a symbolic link ({current.relative_to(root)})",
                    "data may only name regular files: replace the link by the file itself")
    if not stat.S_ISREG(info.st_mode):
        return f"{relative} is not a regular file", "name a file, not a folder or a special file"
    real_root = Path(os.path.realpath(root / allowed_folder))
    real = Path(os.path.realpath(root / relative))
    if not real.is_relative_to(real_root):
        return f"{relative} resolves outside {allowed_folder}", f"files for this entry live in {allowed_folder}"
    tracked = tracked_files(str(Path(os.path.realpath(root))))
    if tracked is not None and relative not in tracked:
        return (f"{relative} is not tracked by git",
                f"add it (git add {relative}): the site only publishes files that are part of the repository")
    return None


@functools.lru_cache(maxsize=4)
def _tracked_files_cached(root: str, index_mtime: int) -> frozenset[str] | None:
    try:
        result = subprocess.run(["git", "-C", root, "ls-files", "-z", "--cached"], capture_output=True,
                                timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if result.returncode != 0:
        return None
    return frozenset(name.decode("utf-8", "surrogateescape") for name in result.stdout.split(b"\0") if name)


def tracked_files(root: str) -> frozenset[str] | None:
    """Paths in git's index under `root` (relative to it), or None when `root` is not a git checkout."""
    index = _git_index(root)
    if index is None:
        return None
    return _tracked_files_cached(root, index.stat().st_mtime_ns)


def _git_index(root: str) -> Path | None:
    # Only the checkout's own top level counts: a data folder copied elsewhere is not tracked.
    git = Path(root) / ".git"
    if git.is_dir() and (git / "index").is_file():
        return git / "index"
    return None


def git_tracking_note(root: Path) -> str | None:
    """A sentence for `make validate` when tracking could not be checked, else None."""
    if tracked_files(str(Path(os.path.realpath(root)))) is None:
        return (f"note: {root} is not a git checkout, so files named by the data were not checked "
                "against git (they were still checked for symlinks and for staying inside their folder)")
    return None
