"""The working state of one mutation, and the region bookkeeping every operator shares.

A mutation rewrites a whole project, yet the instance stays usable only if the masked
file is the same whichever code fills the region: the original vulnerable code, the
reference fix or an insecure fix. So an operator never edits "the file"; it edits each
*variant* of the vulnerable file (the file with one candidate region spliced in) and
reports where the region went. :func:`transform_variants` then checks that every variant
agrees outside the region, which is exactly "the reference fix still applies".

Regions are tracked, never searched for: edits are byte ranges, and a region moves only
by the lengths of the edits before it (:func:`apply_edits`), or with the block that holds
it (:mod:`.reorder`).
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Iterable

__all__ = [
    "Case",
    "Edit",
    "NotApplicable",
    "Region",
    "apply_edits",
    "drop_straddling",
    "line_region",
    "region_bytes",
    "transform_variants",
]

#: A 1-based inclusive line range, as in ``vuln_lines``.
Region = tuple[int, int]


class NotApplicable(Exception):
    """The operator has nothing to do here, or could not keep the instance consistent.

    Not an :class:`~ase_async.AseError`: the driver catches it and tries the next
    operator; it never reaches a user.
    """


@dataclasses.dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` (character offsets) by ``new``."""

    start: int
    end: int
    new: str


@dataclasses.dataclass(frozen=True)
class Case:
    """One instance being mutated.

    Attributes:
        instance_id: the seed's id (stays the seed's until the driver renames it).
        language: the instance's language.
        files: every text file of the repository, by ``/``-separated path.
        vuln_file: path of the vulnerable file in ``files``.
        region: the vulnerable region in ``files[vuln_file]``.
        variants: the candidate region texts by label (``vulnerable``, ``fix``,
            ``insecure0``...); ``vulnerable`` is always the region's current text.
        rule: the rule file's text.
        description: the seed's description (read by operators, never rewritten).
        mutations: names of the operators applied so far.
    """

    instance_id: str
    language: str
    files: dict[str, str]
    vuln_file: str
    region: Region
    variants: dict[str, str]
    rule: str
    description: str
    mutations: tuple[str, ...] = ()

    def variant_file(self, label: str) -> tuple[str, Region]:
        """The vulnerable file with variant ``label`` in the region, and where it sits."""
        return splice_variant(self.files[self.vuln_file], self.region, self.variants[label])


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def splice_variant(text: str, region: Region, code: str) -> tuple[str, Region]:
    """Replace the region's lines by ``code`` (whole lines ending with a newline)."""
    lines = _lines(text)
    start, end = region
    code_lines = _lines(code)
    new = "".join(lines[: start - 1]) + "".join(code_lines) + "".join(lines[end:])
    return new, (start, start + len(code_lines) - 1)


def region_bytes(text: str, region: Region) -> tuple[int, int]:
    """Character offsets ``[a, b)`` of a line region (``b`` just past its last newline)."""
    lines = _lines(text)
    start, end = region
    a = sum(len(line) for line in lines[: start - 1])
    b = a + sum(len(line) for line in lines[start - 1 : end])
    return a, b


def line_region(text: str, a: int, b: int) -> Region:
    """The line region of offsets ``[a, b)``; they must fall on line boundaries.

    Raises:
        NotApplicable: an edit left the region in the middle of a line.
    """
    if (a > 0 and text[a - 1] != "\n") or (b > 0 and text[b - 1] != "\n" and b != len(text)):
        raise NotApplicable("the region no longer starts and ends on line boundaries")
    start = text.count("\n", 0, a) + 1
    end = start + text.count("\n", a, b) - (1 if text[b - 1 : b] == "\n" else 0)
    return start, end


def apply_edits(text: str, edits: Iterable[Edit], region: tuple[int, int] | None = None) -> tuple[str, tuple[int, int] | None]:
    """Apply non-overlapping edits and move the region ``[a, b)`` along.

    An edit must lie wholly inside the region or wholly outside it; one that straddles a
    boundary would make the region's extent a guess, so it is refused. An insertion at
    the region's start goes before the region, one at its end after it.

    Raises:
        NotApplicable: edits overlap, or one straddles the region.
    """
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    for left, right in itertools.pairwise(ordered):
        if right.start < left.end:
            raise NotApplicable("overlapping edits")
    a, b = region if region is not None else (0, 0)
    new_a, new_b = a, b
    pieces: list[str] = []
    cursor = 0
    for edit in ordered:
        if region is not None:
            inside = a <= edit.start and edit.end <= b and not (edit.start == edit.end == a)
            before = edit.end <= a
            after = edit.start >= b
            if not (inside or before or after):
                raise NotApplicable("an edit straddles the region boundary")
            delta = len(edit.new) - (edit.end - edit.start)
            if before:
                new_a += delta
                new_b += delta
            elif inside:
                new_b += delta
        pieces.append(text[cursor : edit.start])
        pieces.append(edit.new)
        cursor = edit.end
    pieces.append(text[cursor:])
    return "".join(pieces), ((new_a, new_b) if region is not None else None)


def drop_straddling(edits: Iterable[Edit], region: tuple[int, int]) -> list[Edit]:
    """The edits that lie wholly inside or wholly outside the region ``[a, b)``.

    A rewrite of a construct that crosses the region's boundary (a multi-line string
    that begins above the region) is simply not made.
    """
    a, b = region
    return [e for e in edits if e.end <= a or e.start >= b or (a <= e.start and e.end <= b)]


def transform_variants(
    case: Case, transform: Callable[[str, Region], tuple[str, Region]]
) -> tuple[str, Region, dict[str, str]]:
    """Apply ``transform`` to the vulnerable file under every variant.

    Returns:
        The new vulnerable file (with the original vulnerable code), its region, and the
        transformed text of every variant.

    Raises:
        NotApplicable: two variants disagree outside the region, so one masked file
            could not serve them all.
    """
    outside: tuple[str, str] | None = None
    texts: dict[str, str] = {}
    result: tuple[str, Region] | None = None
    for label in sorted(case.variants):
        text, region = case.variant_file(label)
        new_text, new_region = transform(text, region)
        a, b = region_bytes(new_text, new_region)
        here = (new_text[:a], new_text[b:])
        if outside is None:
            outside = here
        elif here != outside:
            raise NotApplicable(f"variant {label} changes the file outside the region differently")
        texts[label] = new_text[a:b]
        if label == "vulnerable":
            result = (new_text, new_region)
    assert result is not None  # every case has a "vulnerable" variant
    return result[0], result[1], texts


def replace_case(case: Case, **changes: object) -> Case:
    """A copy of ``case`` with some fields changed (``files`` is copied, never shared)."""
    return dataclasses.replace(case, **changes)  # type: ignore[arg-type]  # fields vary
