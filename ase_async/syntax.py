"""The quality check: every file the answer wrote must parse in its language.

tree-sitter (tree-sitter-language-pack 0.13, grammars bundled) gives a fast first opinion
that is always recorded; the verdict comes from the language's own parse-only checker
where it is installed, because tree-sitter grammars lag behind the languages:

==========  ==============================================================
python      ``compile()`` in the harness (parsing runs none of the code)
php         ``php -l``
javascript  ``node --check`` (retried as an ES module when it uses ``import``)
go          ``gofmt -e``
java        ``javac`` stopped after parsing (``-XDshould-stop.*=PARSE``)
==========  ==============================================================

Other languages, or a missing checker, are judged by tree-sitter alone, and the event says
which checker decided.

A parse-only check is a pure function of the file's path and bytes, so verdicts are cached
by (path, SHA-256 of the content): the same answer in another cycle, or from another model,
is not parsed twice. That matters for ``javac``, whose JVM start costs ~0.5 s a file.
"""

from __future__ import annotations

import functools
import hashlib
import shutil
from collections import OrderedDict
from collections.abc import Sequence

import anyio

from ._errors import SandboxError
from .events import FileSyntax
from .instance import language_of_path

__all__ = ["check_files", "native_checkers", "tree_sitter_ok"]

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


def _python_compile(source: bytes, path: str) -> str:
    try:
        compile(source, path, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as exc:
        return f"{type(exc).__name__}: {exc}"
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
    if language == "python":
        message = await anyio.to_thread.run_sync(_python_compile, source, path)
        return FileSyntax(path=path, ok=not message, checker="python-compile", message=message, tree_sitter_ok=ts_ok)
    if language not in checkers:
        return FileSyntax(path=path, ok=bool(ts_ok), checker="tree-sitter", tree_sitter_ok=ts_ok,
                          message="" if ts_ok else "tree-sitter found a syntax error")
    result = await sandbox.exec([*_NATIVE[language], path], timeout=_TIMEOUT, output_limit=64 * 1024)
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
    message = "" if ok else ("timed out" if result.timed_out else output.strip()[-1000:])
    return FileSyntax(path=path, ok=ok, checker=checkers[language], message=message, tree_sitter_ok=ts_ok)


async def check_files(sandbox, paths: Sequence[str]) -> list[FileSyntax]:  # type: ignore[no-untyped-def]
    """Check each file in the session's working copy; one result per path, in order."""
    checkers = native_checkers()
    return [await _check_one(sandbox, path, checkers) for path in paths]
