"""Confining a relative path to a folder: the check every file access by an answer passes."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path, PurePosixPath

__all__ = ["PathEscape", "confine"]

_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:")


class PathEscape(ValueError):
    """A path that is not a plain relative path inside its root."""


def confine(root: Path, path: str, *, must_exist: bool = False, allow_dir: bool = False) -> Path:
    """The host path of ``path`` inside ``root``, refusing anything that could leave it.

    Refused: empty or padded paths, control characters, backslashes, absolute paths,
    ``..``, anything under ``.git``, components starting with ``-`` or ``@`` (options and
    argument files to the tools that check them), and any symbolic link on the way
    (including the last component). Paths that do not exist yet are fine unless ``must_exist``.

    Raises:
        PathEscape: naming the path and the reason.
    """
    if not path or path.strip() != path:
        raise PathEscape(f"empty or padded path {path!r}")
    if any(ord(c) < 32 for c in path) or "\\" in path:
        raise PathEscape(f"path {path!r} holds control characters or backslashes")
    if path.startswith(("/", "~")) or _WINDOWS_DRIVE.match(path):
        raise PathEscape(f"absolute path {path!r}")
    parts = [p for p in PurePosixPath(path).parts if p != "."]
    if not parts:
        if allow_dir:
            return root
        raise PathEscape(f"path {path!r} names the root folder")
    if ".." in parts:
        raise PathEscape(f"path {path!r} climbs out of its folder")
    if any(p.lower() == ".git" for p in parts):
        raise PathEscape(f"path {path!r} is inside .git")
    if any(p.startswith(("-", "@")) for p in parts):
        # A tool that gets such a name as an argument reads it as an option or an argument
        # file (`node --require=x.js`, `javac @args`): a file name must never become one.
        raise PathEscape(f"path {path!r} has a component starting with '-' or '@'")
    current = root
    for index, part in enumerate(parts):
        current = current / part
        try:
            info = os.lstat(current)
        except FileNotFoundError:
            if must_exist:
                raise PathEscape(f"path {path!r} does not exist") from None
            return root.joinpath(*parts)
        except OSError as exc:
            raise PathEscape(f"path {path!r} cannot be checked: {exc.strerror}") from exc
        if stat.S_ISLNK(info.st_mode):
            link = "/".join(parts[: index + 1])
            raise PathEscape(f"path {path!r} goes through the symbolic link {link}")
        last = index == len(parts) - 1
        if last and not (stat.S_ISREG(info.st_mode) or (allow_dir and stat.S_ISDIR(info.st_mode))):
            raise PathEscape(f"path {path!r} is not a regular file")
        if not last and not stat.S_ISDIR(info.st_mode):
            raise PathEscape(f"path {path!r} goes through a non-directory")
    return current
