"""``extract``: move a function's body into a new helper that the function calls.

``def f(a, b=1): BODY`` becomes ``def f(a, b=1): return _f_impl(a, b)`` followed by
``def _f_impl(a, b=1): BODY``. The helper has the same parameter list, so every argument
reaches the body with the same value (defaults are applied by the wrapper and again,
identically, by the helper); the wrapper returns what the helper returns (nothing for
``void`` functions). The call graph changes; the behaviour does not.

Only functions *outside* the region are extracted, so the region stays one contiguous
block and the reference fix applies unchanged. Functions whose body could notice the
extra frame are skipped: Python generators, ``async``, positional-only markers and
class methods; JavaScript bodies using ``this``/``arguments``/``await``/``yield`` or
destructured parameters; PHP ``static`` locals, ``func_get_args``, ``never``; Go
methods, generics and unnamed parameters; Java constructors, generics and abstract
methods.
"""

from __future__ import annotations

import random
import re

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
from .syntax_tree import Node, Source, language_of_file, walk
from .vocabulary import join_words, split_words

__all__ = ["extract"]

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SUFFIXES = ("impl", "inner", "core", "body", "unchecked", "step")


def _helper_name(name: str, suffix: str, language: str) -> str:
    prefix, words, style = split_words(name)
    if style == "other" or not words:
        return f"{name}_{suffix}"
    if language == "python" and not prefix:
        prefix = "_"
    if style == "lower":
        style = "snake" if language in ("python", "php") else "camel"
    if language == "go" and style == "pascal":
        style = "camel"  # the helper stays unexported
    return join_words(prefix, [*words, suffix], style)


def _candidates(src: Source) -> list[Node]:
    """Function nodes that may be extracted, in document order."""
    found = []
    for node in walk(src.root):
        if src.language == "python" and node.type == "function_definition":
            parent = node.parent.parent if node.parent is not None and node.parent.type == "decorated_definition" else node.parent
            text = src.of(node)
            body = node.child_by_field_name("body")
            if (parent is None or parent.type != "module" or text.startswith("async") or body is None
                    or re.search(r"\b(yield|nonlocal|locals|super)\b", src.of(body)) or "/" in _python_params(src, node, check_only=True)):
                continue
            if body.start_point[0] == node.start_point[0]:
                continue
            found.append(node)
        elif src.language == "javascript" and node.type == "function_declaration":
            body = node.child_by_field_name("body")
            params = node.child_by_field_name("parameters")
            if node.parent is None or node.parent.type != "program" or body is None or params is None:
                continue
            if src.of(node).startswith("async") or "*" in src.of(node).split("(")[0]:
                continue
            if re.search(r"\b(this|arguments|await|yield|new\.target)\b", src.of(body)):
                continue
            if any(p.type not in ("identifier", "assignment_pattern", "rest_pattern", "comment") for p in params.named_children):
                continue
            found.append(node)
        elif src.language == "php" and node.type == "function_definition":
            body = node.child_by_field_name("body")
            if node.parent is None or node.parent.type != "program" or body is None:
                continue
            if re.search(r"\bstatic\s+\$|func_get_args|func_num_args|__FUNCTION__|debug_backtrace", src.of(body)):
                continue
            if re.search(r"\)\s*:\s*never\b", src.of(node).split("{")[0]):
                continue
            found.append(node)
        elif src.language == "go" and node.type == "function_declaration":
            if node.child_by_field_name("type_parameters") is not None or node.child_by_field_name("body") is None:
                continue
            name = node.child_by_field_name("name")
            if name is None or src.of(name) in ("main", "init"):
                continue
            params = node.child_by_field_name("parameters")
            if params is None or any(
                p.child_by_field_name("name") is None or src.of(p.child_by_field_name("name")) == "_"
                for p in params.named_children if p.type in ("parameter_declaration", "variadic_parameter_declaration")
            ):
                continue
            found.append(node)
        elif src.language == "java" and node.type == "method_declaration":
            if node.child_by_field_name("body") is None or node.child_by_field_name("type_parameters") is not None:
                continue
            if node.parent is None or node.parent.type != "class_body":
                continue
            found.append(node)
    return found


def _python_params(src: Source, node: Node, check_only: bool = False) -> str:
    params = node.child_by_field_name("parameters")
    out: list[str] = []
    keyword_only = False
    for p in params.named_children if params is not None else []:
        kind = p.type
        if kind == "positional_separator":
            return "/"
        if kind == "keyword_separator":
            keyword_only = True
            continue
        if kind == "list_splat_pattern":
            out.append("*" + src.of(p).lstrip("*").split(":")[0].strip())
            keyword_only = True
            continue
        if kind == "dictionary_splat_pattern":
            out.append("**" + src.of(p).lstrip("*").split(":")[0].strip())
            continue
        name_node = p.child_by_field_name("name") if kind in ("default_parameter", "typed_default_parameter") else p
        if kind == "typed_parameter":
            name_node = next((c for c in p.named_children if c.type in ("identifier", "list_splat_pattern", "dictionary_splat_pattern")), None)
            if name_node is not None and name_node.type != "identifier":
                text = src.of(name_node)
                out.append(text)
                keyword_only = keyword_only or (text.startswith("*") and not text.startswith("**"))
                continue
        if name_node is None:
            return "/"
        name = src.of(name_node)
        out.append(f"{name}={name}" if keyword_only else name)
    return ", ".join(out)


def _arguments(src: Source, node: Node) -> str:
    language = src.language
    if language == "python":
        return _python_params(src, node)
    params = node.child_by_field_name("parameters")
    names: list[str] = []
    for p in params.named_children if params is not None else []:
        if p.type == "comment":
            continue
        if language == "javascript":
            if p.type == "identifier":
                names.append(src.of(p))
            elif p.type == "assignment_pattern":
                names.append(src.of(p.child_by_field_name("left")))
            elif p.type == "rest_pattern":
                names.append("..." + src.of(p.named_children[0]))
        elif language == "php":
            var = p.child_by_field_name("name")
            text = src.of(var) if var is not None else ""
            names.append(("..." + text) if p.type == "variadic_parameter" else text)
        elif language == "go":
            for n in p.children_by_field_name("name"):
                names.append(src.of(n) + ("..." if p.type == "variadic_parameter_declaration" else ""))
        elif language == "java":
            if p.type == "spread_parameter":
                declarator = next((c for c in p.named_children if c.type == "variable_declarator"), None)
                names.append(src.of(declarator.child_by_field_name("name")) if declarator is not None else "")
            elif p.type == "formal_parameter":
                names.append(src.of(p.child_by_field_name("name")))
    return ", ".join(names)


def _returns_value(src: Source, node: Node) -> bool:
    header = src.text[src.span(node)[0] : src.span(node.child_by_field_name("body"))[0]]
    if src.language == "java":
        kind = node.child_by_field_name("type")
        return kind is not None and src.of(kind) != "void"
    if src.language == "go":
        return node.child_by_field_name("result") is not None
    if src.language == "php":
        return not re.search(r"\)\s*:\s*\??void\b", header)
    return True  # Python and JavaScript return None/undefined through the helper


def extraction_edits(src: Source, names: list[str], helper_names: dict[str, str]) -> list[Edit]:
    """Edits that extract the named functions (those not found are skipped)."""
    edits: list[Edit] = []
    for node in _candidates(src):
        name_node = node.child_by_field_name("name")
        name = src.of(name_node) if name_node is not None else ""
        if name not in names:
            continue
        helper = helper_names[name]
        body = node.child_by_field_name("body")
        call = f"{helper}({_arguments(src, node)})"
        is_static = src.language == "java" and re.search(r"\bstatic\b", src.of(node).split("(")[0]) is not None
        statement = ("return " if _returns_value(src, node) else "") + call
        start, end = src.span(node)
        head_start = src.line_start(start)
        indent = src.text[head_start:start]
        if not indent.strip() == "":
            continue
        decorated = node.parent if node.parent is not None and node.parent.type == "decorated_definition" else node
        if src.language == "python":
            body_start = src.line_start(src.span(body)[0])
            body_indent = src.text[body_start : src.span(body)[0]]
            wrapper = f"{body_indent}{statement}\n"
            helper_text = f"\n\ndef {helper}{src.of(node.child_by_field_name('parameters'))}:\n" + src.text[body_start : src.line_end(end)]
            if not helper_text.endswith("\n"):
                helper_text += "\n"
            edits.append(Edit(body_start, src.line_end(end), wrapper))
            edits.append(Edit(src.line_end(src.span(decorated)[1]), src.line_end(src.span(decorated)[1]), helper_text))
            continue
        a, b = src.span(body)
        inner = src.text[a + 1 : b - 1]
        step = "\t" if src.language == "go" or indent.startswith("\t") else "    "
        if src.language == "javascript" and not indent:
            step = "  " if re.search(r"\n  \S", inner) else step
        if src.language == "go":
            step = "\t"
        edits.append(Edit(a, b, "{\n" + indent + step + statement + (";" if src.language in ("java", "javascript", "php") else "") + "\n" + indent + "}"))
        header = src.text[start:a]
        if src.language == "go":
            new_header = header.replace(f"func {name}", f"func {helper}", 1)
        elif src.language == "javascript":
            new_header = re.sub(rf"\bfunction\s+{re.escape(name)}\b", f"function {helper}", header, count=1)
        elif src.language == "php":
            new_header = re.sub(rf"\bfunction\s+&?\s*{re.escape(name)}\b", f"function {helper}", header, count=1)
        else:
            modifiers = "private static " if is_static else "private "
            kind = node.child_by_field_name("type")
            params_node = node.child_by_field_name("parameters")
            throws = next((src.of(c) + " " for c in node.named_children if c.type == "throws"), "")
            new_header = f"{modifiers}{src.of(kind)} {helper}{src.of(params_node)} {throws}"
        helper_text = "\n\n" + indent + new_header + src.text[a:b]
        line_end = src.line_end(end)
        edits.append(Edit(line_end, line_end, helper_text[1:] + "\n"))
    return edits


def extract(case: Case, rng: random.Random) -> Case:
    """Extract the bodies of one or two functions outside the region into helpers.

    Raises:
        NotApplicable: no function outside the region can be extracted.
    """
    taken = {w for text in [*case.files.values(), *case.variants.values(), case.rule, case.description] for w in _WORD.findall(text)}
    vuln = Source(case.language, case.files[case.vuln_file])
    a, b = region_bytes(vuln.text, case.region)
    outside = [n for n in _candidates(vuln) if vuln.span(n)[1] <= a or vuln.span(n)[0] >= b]
    names = sorted({vuln.of(n.child_by_field_name("name")) for n in outside})
    target = case.vuln_file
    if not names:
        others = sorted(p for p in case.files if p != case.vuln_file and language_of_file(p) == case.language)
        rng.shuffle(others)
        for path in others:
            names = sorted({Source(case.language, case.files[path]).of(n.child_by_field_name("name")) for n in _candidates(Source(case.language, case.files[path]))})
            if names:
                target = path
                break
    if not names:
        raise NotApplicable("no function outside the region can be extracted")
    chosen = sorted(rng.sample(names, min(len(names), 2)))
    helpers: dict[str, str] = {}
    for name in chosen:
        for suffix in rng.sample(_SUFFIXES, len(_SUFFIXES)):
            helper = _helper_name(name, suffix, case.language)
            if helper not in taken:
                helpers[name] = helper
                taken.add(helper)
                break
    chosen = [n for n in chosen if n in helpers]
    if not chosen:
        raise NotApplicable("no free helper name")
    files = dict(case.files)
    if target != case.vuln_file:
        files[target] = apply_edits(files[target], extraction_edits(Source(case.language, files[target]), chosen, helpers))[0]
        return replace_case(case, files=files, mutations=(*case.mutations, "extract"))

    def transform(text: str, region: Region) -> tuple[str, Region]:
        new_text, span = apply_edits(text, extraction_edits(Source(case.language, text), chosen, helpers), region_bytes(text, region))
        assert span is not None
        return new_text, line_region(new_text, *span)

    vuln_text, region, variants = transform_variants(case, transform)
    files[case.vuln_file] = vuln_text
    return replace_case(case, files=files, region=region, variants=variants, mutations=(*case.mutations, "extract"))
