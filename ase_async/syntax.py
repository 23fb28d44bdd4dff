"""The quality check: every file the answer wrote must parse in its language.

tree-sitter (tree-sitter-language-pack 0.13, grammars bundled) gives a fast first opinion
that is always recorded; the verdict comes from the language's own parse-only checker
where it is installed, because tree-sitter grammars lag behind the languages:

==========  ==============================================================
python      ``compile()`` in a sandboxed interpreter (parsing runs none of the code)
php         ``php -l``
javascript  ``node --check`` (retried as an ES module when it uses ``import``)
go          ``gofmt -e``
java        ``javac`` stopped after parsing (``-XDshould-stop.*=PARSE``)
==========  ==============================================================

Other languages, or a missing checker, are judged by tree-sitter alone, and the event says
which checker decided.

Every checker runs in the sandbox, never in the harness: an answer that makes a checker
crash, recurse without end or exhaust memory has a syntax error, not an infrastructure
error. A file is passed as ``./path`` so that no file name can become an option.

Code that only the compiler sees is refused: a Python coding cookie other than UTF-8,
ASCII or Latin-1 (UTF-7 hides statements in what semgrep reads as a comment), and a Java
unicode escape that decodes to ASCII (``// \u000a`` ends a comment for javac alone). The
analysis reads the file as text; the compiler must read the same program.

A parse-only check is a pure function of the file's path and bytes, so verdicts are cached
by (path, SHA-256 of the content): the same answer in another cycle, or from another model,
is not parsed twice. That matters for ``javac``, whose JVM start costs ~0.5 s a file.
"""

from __future__ import annotations

import functools
import hashlib
import re
import shutil
from collections import OrderedDict
from collections.abc import Sequence

import anyio

from ._errors import SandboxError
from .events import FileSyntax
from .instance import language_of_path
from .sandboxes.base import ExecResult

__all__ = ["check_files", "hidden_code", "native_checkers", "tree_sitter_ok"]

_TIMEOUT = 60.0
_CACHE_SIZE = 8192
_verdicts: OrderedDict[tuple[str, str], FileSyntax] = OrderedDict()

_NATIVE: dict[str, tuple[str, ...]] = {
    "php": ("php", "-n", "-l"),
    "javascript": ("node", "--check"),
    "go": ("gofmt", "-e", "-l"),
    "java": (
        "javac", "-XDshould-stop.ifError=PARSE", "-XDshould-stop.ifNoError=PARSE",
        "-proc:none", "-nowarn", "-encoding", "UTF-8", "-d", "/tmp/javac-parse-only",
    ),
}
_TREE_SITTER_NAME = {"php": "php", "python": "python", "javascript": "javascript",
                     "typescript": "typescript", "go": "go", "java": "java", "c": "c", "ruby": "ruby"}


@functools.cache
def native_checkers() -> dict[str, str]:
    """Languages whose native checker is installed here, with the program that checks."""
    found = {"python": "python-compile"}
    for language, argv in _NATIVE.items():
        if shutil.which(argv[0]):
            found[language] = argv[0]
    return found


@functools.cache
def _parser(language: str):  # type: ignore[no-untyped-def]  # tree-sitter has no stubs
    from tree_sitter_language_pack import get_parser

    return get_parser(_TREE_SITTER_NAME[language])  # type: ignore[arg-type]


def tree_sitter_ok(language: str, source: bytes) -> bool | None:
    """Whether tree-sitter parses ``source`` without error; None if it has no grammar."""
    if language not in _TREE_SITTER_NAME:
        return None
    try:
        parser = _parser(language)
    except Exception:  # a grammar that fails to load must not fail the check
        return None
    return not parser.parse(source).root_node.has_error


# Compiles without running: -I -S keep the interpreter from reading anything of the answer's.
_PYTHON_COMPILE = (
    "import sys\n"
    "path = sys.argv[1]\n"
    "try:\n"
    "    compile(open(path, 'rb').read(), path, 'exec', dont_inherit=True)\n"
    "except (SyntaxError, ValueError) as exc:\n"
    "    print(f'{type(exc).__name__}: {exc}'); sys.exit(1)\n"
)
_COOKIE = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)", re.MULTILINE)
_SAFE_CODINGS = {"utf-8", "utf8", "utf_8", "utf-8-sig", "ascii", "us-ascii", "latin-1", "latin1",
                 "iso-8859-1", "iso8859-1", "iso_8859_1"}
_JAVA_ESCAPE = re.compile(rb"(?<!\\)(?:\\\\)*\\u+([0-9a-fA-F]{4})")


def hidden_code(language: str, source: bytes) -> str:
    """Why the compiler would read ``source`` otherwise than the analysis does; '' if not."""
    if language == "python":
        for line in source.split(b"\n", 2)[:2]:
            found = _COOKIE.match(line)
            if found and found.group(1).decode("ascii", "replace").lower() not in _SAFE_CODINGS:
                return (f"coding cookie {found.group(1).decode('ascii', 'replace')!r} refused: the "
                        "analysis reads UTF-8, so the compiler would run code that it cannot see")
    if language == "java":
        for found in _JAVA_ESCAPE.finditer(source):
            code = int(found.group(1), 16)
            if code in (0x0A, 0x0D) or 0x20 <= code < 0x7F:
                return (f"unicode escape \\u{found.group(1).decode()} refused: javac reads it as "
                        f"{chr(code)!r} before parsing, the analysis as text")
    return ""


async def _check_one(sandbox, path: str, checkers: dict[str, str]) -> FileSyntax:  # type: ignore[no-untyped-def]
    language = language_of_path(path)
    if language is None:
        return FileSyntax(path=path, ok=True, checker="none")
    try:
        source = await sandbox.read_file(path)
    except SandboxError as exc:
        return FileSyntax(path=path, ok=False, checker="read", message=str(exc))
    key = (path, hashlib.sha256(source).hexdigest())
    cached = _verdicts.get(key)
    if cached is not None:
        _verdicts.move_to_end(key)
        return cached
    verdict = await _parse(sandbox, path, language, source, checkers)
    if not verdict.message.startswith("timed out"):
        _verdicts[key] = verdict
        if len(_verdicts) > _CACHE_SIZE:
            _verdicts.popitem(last=False)
    return verdict


async def _parse(sandbox, path: str, language: str, source: bytes, checkers: dict[str, str]) -> FileSyntax:  # type: ignore[no-untyped-def]
    ts_ok = await anyio.to_thread.run_sync(tree_sitter_ok, language, source)
    hidden = hidden_code(language, source)
    if hidden:
        return FileSyntax(path=path, ok=False, checker="hidden-code", message=hidden, tree_sitter_ok=ts_ok)
    if language == "python":
        result = await sandbox.exec(["python3", "-I", "-S", "-c", _PYTHON_COMPILE, f"./{path}"],
                                    timeout=_TIMEOUT, output_limit=64 * 1024)
        return FileSyntax(path=path, ok=result.ok, checker="python-compile", tree_sitter_ok=ts_ok,
                          message="" if result.ok else _failure(result))
    if language not in checkers:
        return FileSyntax(path=path, ok=bool(ts_ok), checker="tree-sitter", tree_sitter_ok=ts_ok,
                          message="" if ts_ok else "tree-sitter found a syntax error")
    result = await sandbox.exec([*_NATIVE[language], f"./{path}"], timeout=_TIMEOUT, output_limit=64 * 1024)
    output = (result.stderr + result.stdout).decode("utf-8", "replace")
    if language == "javascript" and result.returncode != 0 and (
        "import statement outside a module" in output or "'import' and 'export'" in output
        or "Unexpected token 'export'" in output
    ):
        result = await sandbox.exec(["node", "--input-type=module", "--check"], input=source,
                                    timeout=_TIMEOUT, output_limit=64 * 1024)
        output = (result.stderr + result.stdout).decode("utf-8", "replace")
    ok = result.returncode == 0 and not result.timed_out
    if language == "php" and ok and "No syntax errors" not in output:
        ok = False
    message = "" if ok else _failure(result)
    return FileSyntax(path=path, ok=ok, checker=checkers[language], message=message, tree_sitter_ok=ts_ok)


def _failure(result: ExecResult) -> str:
    """What a failed checker said: its output, or how it died (a crash is the answer's)."""
    if result.timed_out:
        return "timed out"
    output = (result.stderr + result.stdout).decode("utf-8", "replace").strip()
    if result.returncode < 0 or result.returncode >= 128:
        return f"the checker died (exit {result.returncode}) on this file: {output[-600:]}".strip()
    return output[-1000:]


async def check_files(sandbox, paths: Sequence[str]) -> list[FileSyntax]:  # type: ignore[no-untyped-def]
    """Check each file in the session's working copy; one result per path, in order."""
    checkers = native_checkers()
    return [await _check_one(sandbox, path, checkers) for path in paths]
