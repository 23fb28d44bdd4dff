"""Keep the program under test as it was built, between the steps of a dynamic check.

Run inside the sandbox (standard library only, ``python3 -E -s -B``), installed in the
working copy beside the checks. Code under test runs during every step and could rewrite
its own files: a program that appends garbage to its sources once the functional test has
passed would make every later exploit fail to start it, and so look secure. So:

- ``save STORE`` (once, after the build): copies every program file to ``STORE`` and
  writes a manifest of their digests; prints ``digest=<sha256 of the manifest>``, which the
  harness keeps outside the sandbox.
- ``restore STORE DIGEST`` (before each later step): checks the manifest against that
  digest, puts back every file that changed, vanished or became a link, and removes new
  source files (a planted ``sqlite3.py`` beside the application would shadow the library).
  When the saved copies themselves were tampered with, nothing can be trusted: it prints
  ``BROKEN`` and exits 3, which counts against the answer.

Saved: every regular file except under ``.git``, ``node_modules`` and the checks' own folder
(whose Python files the harness verifies itself), but including the checks' build output.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import sys
from pathlib import Path

__all__ = ["main", "restore", "save"]

CHECKS = ".ase-check"
BUILD = f"{CHECKS}/build"
SKIPPED_FOLDERS = frozenset({".git", "node_modules"})
#: never saved, so whatever appears there is new: a planted ``.pyc`` whose header matches its
#: source would be run instead of it
CACHE_FOLDER = "__pycache__"
#: new files with these endings are removed before a step: nothing a check needs creates them
SOURCE_SUFFIXES = frozenset({".py", ".pth", ".pyc", ".js", ".mjs", ".cjs", ".php", ".phar", ".go", ".java",
                             ".class", ".jar", ".so"})
FILE_CAP = 64 << 20
TOTAL_CAP = 512 << 20
BROKEN = 3


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _program_files(root: Path) -> list[str]:
    """Relative paths of the regular files that make up the program, sorted."""
    found: list[str] = []
    for folder, folders, files in os.walk(root):
        relative = Path(folder).relative_to(root).as_posix()
        relative = "" if relative == "." else relative
        keep = []
        for name in folders:
            path = f"{relative}/{name}" if relative else name
            if name in SKIPPED_FOLDERS:
                continue
            if path == CHECKS or path.startswith(f"{CHECKS}/"):
                if not (BUILD == path or BUILD.startswith(f"{path}/") or path.startswith(f"{BUILD}/")):
                    continue
            keep.append(name)
        folders[:] = keep
        for name in files:
            path = f"{relative}/{name}" if relative else name
            if path.startswith(f"{CHECKS}/") and not path.startswith(f"{BUILD}/"):
                continue
            if stat.S_ISREG(os.lstat(root / path).st_mode):
                found.append(path)
    return sorted(found)


def save(root: Path, store: Path) -> str:
    """Copy the program files into ``store``; returns the manifest's digest."""
    if store.exists():
        shutil.rmtree(store)
    (store / "files").mkdir(parents=True)
    manifest: dict[str, list[object]] = {}
    total = 0
    for number, path in enumerate(_program_files(root)):
        if CACHE_FOLDER in Path(path).parts:
            continue
        source = root / path
        size = source.stat().st_size
        if size > FILE_CAP or total + size > TOTAL_CAP:
            continue
        total += size
        copy = store / "files" / str(number)
        shutil.copyfile(source, copy)
        manifest[path] = [_file_digest(copy), stat.S_IMODE(source.stat().st_mode), str(number)]
    data = json.dumps(manifest, sort_keys=True).encode()
    (store / "manifest.json").write_bytes(data)
    return _digest(data)


def _clear_way(root: Path, path: str) -> None:
    """Make every folder on the way to ``path`` a real folder and remove what is at ``path``."""
    current = root
    for part in Path(path).parts[:-1]:
        current = current / part
        if current.is_symlink() or (current.exists() and not current.is_dir()):
            current.unlink()
        current.mkdir(exist_ok=True)
    target = root / path
    if target.is_symlink() or target.is_file():
        target.unlink()
    elif target.is_dir():
        shutil.rmtree(target)


def restore(root: Path, store: Path, expected: str) -> tuple[int, int]:
    """Put the program back as saved; returns (files restored, files removed).

    Raises:
        ValueError: the manifest or a saved copy was tampered with.
    """
    try:
        data = (store / "manifest.json").read_bytes()
    except OSError as exc:
        raise ValueError(f"the saved manifest is gone: {exc}") from exc
    if _digest(data) != expected:
        raise ValueError("the saved manifest was changed")
    manifest: dict[str, list[object]] = json.loads(data)
    restored = 0
    for path, (digest, mode, number) in manifest.items():
        target = root / path
        try:
            same = not target.is_symlink() and target.is_file() and _file_digest(target) == digest
        except OSError:
            same = False
        if same and all(not parent.is_symlink() for parent in target.parents if root in parent.parents):
            continue
        copy = store / "files" / str(number)
        if copy.is_symlink() or not copy.is_file() or _file_digest(copy) != digest:
            raise ValueError(f"the saved copy of {path} was changed")
        _clear_way(root, path)
        shutil.copyfile(copy, target)
        os.chmod(target, int(mode))  # type: ignore[call-overload]
        restored += 1
    removed = 0
    for path in _program_files(root):
        if path not in manifest and Path(path).suffix.lower() in SOURCE_SUFFIXES:
            (root / path).unlink()
            removed += 1
    return restored, removed


def main(argv: list[str]) -> int:
    root = Path.cwd()
    if len(argv) == 2 and argv[0] == "save":
        print(f"digest={save(root, root / argv[1])}")
        return 0
    if len(argv) == 3 and argv[0] == "restore":
        try:
            restored, removed = restore(root, root / argv[1], argv[2])
        except ValueError as exc:
            print(f"BROKEN: {exc}; the code under test tampered with the harness's copy of the program")
            return BROKEN
        if restored or removed:
            print(f"restored {restored} changed program file(s), removed {removed} new source file(s)")
        return 0
    print("usage: pristine.py save STORE | restore STORE DIGEST", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
