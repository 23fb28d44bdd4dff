"""``reorder``: shuffle functions and methods where their order means nothing.

Only *runs* of consecutive declarations whose order the language ignores are shuffled:
top-level functions (hoisted in PHP and JavaScript, order-free in Go; in Python a run of
``def`` with no statement between them, and no decorator naming a sibling), methods of one
class. Anything else between two declarations (a statement, a detached comment) ends the
run, so module-level code keeps seeing what it saw. Doc comments travel with their
declaration. Runs with two declarations of the same name (Python property setters,
overloads of the same signature) are left alone.

The region moves with the declaration that holds it, at the same offset inside it. A
declaration that the region only partly covers, or that lies inside the region, is not
moved. The new order is a sort by a hash of each declaration's name, so it is the same
in every variant of the vulnerable file.
"""

from __future__ import annotations

import dataclasses
import hashlib
import random
import re

from .case import (
    Case,
    NotApplicable,
    Region,
    line_region,
    region_bytes,
    replace_case,
    transform_variants,
)
from .syntax_tree import Node, Source, language_of_file, walk

__all__ = ["reorder"]

# Containers whose children may be shuffled, and the declarations that may move.
_CONTAINERS = {
    "python": ("module", "block"),
    "javascript": ("program", "class_body"),
    "php": ("program", "declaration_list"),
    "go": ("source_file",),
    "java": ("class_body", "interface_body"),
}
_ITEMS = {
    "python": ("function_definition", "decorated_definition"),
    "javascript": ("function_declaration", "method_definition"),
    "php": ("function_definition", "method_declaration"),
    "go": ("function_declaration", "method_declaration"),
    "java": ("method_declaration", "constructor_declaration"),
}


@dataclasses.dataclass
class _Item:
    start: int  # offset of the first line (doc comments included)
    end: int  # offset just past the last line
    key: str
    header: str  # text that may name siblings (Python decorators)


def _key(src: Source, node: Node) -> str:
    if node.type == "decorated_definition":
        definition = node.child_by_field_name("definition")
        return _key(src, definition) if definition is not None else src.of(node)
    name = node.child_by_field_name("name")
    text = src.of(name) if name is not None else src.of(node)[:80]
    if node.type == "method_declaration" and src.language == "go":
        receiver = node.child_by_field_name("receiver")
        text = f"{src.of(receiver) if receiver is not None else ''}.{text}"
    if node.type in ("method_declaration", "constructor_declaration") and src.language == "java":
        parameters = node.child_by_field_name("parameters")
        text += src.of(parameters) if parameters is not None else ""
    if node.type == "method_definition":
        # get x() / set x() / static x(): the same name twice marks the run as unsafe.
        text = src.of(node).split("(")[0].strip()
        text = re.sub(r"\s+", " ", text)
        text = text.split(" ")[-1]
    return text


def _runs(src: Source) -> list[list[_Item]]:
    containers = _CONTAINERS[src.language]
    item_types = _ITEMS[src.language]
    runs: list[list[_Item]] = []
    for container in walk(src.root):
        if container.type not in containers:
            continue
        if src.language == "python" and container.type == "block" and (container.parent is None or container.parent.type != "class_definition"):
            continue
        run: list[_Item] = []
        pending: list[Node] = []

        def flush() -> None:
            nonlocal run
            if len(run) >= 2:
                runs.append(run)
            run = []

        for child in container.named_children:
            if child.type == "comment":
                if run and child.start_point[0] == _last_row(run, src):
                    continue  # a trailing comment on the declaration's last line
                pending.append(child)
                continue
            if child.type in item_types:
                first = child
                if pending and pending[-1].end_point[0] + 1 >= child.start_point[0] and _contiguous(pending, child):
                    first = pending[0]
                elif pending:
                    flush()
                pending = []
                start = src.line_start(src.span(first)[0])
                end = src.line_end(src.span(child)[1])
                header = src.of(child).split(":")[0] if src.language == "python" else ""
                if run and not src.text[run[-1].end : start].strip() == "":
                    flush()
                if src.text[start : src.span(first)[0]].strip():
                    flush()
                    continue
                run.append(_Item(start, end, _key(src, child), header))
            else:
                pending = []
                flush()
        flush()
    return runs


def _last_row(run: list[_Item], src: Source) -> int:
    return src.text.count("\n", 0, run[-1].end) - 1


def _contiguous(comments: list[Node], item: Node) -> bool:
    rows = [c.start_point[0] for c in comments] + [item.start_point[0]]
    ends = [c.end_point[0] for c in comments]
    return all(ends[i] + 1 >= rows[i + 1] for i in range(len(comments)))


def _rank(salt: str, key: str) -> str:
    return hashlib.sha256(f"{salt}\0{key}".encode("utf-8", "surrogateescape")).hexdigest()


def _split_at_region(run: list[_Item], region: tuple[int, int] | None) -> list[list[_Item]]:
    """Pieces of a run between declarations that the region partly covers."""
    if region is None:
        return [run]
    a, b = region
    pieces: list[list[_Item]] = [[]]
    for item in run:
        holds = item.start <= a and b <= item.end and (item.start, item.end) != (a, b)
        apart = item.end <= a or item.start >= b
        if holds or apart:
            pieces[-1].append(item)
        else:
            pieces.append([])
    return [p for p in pieces if len(p) >= 2]


def reorder_text(src: Source, salt: str, region: tuple[int, int] | None) -> tuple[str, tuple[int, int] | None, int]:
    """Shuffle every safe run of ``src``; returns the text, the moved region and how many
    declarations changed place."""
    text = src.text
    moved = 0
    new_region = region
    pieces = [piece for run in _runs(src) for piece in _split_at_region(run, region)]
    for run in sorted(pieces, key=lambda r: -r[0].start):
        keys = [item.key for item in run]
        if len(set(keys)) != len(keys):
            continue
        if src.language == "python" and any(re.search(rf"\b{re.escape(k)}\b", item.header) for item in run for k in keys if k != item.key):
            continue
        order = sorted(run, key=lambda item: _rank(salt, item.key))
        if order == run:
            continue
        gaps = [text[run[i].end : run[i + 1].start] for i in range(len(run) - 1)]
        start = run[0].start
        out: list[str] = []
        cursor = start
        for index, item in enumerate(order):
            if new_region is not None and item.start <= new_region[0] and new_region[1] <= item.end:
                offset = cursor - item.start
                new_region = (new_region[0] + offset, new_region[1] + offset)
            out.append(text[item.start : item.end])
            cursor += item.end - item.start
            if index < len(gaps):
                out.append(gaps[index])
                cursor += len(gaps[index])
        moved += sum(1 for old, new in zip(run, order, strict=True) if old is not new)
        text = text[:start] + "".join(out) + text[run[-1].end :]
    return text, new_region, moved


def reorder(case: Case, rng: random.Random) -> Case:
    """Shuffle functions and methods in every file of the instance's language.

    Raises:
        NotApplicable: no run of declarations can move.
    """
    salt = f"{rng.getrandbits(64):016x}"
    files = dict(case.files)
    moved = 0
    for path in sorted(files):
        if path == case.vuln_file or language_of_file(path) != case.language:
            continue
        files[path], _, count = reorder_text(Source(case.language, files[path]), salt, None)
        moved += count
    counts: list[int] = []

    def transform(text: str, region: Region) -> tuple[str, Region]:
        new_text, span, count = reorder_text(Source(case.language, text), salt, region_bytes(text, region))
        counts.append(count)
        assert span is not None
        return new_text, line_region(new_text, *span)

    vuln_text, region, variants = transform_variants(case, transform)
    moved += max(counts, default=0)
    if not moved:
        raise NotApplicable("no declarations that can be reordered")
    files[case.vuln_file] = vuln_text
    return replace_case(case, files=files, region=region, variants=variants, mutations=(*case.mutations, "reorder"))
