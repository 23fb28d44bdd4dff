"""Parse checks for the files a mutation rewrote.

``ase validate`` parses only the vulnerable file; a rename or a move touches every file,
so the driver checks each changed source file with the language's own parser (as
:mod:`ase_async.syntax` does for answers) before it spends a semgrep scan on the
candidate. A file that did not parse before the mutation is judged by tree-sitter's
error count not growing.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from .syntax_tree import has_syntax_error, language_of_file

__all__ = ["broken_files"]

_TIMEOUT = 60


def _native(language: str, paths: list[Path]) -> list[Path]:
    """The paths the native checker rejects (none when it is not installed)."""
    bad: list[Path] = []
    if language == "python":
        for path in paths:
            try:
                compile(path.read_bytes(), str(path), "exec", dont_inherit=True)
            except (SyntaxError, ValueError):
                bad.append(path)
        return bad
    argv = {"php": ["php", "-n", "-l"], "javascript": ["node", "--check"], "go": ["gofmt", "-e", "-l"]}.get(language)
    if language == "java" and shutil.which("javac"):
        with tempfile.TemporaryDirectory(prefix="ase-javac-") as out:
            result = subprocess.run(
                ["javac", "-XDshould-stop.ifError=PARSE", "-XDshould-stop.ifNoError=PARSE", "-proc:none",
                 "-nowarn", "-encoding", "UTF-8", "-d", out, *map(str, paths)],
                capture_output=True, timeout=_TIMEOUT,
            )
        if result.returncode != 0:
            text = result.stderr.decode("utf-8", "replace")
            bad.extend(p for p in paths if str(p) in text)
        return bad
    if argv is None or shutil.which(argv[0]) is None:
        return bad
    for path in paths:
        result = subprocess.run([*argv, str(path)], capture_output=True, timeout=_TIMEOUT)
        if result.returncode != 0 and not (language == "javascript" and b"import" in path.read_bytes()):
            bad.append(path)
    return bad


def broken_files(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """Changed or new source files of ``after`` that no longer parse."""
    changed = sorted(p for p, text in after.items() if before.get(p) != text and language_of_file(p) is not None)
    broken: list[str] = []
    by_language: dict[str, list[str]] = {}
    for path in changed:
        language = language_of_file(path)
        assert language is not None
        old = before.get(path)
        if has_syntax_error(language, after[path]) and (old is None or not has_syntax_error(language, old)):
            broken.append(path)
        else:
            by_language.setdefault(language, []).append(path)
    with tempfile.TemporaryDirectory(prefix="ase-mutate-check-") as tmp:
        root = Path(tmp)
        for language, paths in sorted(by_language.items()):
            written = []
            for path in paths:
                target = root / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(after[path], "utf-8", "surrogateescape")
                written.append(target)
            broken.extend(str(p.relative_to(root)) for p in _native(language, written))
    return sorted(broken)
