"""``move_file``: move the vulnerable file (or its package) and fix every reference.

==========  =========================================================================
go, java    the vulnerable file's whole package folder moves one level down
            (``internal/web`` -> ``internal/http/web``); import paths, ``package``
            declarations and qualified names are rewritten. The package keeps its
            name and its files stay together, so nothing else changes meaning.
python      the module moves into a new subpackage (with an ``__init__.py``); its own
            relative imports gain a level, and imports of it are rewritten
javascript  the file moves into a new subfolder; every relative ``require``/``import``
            from it and to it is recomputed
php         the file moves into a new subfolder; ``__DIR__ . '/...'`` paths from it
            and to it are recomputed
==========  =========================================================================

A move is refused (:class:`NotApplicable`) when a reference could not be followed: a
file that locates things through ``__file__``/``__dirname``, an include relative to the
working directory, ``import pkg.mod`` used as a qualified name. Markdown files get the
same path replacements, so the README keeps describing the project. The rule's
``paths`` patterns name files by base name, which a move keeps; a pattern with a folder
in it is rewritten like any other path.
"""

from __future__ import annotations

import functools
import posixpath
import random
import re
from collections.abc import Callable

from .case import (
    Case,
    Edit,
    NotApplicable,
    Region,
    apply_edits,
    line_region,
    region_bytes,
    replace_case,
    transform_variants,
)
from .syntax_tree import Source, language_of_file, walk

__all__ = ["move_file"]

_FOLDERS = ("core", "app", "modules", "features", "handlers", "components", "services", "internal", "impl", "web", "http")


def _keep_prefix(match: re.Match[str], *, new: str) -> str:
    return match.group(1) + new


def _new_folder(case: Case, parent: str, rng: random.Random) -> str:
    existing = {posixpath.dirname(p) for p in case.files}
    choices = [f for f in _FOLDERS if posixpath.join(parent, f) not in existing and f != posixpath.basename(parent)]
    if not choices:
        raise NotApplicable("no free folder name")
    return rng.choice(choices)


def _rewrite_paths(case: Case, mapping: dict[str, str], text_replace: list[tuple[str, str]]) -> dict[str, str]:
    """New file table: moved paths renamed; markdown files get ``text_replace``."""
    files: dict[str, str] = {}
    for path, text in case.files.items():
        if path.lower().endswith(".md"):
            for old, new in text_replace:
                text = text.replace(old, new)
        files[mapping.get(path, path)] = text
    return dict(sorted(files.items()))


def _finish(case: Case, files: dict[str, str], vuln_file: str, rewrite_fn: Callable[[str, str], list[Edit]],
            text_replace: list[tuple[str, str]]) -> Case:
    """Apply per-file edit functions (``rewrite_fn(new_path, text) -> edits``) to every
    file, the vulnerable file under every variant."""
    out = dict(files)
    for path in sorted(out):
        if path == vuln_file or language_of_file(path) != case.language:
            continue
        out[path] = apply_edits(out[path], rewrite_fn(path, out[path]))[0]
    moved = replace_case(case, files=out, vuln_file=vuln_file)

    def transform(text: str, region: Region) -> tuple[str, Region]:
        new_text, span = apply_edits(text, rewrite_fn(vuln_file, text), region_bytes(text, region))
        assert span is not None
        return new_text, line_region(new_text, *span)

    vuln_text, region, variants = transform_variants(moved, transform)
    out[vuln_file] = vuln_text
    rule = case.rule
    for old, new in text_replace:
        # Only patterns with a folder in them can mention the old place.
        rule = re.sub(rf"(?m)^(\s*-\s*['\"]?){re.escape(old)}", functools.partial(_keep_prefix, new=new), rule)
    return replace_case(moved, files=out, region=region, variants=variants, rule=rule, mutations=(*case.mutations, "move_file"))


# --- Go and Java: move the package folder -------------------------------------------


def _move_package(case: Case, rng: random.Random, moved: str) -> Case:
    folder = posixpath.dirname(moved)
    if not folder:
        raise NotApplicable("the vulnerable file is at the repository root")
    parent, leaf = posixpath.split(folder)
    new_folder = posixpath.join(parent, _new_folder(case, parent, rng), leaf)
    mapping = {p: new_folder + p[len(folder):] for p in case.files if p.startswith(folder + "/")}
    if case.language == "go":
        module = re.search(r"^module\s+(\S+)", case.files.get("go.mod", ""), re.M)
        if module is None:
            raise NotApplicable("no go.mod")
        old_import = f"{module.group(1)}/{folder}" if folder else module.group(1)
        new_import = f"{module.group(1)}/{new_folder}"
        pattern = re.compile(rf'"{re.escape(old_import)}(?=["/])')
        replacement = f'"{new_import}'
    else:
        text = case.files[moved]
        package = re.search(r"^package\s+([\w.]+)\s*;", text, re.M)
        if package is None or not folder.replace("/", ".").endswith(package.group(1)):
            raise NotApplicable("the package does not match the folder")
        old_package = package.group(1)
        prefix, _, last = old_package.rpartition(".")
        word = new_folder.split("/")[-2]
        new_package = f"{prefix}.{word}.{last}" if prefix else f"{word}.{last}"
        pattern = re.compile(rf"(?<![\w.]){re.escape(old_package)}(?=[.;\"<\s*]|$)")
        replacement = new_package
    files = _rewrite_paths(case, mapping, [(folder + "/", new_folder + "/")])
    # Import paths, package names and qualified names anywhere (web.xml names servlets).
    files = {p: (pattern.sub(replacement, t) if language_of_file(p) != case.language else t) for p, t in files.items()}

    def edits(path: str, text: str) -> list[Edit]:
        return [Edit(m.start(), m.end(), replacement) for m in pattern.finditer(text)]

    return _finish(case, files, mapping.get(case.vuln_file, case.vuln_file), edits, [(folder + "/", new_folder + "/")])


# --- JavaScript: one file, relative requires -----------------------------------------


def _js_specifiers(src: Source) -> list[tuple[int, int, str]]:
    """(start, end, specifier) of every relative ``require('./x')`` / ``import ... from './x'``."""
    found = []
    for node in walk(src.root):
        target = None
        if node.type == "call_expression":
            function = node.child_by_field_name("function")
            arguments = node.child_by_field_name("arguments")
            if function is not None and src.of(function) == "require" and arguments is not None and arguments.named_child_count == 1:
                target = arguments.named_children[0]
        elif node.type in ("import_statement", "export_statement"):
            target = node.child_by_field_name("source")
        if target is not None and target.type == "string":
            a, b = src.span(target)
            spec = src.text[a + 1 : b - 1]
            if spec.startswith("."):
                found.append((a + 1, b - 1, spec))
    return found


def _resolve_js(files: set[str], base: str, spec: str) -> str | None:
    target = posixpath.normpath(posixpath.join(posixpath.dirname(base), spec))
    for candidate in (target, target + ".js", target + ".cjs", target + ".mjs", posixpath.join(target, "index.js")):
        if candidate in files:
            return candidate
    return None


def _relative_spec(from_file: str, target: str, old_spec: str) -> str:
    # Keep the old spelling: with or without the extension, with "/index" or not.
    if not old_spec.endswith((".js", ".cjs", ".mjs")):
        target = posixpath.splitext(target)[0]
        if target.endswith("/index") and not old_spec.endswith("index"):
            target = target[: -len("/index")]
    rel = posixpath.relpath(target, posixpath.dirname(from_file) or ".")
    return rel if rel.startswith(".") else "./" + rel


def _move_js(case: Case, rng: random.Random, old: str) -> Case:
    if "__dirname" in case.files[old] or "__filename" in case.files[old] or "import.meta" in case.files[old]:
        raise NotApplicable("the file locates things relative to itself")
    for path, text in case.files.items():
        if language_of_file(path) is None and posixpath.basename(old) in text and not path.lower().endswith(".md"):
            raise NotApplicable(f"{path} names the file")
    parent = posixpath.dirname(old)
    new = posixpath.join(parent, _new_folder(case, parent, rng), posixpath.basename(old))
    files = _rewrite_paths(case, {old: new}, [(old, new)])
    old_names = set(case.files)

    def edits(path: str, text: str) -> list[Edit]:
        old_path = old if path == new else path
        out = []
        for start, end, spec in _js_specifiers(Source("javascript", text)):
            target = _resolve_js(old_names, old_path, spec)
            if target is None:
                continue
            new_target = new if target == old else target
            new_spec = _relative_spec(path, new_target, spec)
            if new_spec != spec:
                out.append(Edit(start, end, new_spec))
        return out

    return _finish(case, files, new if old == case.vuln_file else case.vuln_file, edits, [(old, new)])


# --- PHP: one file, __DIR__ paths ----------------------------------------------------

_PHP_DIR_PATH = re.compile(r"""__DIR__\s*\.\s*(['"])(/[^'"$]*)\1""")
_PHP_INCLUDE = re.compile(r"""\b(?:require|include)(?:_once)?\b\s*\(?\s*(['"])""")


def _move_php(case: Case, rng: random.Random, old: str) -> Case:
    text = case.files[old]
    if "__FILE__" in text or "dirname(__DIR__" in text or _PHP_INCLUDE.search(text):
        raise NotApplicable("the file locates things in a way we do not rewrite")
    for path, other in case.files.items():
        if path != old and posixpath.basename(old) in other and language_of_file(path) == "php":
            if not any(
                posixpath.normpath(posixpath.join(posixpath.dirname(path), m.group(2).lstrip("/"))) == old
                for m in _PHP_DIR_PATH.finditer(other)
            ):
                raise NotApplicable(f"{path} names the file other than through __DIR__")
        elif language_of_file(path) is None and posixpath.basename(old) in other and not path.lower().endswith(".md"):
            raise NotApplicable(f"{path} names the file")
    parent = posixpath.dirname(old)
    new = posixpath.join(parent, _new_folder(case, parent, rng), posixpath.basename(old))
    files = _rewrite_paths(case, {old: new}, [(old, new)])

    def edits(path: str, content: str) -> list[Edit]:
        old_path = old if path == new else path
        out = []
        for match in _PHP_DIR_PATH.finditer(content):
            rel = match.group(2)
            target = posixpath.normpath(posixpath.join(posixpath.dirname(old_path), rel.lstrip("/")))
            if target == old:
                target = new
            new_rel = "/" + posixpath.relpath(target, posixpath.dirname(path) or ".")
            if rel.endswith("/") and not new_rel.endswith("/"):
                new_rel += "/"
            if new_rel != rel:
                out.append(Edit(match.start(2), match.end(2), new_rel))
        return out

    return _finish(case, files, new if old == case.vuln_file else case.vuln_file, edits, [(old, new)])


# --- Python: a module into a new subpackage ------------------------------------------

_FROM_IMPORT = re.compile(r"^(\s*from\s+)(\.*)([\w.]*)(\s+import\s+)(.+)$", re.M)


def _move_python(case: Case, rng: random.Random, old: str) -> Case:
    package = posixpath.dirname(old)
    if not package or f"{package}/__init__.py" not in case.files or old.endswith("__init__.py"):
        raise NotApplicable("the file is not a module of a package")
    text = case.files[old]
    if re.search(r"__file__|template_folder|static_folder|root_path", text):
        raise NotApplicable("the module locates files relative to itself")
    for path, other in case.files.items():
        if path.endswith(".py") and re.search(r"^\s*import\s+[\w.]*\b" + re.escape(posixpath.splitext(posixpath.basename(old))[0]) + r"\b", other, re.M):
            raise NotApplicable(f"{path} imports the module by its qualified name")
    sub = _new_folder(case, package, rng)
    new = posixpath.join(package, sub, posixpath.basename(old))
    old_module = tuple(posixpath.splitext(old)[0].split("/"))
    new_module = tuple(posixpath.splitext(new)[0].split("/"))
    files = _rewrite_paths(case, {old: new}, [(old, new)])
    files[posixpath.join(package, sub, "__init__.py")] = ""

    def edits(path: str, content: str) -> list[Edit]:
        here = tuple(posixpath.dirname(path).split("/")) if posixpath.dirname(path) else ()
        old_here = tuple(posixpath.dirname(old).split("/")) if path == new else here
        out = []
        for match in _FROM_IMPORT.finditer(content):
            dots, name, names = match.group(2), match.group(3), match.group(5)
            if dots:
                base = old_here[: len(old_here) - (len(dots) - 1)] if len(dots) > 1 else old_here
                target = base + (tuple(name.split(".")) if name else ())
            else:
                target = tuple(name.split("."))
            imported = [n.strip().split(" as ")[0].strip("() ") for n in names.split(",")]
            if target == old_module:
                new_target = new_module
            elif (*target, old_module[-1]) == old_module and old_module[-1] in imported:
                if len(imported) != 1:
                    raise NotApplicable(f"{path} imports the module among other names")
                new_target = new_module[:-1]
            else:
                new_target = target
            if path == new or new_target != target:
                if dots:
                    common = 0
                    while common < min(len(here), len(new_target)) and here[common] == new_target[common]:
                        common += 1
                    spec = "." * (len(here) - common + 1) + ".".join(new_target[common:])
                else:
                    spec = ".".join(new_target)
                if spec != dots + name:
                    out.append(Edit(match.start(2), match.end(3), spec))
        return out

    return _finish(case, files, new if old == case.vuln_file else case.vuln_file, edits, [(old, new)])


_MOVERS = {"go": _move_package, "java": _move_package, "javascript": _move_js, "php": _move_php, "python": _move_python}


def move_file(case: Case, rng: random.Random) -> Case:
    """Move the vulnerable file (Go, Java: its package), or else another source file, and
    rewrite what refers to it.

    A file (or folder) that the description names stays where it is: the description is
    reused unchanged, so it must stay true.

    Raises:
        NotApplicable: no file could be moved with every reference followed.
    """
    others = sorted(p for p in case.files if p != case.vuln_file and language_of_file(p) == case.language)
    rng.shuffle(others)
    reasons = []
    for target in [case.vuln_file, *others]:
        named = posixpath.dirname(target) + "/" if case.language in ("go", "java") else target
        if named in case.description or (named == "/" and case.language in ("go", "java")):
            reasons.append(f"{target}: named by the description")
            continue
        try:
            return _MOVERS[case.language](case, rng, target)
        except NotApplicable as exc:
            reasons.append(f"{target}: {exc}")
    raise NotApplicable("; ".join(reasons[:3]) or "no file to move")
