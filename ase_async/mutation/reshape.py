"""``reshape``: invert ``if``/``else`` statements outside the region.

``if (c) { A } else { B }`` becomes ``if (!(c)) { B } else { A }`` (Python:
``if not (c):``). That is the same program in every language here, whatever ``c``,
``A`` and ``B`` are, so it is applied to plain two-way statements only: no ``elif`` /
``else if`` chain, no Go initializer (``if x := f(); x {``), no PHP ``endif`` form, no
single-line Python bodies. Only statements wholly outside the region change; nested
candidates keep the outermost. Which statements change is decided by a hash of their
text, so every variant of the vulnerable file gets the same reshaping.
"""

from __future__ import annotations

import hashlib
import random

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

__all__ = ["reshape"]

_SHARE = 0.8
_BLOCKS = ("block", "statement_block", "compound_statement")


def _else_block(node: Node) -> Node | None:
    alternative = node.child_by_field_name("alternative")
    if alternative is None:
        return None
    if alternative.type == "else_clause":
        body = alternative.child_by_field_name("body")
        if body is None:
            inner = [c for c in alternative.named_children if c.type != "comment"]
            body = inner[0] if len(inner) == 1 else None
        alternative = body
    if alternative is None or alternative.type not in _BLOCKS:
        return None
    return alternative


def _sites(src: Source, choose) -> list[tuple[int, int, list[Edit]]]:  # type: ignore[no-untyped-def]
    sites = []
    for node in walk(src.root):
        if node.type != "if_statement":
            continue
        condition = node.child_by_field_name("condition")
        then = node.child_by_field_name("consequence") or node.child_by_field_name("body")
        other = _else_block(node)
        if condition is None or then is None or other is None or then.type not in _BLOCKS:
            continue
        if node.child_by_field_name("initializer") is not None:
            continue
        if src.language == "python":
            if [c for c in node.named_children if c.type == "elif_clause"] or then.start_point[0] == node.start_point[0] or other.start_point[0] == other.parent.start_point[0]:
                continue
            if "\n" in src.of(condition):
                continue  # keep the new header on one line
        if not choose(src.of(node)):
            continue
        cond = src.of(condition)
        if src.language == "python":
            new_condition = f"not ({cond})"
        elif src.language == "go":
            new_condition = f"!({cond})"
        else:
            inner = cond[1:-1] if cond.startswith("(") and cond.endswith(")") else cond
            new_condition = f"(!({inner}))"
        a, b = src.span(node)
        edits = [
            Edit(*src.span(condition), new_condition),
            Edit(*src.span(then), src.of(other)),
            Edit(*src.span(other), src.of(then)),
        ]
        sites.append((a, b, edits))
    return sites


def reshape_edits(src: Source, salt: str, region: tuple[int, int] | None) -> list[Edit]:
    """The edits of every chosen inversion that stays clear of the region."""

    def choose(text: str) -> bool:
        digest = hashlib.sha256(f"{salt}\0{text}".encode("utf-8", "surrogateescape")).digest()
        return int.from_bytes(digest[:4], "big") / 2**32 < _SHARE

    kept: list[tuple[int, int, list[Edit]]] = []
    for a, b, edits in sorted(_sites(src, choose), key=lambda s: (s[0], -s[1])):
        if region is not None and not (b <= region[0] or a >= region[1]):
            continue
        if kept and a < kept[-1][1]:
            continue  # nested in a statement already inverted
        kept.append((a, b, edits))
    return [edit for _, _, edits in kept for edit in edits]


def reshape(case: Case, rng: random.Random) -> Case:
    """Invert ``if``/``else`` statements in every file of the instance's language.

    Raises:
        NotApplicable: no statement could be inverted.
    """
    salt = f"{rng.getrandbits(64):016x}"
    files = dict(case.files)
    changed = 0
    for path in sorted(files):
        if path == case.vuln_file or language_of_file(path) != case.language:
            continue
        edits = reshape_edits(Source(case.language, files[path]), salt, None)
        changed += len(edits)
        files[path] = apply_edits(files[path], edits)[0]
    counts: list[int] = []

    def transform(text: str, region: Region) -> tuple[str, Region]:
        span = region_bytes(text, region)
        edits = reshape_edits(Source(case.language, text), salt, span)
        counts.append(len(edits))
        new_text, new_span = apply_edits(text, edits, span)
        assert new_span is not None
        return new_text, line_region(new_text, *new_span)

    vuln_text, region, variants = transform_variants(case, transform)
    changed += max(counts, default=0)
    if not changed:
        raise NotApplicable("no if/else statement to invert outside the region")
    files[case.vuln_file] = vuln_text
    return replace_case(case, files=files, region=region, variants=variants, mutations=(*case.mutations, "reshape"))
