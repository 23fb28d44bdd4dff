"""The code a sample's findings point at: its files before and after the change.

The log records where findings are (rule, file, line) but not the files. The viewer
rebuilds them from the dataset, which the log names: the original file for the findings
before the change, and the masked file with the answer put back (spliced, or its diff's
hunks applied) for the findings after. This is a display aid, done in pure Python: where
the dataset is not on this machine or a hunk only applied with fuzz, the view says so
and shows the answer's own diff instead.
"""

from __future__ import annotations

import difflib
import functools
from pathlib import Path

import msgspec

__all__ = ["Change", "reconstruct", "snippet"]

_CONTEXT = 3


class Change(msgspec.Struct, frozen=True):
    """Files of one sample: originals (the dataset's), and after the answer was applied."""

    diff: str = ""
    before: dict[str, str] = {}
    after: dict[str, str] = {}
    note: str = ""


@functools.lru_cache(maxsize=8)
def _dataset(spec: str) -> object | None:
    from .._errors import AseError
    from ..dataset import load_dataset

    try:
        return load_dataset(spec)
    except (AseError, OSError, ValueError):
        return None


def _apply_hunks(text: str, hunks: list[tuple[int, list[str], list[str]]]) -> str | None:
    """Apply (source start, source lines, target lines) hunks; None when one does not fit."""
    lines = text.split("\n")
    shift = 0
    for start, source, target in hunks:
        guess = max(0, start - 1 + shift)
        found = None
        for distance in range(len(lines) + 1):
            for at in (guess - distance, guess + distance) if distance else (guess,):
                if 0 <= at <= len(lines) - len(source) and lines[at:at + len(source)] == source:
                    found = at
                    break
            if found is not None:
                break
        if found is None:
            return None
        lines[found:found + len(source)] = target
        shift += len(target) - len(source)
    return "\n".join(lines)


def _diff_after(diff: str, base: dict[str, str], read: object) -> dict[str, str] | None:
    from unidiff.errors import UnidiffParseError
    from unidiff.patch import PatchSet

    try:
        patch = PatchSet(diff)
    except UnidiffParseError:
        return None
    after: dict[str, str] = {}
    for patched in patch:
        path = patched.path
        if patched.is_removed_file:
            continue
        text = "" if patched.is_added_file else base.get(path) or read(path)  # type: ignore[operator]
        if text is None:
            return None
        hunks = [(h.source_start, [ln.value.rstrip("\n") for ln in h if not ln.is_added],
                  [ln.value.rstrip("\n") for ln in h if not ln.is_removed]) for h in patched]
        new = _apply_hunks(text, hunks)
        if new is None:
            return None
        after[path] = new
    return after


def reconstruct(dataset_spec: str, instance_id: str, contract: str, answer: str) -> Change:
    """The files a sample changed, rebuilt from the dataset and the answer's text."""
    from ..answers import extract_code, extract_diff
    from ..masking import mask_region, splice

    dataset = _dataset(dataset_spec)
    if dataset is None:
        return Change(note=f"the dataset {dataset_spec!r} is not on this machine: code around findings is not shown")
    try:
        instance = dataset.get(instance_id)  # type: ignore[attr-defined]
    except KeyError:
        return Change(note=f"{instance_id} is not in {dataset_spec}")
    root: Path | None = dataset.repo_path(instance)  # type: ignore[attr-defined]
    if root is None:
        return Change(note="the repository is remote: code around findings is not shown")
    if instance.repo_subdir:
        root = root / instance.repo_subdir

    def read(path: str) -> str | None:
        try:
            return (root / path).read_text(encoding="utf-8", errors="surrogateescape")
        except OSError:
            return None

    original = read(instance.vuln_file)
    if original is None:
        return Change(note=f"{instance.vuln_file} is not in the repository")
    masked = mask_region(original, tuple(instance.vuln_lines)).text
    before = {instance.vuln_file: original}
    after: dict[str, str] | None
    try:
        if contract == "code":
            after = {instance.vuln_file: splice(masked, extract_code(answer, instance.language))}
        else:
            after = _diff_after(extract_diff(answer), {instance.vuln_file: masked}, read)
    except Exception as exc:
        return Change(before=before, note=f"the answer could not be rebuilt here: {exc}")
    if after is None:
        return Change(before=before, note="the diff did not apply exactly here (it may have needed fuzz)")
    for path in after:
        if path not in before:
            text = read(path)
            if text is not None:
                before[path] = text
    diff = "".join(
        "".join(difflib.unified_diff(
            (masked if path == instance.vuln_file else before.get(path, "")).splitlines(keepends=True),
            text.splitlines(keepends=True), f"a/{path}", f"b/{path}"))
        for path, text in sorted(after.items()))
    return Change(diff=diff, before=before, after=after)


def snippet(text: str | None, line: int, context: int = _CONTEXT) -> list[tuple[int, str]]:
    """Numbered lines around ``line`` (1-based); empty when the file is unknown."""
    if text is None:
        return []
    lines = text.split("\n")
    low, high = max(1, line - context), min(len(lines), line + context)
    return [(n, lines[n - 1]) for n in range(low, high + 1)]
