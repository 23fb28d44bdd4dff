"""``api_substitution``: swap constructs for equivalent ones, behaviour kept.

Only swaps that mean the same thing in the language are made, so the vulnerable code
stays vulnerable and every fix keeps its meaning:

==========  =========================================================================
python      ``f"a{x!r:>3}"`` -> ``"a{!r:>3}".format(x)`` (both call ``format(x, spec)``)
javascript  ``const`` -> ``let``; a one-line template literal -> ``'' + ...`` concatenation
            (both convert each value with ToString)
php         ``"a $x b"`` -> ``"a " . $x . " b"`` (plain variables only; ``$a[k]`` inside a
            string means something else, so those strings are left); ``echo x;`` ->
            ``print x;`` (one argument)
go          ``strings.Replace(a, b, c, -1)`` -> ``strings.ReplaceAll(a, b, c)``;
            ``interface{}`` -> ``any``; ``var x = e`` -> ``x := e`` inside functions;
            ``x += e`` -> ``x = x + e`` (``x`` a plain name)
java        ``String.format("..%s..", a)`` (only ``%s`` and ``%%``) -> concatenation
            (both use ``String.valueOf``); ``s.length() == 0`` -> ``s.isEmpty()``
==========  =========================================================================

Which sites change is decided per site by a hash of the site's text and a salt drawn
from the instance's random stream, never by position: a site outside the region must
change the same way whichever variant fills the region.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Callable

from .case import (
    Case,
    Edit,
    NotApplicable,
    Region,
    apply_edits,
    drop_straddling,
    line_region,
    region_bytes,
    replace_case,
    transform_variants,
)
from .syntax_tree import Node, Source, language_of_file, walk

__all__ = ["api_substitution", "substitution_edits"]

#: Share of eligible sites that are rewritten.
_SHARE = 0.75

Chooser = Callable[[str], bool]


def _chooser(salt: str) -> Chooser:
    def choose(site: str) -> bool:
        digest = hashlib.sha256(f"{salt}\0{site}".encode("utf-8", "surrogateescape")).digest()
        return int.from_bytes(digest[:4], "big") / 2**32 < _SHARE

    return choose


# --- Python -------------------------------------------------------------------------


def _python(src: Source, choose: Chooser) -> list[Edit]:
    edits = []
    for node in walk(src.root):
        if node.type != "string" or not node.children:
            continue
        start = node.children[0]
        prefix = src.of(start)
        if start.type != "string_start" or "f" not in prefix.lower() or "b" in prefix.lower():
            continue
        parts: list[str] = []
        args: list[str] = []
        ok = True
        for child in node.children[1:-1]:
            if child.type == "interpolation":
                expression = child.child_by_field_name("expression")
                conversion = child.child_by_field_name("type_conversion")
                spec = child.child_by_field_name("format_specifier")
                text = src.of(expression) if expression is not None else ""
                if (not text or "\n" in text or (spec is not None and any(n.type == "interpolation" for n in walk(spec)))
                        or "=" in src.of(child).replace(text, "", 1).split(":")[0]):
                    ok = False
                    break
                args.append(text)
                parts.append("{" + (src.of(conversion) if conversion is not None else "") + (src.of(spec) if spec is not None else "") + "}")
            else:
                parts.append(src.of(child))
        site = src.of(node)
        if not ok or not args or not choose(site):
            continue
        new_prefix = prefix.replace("f", "").replace("F", "")
        a, b = src.span(node)
        edits.append(Edit(a, b, f"{new_prefix}{''.join(parts)}{src.of(node.children[-1])}.format({', '.join(args)})"))
    return edits


# --- JavaScript ---------------------------------------------------------------------


def _javascript(src: Source, choose: Chooser) -> list[Edit]:
    edits = []
    for node in walk(src.root):
        if node.type == "lexical_declaration" and node.children and node.children[0].type == "const":
            parent = node.parent
            # `for (const x of xs)` declares per iteration either way; keep it simple.
            if parent is not None and parent.type in ("for_in_statement", "for_statement"):
                continue
            if choose(src.of(node)):
                a, b = src.span(node.children[0])
                edits.append(Edit(a, b, "let"))
        elif node.type == "template_string" and "\n" not in src.of(node):
            parent = node.parent
            if parent is not None and parent.type == "call_expression" and parent.child_by_field_name("arguments") is node:
                continue  # a tagged template: tag`...` calls the tag with the raw parts
            pieces: list[str] = []
            ok = True
            for child in node.children:
                if child.type in ("`",):
                    continue
                if child.type == "template_substitution":
                    inner = [c for c in child.named_children]
                    if len(inner) != 1:
                        ok = False
                        break
                    pieces.append(f"({src.of(inner[0])})" if inner[0].type not in ("identifier", "member_expression", "call_expression", "subscript_expression") else src.of(inner[0]))
                elif child.type in ("string_fragment", "escape_sequence"):
                    text = src.of(child)
                    if child.type == "escape_sequence" and text in ("\\`", "\\$"):
                        text = text[1:]
                    text = text.replace("'", "\\'") if child.type == "string_fragment" else text
                    if pieces and pieces[-1].startswith("'"):
                        pieces[-1] = pieces[-1][:-1] + text + "'"
                    else:
                        pieces.append(f"'{text}'")
                else:
                    ok = False
                    break
            if not ok or not any(not p.startswith("'") for p in pieces) or not choose(src.of(node)):
                continue
            if not pieces[0].startswith("'"):
                pieces.insert(0, "''")  # start from a string so `+` concatenates
            a, b = src.span(node)
            text = " + ".join(pieces)
            needs_parens = parent is not None and parent.type in ("member_expression", "binary_expression", "unary_expression", "subscript_expression")
            edits.append(Edit(a, b, f"({text})" if needs_parens else text))
    return edits


# --- PHP ----------------------------------------------------------------------------


def _php(src: Source, choose: Chooser) -> list[Edit]:
    edits = []
    for node in walk(src.root):
        if node.type == "encapsed_string" and src.of(node).startswith('"'):
            inner = node.children[1:-1]
            if not any(c.type == "variable_name" for c in inner):
                continue
            if any(c.type not in ("string_content", "escape_sequence", "variable_name") for c in inner):
                continue
            parent = node.parent
            if parent is not None and parent.type in ("binary_expression", "member_access_expression", "subscript_expression", "unary_op_expression", "cast_expression"):
                continue  # keep precedence obvious: only whole-expression strings
            pieces: list[str] = []
            for child in inner:
                if child.type == "variable_name":
                    pieces.append(src.of(child))
                elif pieces and pieces[-1].startswith('"'):
                    pieces[-1] = pieces[-1][:-1] + src.of(child) + '"'
                else:
                    pieces.append('"' + src.of(child) + '"')
            if len(pieces) < 2 or not choose(src.of(node)):
                continue
            a, b = src.span(node)
            edits.append(Edit(a, b, " . ".join(pieces)))
        elif node.type == "echo_statement":
            args = [c for c in node.named_children if c.type != "comment"]
            if len(args) != 1 or args[0].type == "sequence_expression" or not choose(src.of(node)):
                continue
            keyword = node.children[0]
            a, b = src.span(keyword)
            if src.text[a:b].lower() == "echo":
                edits.append(Edit(a, b, "print"))
    return edits


# --- Go -----------------------------------------------------------------------------


def _go(src: Source, choose: Chooser) -> list[Edit]:
    edits = []
    for node in walk(src.root):
        if node.type == "call_expression":
            function = node.child_by_field_name("function")
            arguments = node.child_by_field_name("arguments")
            if function is None or arguments is None or src.of(function) != "strings.Replace":
                continue
            args = arguments.named_children
            if len(args) == 4 and src.of(args[3]).replace(" ", "") == "-1" and choose(src.of(node)):
                a, b = src.span(node)
                edits.append(Edit(a, b, f"strings.ReplaceAll({src.of(args[0])}, {src.of(args[1])}, {src.of(args[2])})"))
        elif node.type == "interface_type" and src.of(node).replace(" ", "") == "interface{}":
            if choose(src.of(node.parent) if node.parent is not None else "interface{}"):
                a, b = src.span(node)
                edits.append(Edit(a, b, "any"))
        elif node.type == "var_declaration" and _inside_function(node):
            specs = [c for c in node.named_children if c.type == "var_spec"]
            if len(specs) != 1 or src.of(node).startswith("var ("):
                continue
            spec = specs[0]
            names = spec.children_by_field_name("name")
            value = spec.child_by_field_name("value")
            if spec.child_by_field_name("type") is not None or value is None or not names or not choose(src.of(node)):
                continue
            a, b = src.span(node)
            edits.append(Edit(a, b, f"{', '.join(src.of(n) for n in names)} := {src.of(value)}"))
        elif node.type == "assignment_statement":
            operator = node.child_by_field_name("operator")
            left = node.child_by_field_name("left")
            right = node.child_by_field_name("right")
            if operator is None or left is None or right is None or src.of(operator) != "+=":
                continue
            if left.named_child_count != 1 or left.named_children[0].type != "identifier" or right.named_child_count != 1:
                continue
            value = right.named_children[0]
            if not choose(src.of(node)):
                continue
            name = src.of(left)
            rhs = src.of(value)
            if value.type == "binary_expression":
                rhs = f"({rhs})"  # x += a - b is x = x + (a - b)
            a, b = src.span(node)
            edits.append(Edit(a, b, f"{name} = {name} + {rhs}"))
    return edits


def _inside_function(node: Node) -> bool:
    current = node.parent
    while current is not None:
        if current.type in ("function_declaration", "method_declaration", "func_literal"):
            return True
        current = current.parent
    return False


# --- Java ---------------------------------------------------------------------------

_JAVA_PRIMARY = ("identifier", "field_access", "method_invocation", "string_literal", "array_access",
                 "decimal_integer_literal", "this", "parenthesized_expression")


def _java(src: Source, choose: Chooser) -> list[Edit]:
    edits = []
    for node in walk(src.root):
        if node.type == "method_invocation":
            obj = node.child_by_field_name("object")
            name = node.child_by_field_name("name")
            arguments = node.child_by_field_name("arguments")
            if obj is None or name is None or arguments is None:
                continue
            if src.of(obj) == "String" and src.of(name) == "format":
                args = arguments.named_children
                if not args or args[0].type != "string_literal" or '"""' in src.of(args[0]):
                    continue
                fmt = src.of(args[0])[1:-1]
                pieces = re.split(r"(%s|%%)", fmt)
                if re.search(r"%(?!s|%)", re.sub(r"%s|%%", "", fmt)) is not None:
                    continue
                values = args[1:]
                if sum(p == "%s" for p in pieces) != len(values):
                    continue
                out: list[str] = []
                literal = ""
                index = 0
                for piece in pieces:
                    if piece == "%s":
                        if literal:
                            out.append(f'"{literal}"')
                            literal = ""
                        value = values[index]
                        index += 1
                        out.append(src.of(value) if value.type in _JAVA_PRIMARY else f"({src.of(value)})")
                    else:
                        literal += "%" if piece == "%%" else piece
                if literal:
                    out.append(f'"{literal}"')
                if not out or not out[0].startswith('"'):
                    out.insert(0, '""')
                if len(out) == 1 or not choose(src.of(node)):
                    continue
                parent = node.parent
                text = " + ".join(out)
                if parent is not None and parent.type in ("field_access", "method_invocation", "binary_expression", "unary_expression", "cast_expression"):
                    text = f"({text})"
                a, b = src.span(node)
                edits.append(Edit(a, b, text))
        elif node.type == "binary_expression":
            left = node.child_by_field_name("left")
            right = node.child_by_field_name("right")
            operator = node.child_by_field_name("operator")
            if left is None or right is None or operator is None or src.of(operator) != "==" or src.of(right) != "0":
                continue
            if left.type != "method_invocation" or not src.of(left).endswith(".length()"):
                continue
            receiver = left.child_by_field_name("object")
            if receiver is None or not choose(src.of(node)):
                continue
            a, b = src.span(node)
            edits.append(Edit(a, b, f"{src.of(receiver)}.isEmpty()"))
    return edits


_SUBSTITUTIONS = {"python": _python, "javascript": _javascript, "php": _php, "go": _go, "java": _java}


def substitution_edits(src: Source, choose: Chooser) -> list[Edit]:
    """The substitutions for one file; nested sites keep only the outermost one."""
    edits = sorted(_SUBSTITUTIONS[src.language](src, choose), key=lambda e: (e.start, -e.end))
    kept: list[Edit] = []
    for edit in edits:
        if kept and edit.start < kept[-1].end:
            continue
        kept.append(edit)
    return kept


def api_substitution(case: Case, rng: random.Random) -> Case:
    """Swap equivalent APIs in every file of the instance's language.

    Raises:
        NotApplicable: nothing to swap in this project.
    """
    choose = _chooser(f"{rng.getrandbits(64):016x}")
    files = dict(case.files)
    changed = 0
    for path in sorted(files):
        if path == case.vuln_file or language_of_file(path) != case.language:
            continue
        edits = substitution_edits(Source(case.language, files[path]), choose)
        changed += len(edits)
        files[path] = apply_edits(files[path], edits)[0]

    def transform(text: str, region: Region) -> tuple[str, Region]:
        span = region_bytes(text, region)
        edits = drop_straddling(substitution_edits(Source(case.language, text), choose), span)
        new_text, new_span = apply_edits(text, edits, span)
        assert new_span is not None
        return new_text, line_region(new_text, *new_span)

    vuln_text, region, variants = transform_variants(case, transform)
    if vuln_text != case.files[case.vuln_file] or variants != case.variants:
        changed += 1
    if not changed:
        raise NotApplicable("no equivalent API to swap")
    files[case.vuln_file] = vuln_text
    return replace_case(case, files=files, region=region, variants=variants, mutations=(*case.mutations, "api_substitution"))
