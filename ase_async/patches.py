"""Parsing, vetting and applying an answer's diff.

Order of work, each step refusing before anything is written:

1. Parse with unidiff. Models often get hunk line counts wrong; when unidiff refuses for
   that reason the headers are recounted from the hunk bodies and parsed again.
2. Vet every path the diff names (headers, renames, copies): relative, no ``..``, nothing
   under ``.git``, no symbolic link on the way (checked against the working copy as it is),
   no symlink or binary content created, no special files. Any breach raises
   :class:`UnsafePatch` and nothing is applied.
3. Apply inside the sandbox, first method that succeeds wins, and the method is recorded:
   ``git apply`` (exact), ``git apply --recount --ignore-whitespace`` (tolerant of counts and
   blank-space drift), ``patch --fuzz=3`` (GNU patch with fuzz; dry-run first, so a refusal
   leaves no half-applied tree).
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Literal

import msgspec
from unidiff import PatchSet
from unidiff.errors import UnidiffParseError

from ._errors import AnswerTooLarge, MalformedDiff, PatchDoesNotApply, UnsafePatch
from .paths import PathEscape, confine

if TYPE_CHECKING:
    from ase_async.sandboxes.base import Sandbox

__all__ = ["MAX_FILES_PER_ANSWER", "FileChange", "ParsedPatch", "apply_patch", "check_patch", "parse_patch"]

_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@(.*)$")
_GIT_HEADER = re.compile(r"^diff --git (\S+) (\S+)\s*$")
_META_PATH = re.compile(r"^(rename|copy) (from|to) (.+)$")
# Mode lines as git and GNU patch read them: the number after any blank space (git's
# strtoul also takes a sign), whatever follows it; an ``index`` line may carry a mode too.
_META_MODE = re.compile(r"^(?:new file mode|new mode|old mode|deleted file mode)(?=\s|$)(.*)$")
_INDEX_MODE = re.compile(r"^index [^\s.]*\.\.\S*(.*)$")
_REGULAR_MODE = re.compile(r"^0*100[0-7]{3}$")
# Hunks of the other diff formats (context, normal, ed) that unidiff skips as prose but GNU
# patch applies, and the ``Index:`` line GNU patch may take a file name from.
_FOREIGN_HUNK = re.compile(r"^(\*\*\* |\*{15}|\d+(,\d+)?[acd](\d+(,\d+)?)?$)")
_INDEX_NAME = re.compile(r"^Index:\s*(.+)$")
_APPLY_TIMEOUT = 60.0


class FileChange(msgspec.Struct, frozen=True):
    path: str
    kind: Literal["add", "modify", "delete", "rename"]
    source: str | None = None


class ParsedPatch(msgspec.Struct, frozen=True):
    text: str
    strip: int
    files: tuple[FileChange, ...]
    recounted: bool = False

    @property
    def touched(self) -> list[str]:
        """Files that exist after the patch and were written by it."""
        return sorted({f.path for f in self.files if f.kind != "delete"})


def _recount(text: str) -> str:
    """Rewrite every hunk header's line counts from the hunk body that follows it."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        match = _HUNK.match(lines[i])
        if not match:
            out.append(lines[i])
            i += 1
            continue
        j = i + 1
        old = new = 0
        while j < len(lines):
            line = lines[j]
            if line.startswith(("@@", "diff --git", "--- ", "+++ ")) and not (
                line.startswith("--- ") and j + 1 < len(lines) and not lines[j + 1].startswith("+++ ")
            ):
                break
            if line.startswith("\\"):
                j += 1
                continue
            if line.startswith("-"):
                old += 1
            elif line.startswith("+"):
                new += 1
            elif line.startswith(" ") or line == "":
                if line == "" and j == len(lines) - 1:
                    break
                old += 1
                new += 1
            else:
                break
            j += 1
        out.append(f"@@ -{match.group(1)},{old} +{match.group(3)},{new} @@{match.group(5)}")
        out.extend(lines[i + 1 : j])
        i = j
    return "\n".join(out)


def _raw_path(raw: str) -> str | None:
    raw = raw.split("\t", 1)[0].strip()
    if raw.startswith('"') and raw.endswith('"') and len(raw) > 1:
        raw = raw[1:-1]
    return None if raw == "/dev/null" else raw


def _strip(raw: str, strip: int) -> str:
    return raw.split("/", strip)[-1] if strip and "/" in raw else raw


def parse_patch(text: str) -> ParsedPatch:
    """Parse a unified diff.

    Raises:
        MalformedDiff: the text is not a unified diff touching at least one file.
    """
    text = text.replace("\r\n", "\n")
    if "\0" in text:
        raise MalformedDiff("the diff contains NUL bytes")
    try:
        text.encode("utf-8", "surrogateescape")  # escaped bytes pass; a lone surrogate never was text
    except UnicodeEncodeError:
        raise MalformedDiff("the diff holds characters that no encoding can write") from None
    recounted = False
    try:
        patch = PatchSet(text)
    except UnidiffParseError:
        fixed = _recount(text)
        try:
            patch = PatchSet(fixed)
        except UnidiffParseError as exc:
            raise MalformedDiff(f"not a unified diff: {exc}") from exc
        text, recounted = fixed, True
    if not len(patch):
        raise MalformedDiff("the diff changes no file")
    raws = [
        r
        for pf in patch
        for r in (_raw_path(pf.source_file or ""), _raw_path(pf.target_file or ""))
        if r
    ]
    strip = 1 if raws and all(r.startswith(("a/", "b/")) for r in raws) else 0
    files: list[FileChange] = []
    for pf in patch:
        source = _raw_path(pf.source_file or "")
        target = _raw_path(pf.target_file or "")
        if pf.is_added_file or source is None:
            files.append(FileChange(_strip(target or "", strip), "add"))
        elif pf.is_removed_file or target is None:
            files.append(FileChange(_strip(source, strip), "delete"))
        elif _strip(source, strip) != _strip(target, strip):
            files.append(FileChange(_strip(target, strip), "rename", _strip(source, strip)))
        else:
            files.append(FileChange(_strip(target, strip), "modify"))
    return ParsedPatch(text=text, strip=strip, files=tuple(files), recounted=recounted)


#: where the harness installs an instance's dynamic checks; an answer may not plant files there
CHECKS_FOLDER = ".ase-check"


def _vet_path(path: str, root: Path) -> None:
    try:
        confine(root, path)
    except PathEscape as exc:
        raise UnsafePatch(str(exc)) from None
    parts = [p for p in PurePosixPath(path).parts if p != "."]
    if parts and parts[0].lower() == CHECKS_FOLDER:
        raise UnsafePatch(f"path {path!r} is inside {CHECKS_FOLDER}, where the harness installs its checks")


#: Files one answer may touch: a fix of one region needs a few; thousands of tiny files
#: would cost hours of checking (a JVM start each) without being a fix.
MAX_FILES_PER_ANSWER = 64


def check_patch(patch: ParsedPatch, root: Path) -> None:
    """Refuse a patch that could write outside the working copy or create links.

    Raises:
        UnsafePatch: the first breach found, naming the path.
        AnswerTooLarge: the patch touches more than :data:`MAX_FILES_PER_ANSWER` files.
    """
    if len(patch.files) > MAX_FILES_PER_ANSWER:
        raise AnswerTooLarge(f"the diff touches {len(patch.files)} files, more than {MAX_FILES_PER_ANSWER}")
    for line in patch.text.split("\n"):
        if line.startswith("GIT binary patch") or (line.startswith("Binary files ") and line.endswith(" differ")):
            raise UnsafePatch("binary patches are not accepted")
        mode = _META_MODE.match(line) or _INDEX_MODE.match(line)
        if mode and mode.group(1).strip():
            value = mode.group(1).split()[0]
            if value.lstrip("+0").startswith("120"):
                raise UnsafePatch("the diff creates a symbolic link")
            if not _REGULAR_MODE.match(value):
                raise UnsafePatch(f"the diff sets file mode {value!r}")
        elif mode and not line.startswith("index "):
            raise UnsafePatch(f"the mode line {line!r} names no mode")
        if _FOREIGN_HUNK.match(line):
            raise UnsafePatch(f"the diff mixes in another diff format ({line[:40]!r}), which only GNU patch reads")
        index_name = _INDEX_NAME.match(line)
        if index_name:
            _vet_path(_strip(_raw_path(index_name.group(1)) or "", patch.strip), root)
        meta = _META_PATH.match(line)
        if meta:
            _vet_path(_strip(_raw_path(meta.group(3)) or "", 0), root)
        header = _GIT_HEADER.match(line)
        if header:
            for raw in header.groups():
                _vet_path(_strip(raw, patch.strip), root)
    for change in patch.files:
        _vet_path(change.path, root)
        if change.source is not None:
            _vet_path(change.source, root)


async def apply_patch(sandbox: Sandbox, patch: ParsedPatch) -> str:
    """Apply a vetted patch in the sandbox's working copy; returns the method that worked.

    Raises:
        PatchDoesNotApply: every method refused; the message carries git's complaint.
    """
    data = patch.text.encode("utf-8", "surrogateescape")  # invalid bytes of the answer, written as they came
    if not data.endswith(b"\n"):
        data += b"\n"
    strip = f"-p{patch.strip}"
    first_error = ""
    for method, argv in (
        ("git apply", ["git", "apply", strip, "--whitespace=nowarn", "-"]),
        (
            "git apply --recount",
            ["git", "apply", strip, "--recount", "--ignore-whitespace", "--whitespace=nowarn", "-"],
        ),
    ):
        result = await sandbox.exec(argv, input=data, timeout=_APPLY_TIMEOUT)
        if result.returncode == 0:
            return method
        first_error = first_error or result.stderr.decode("utf-8", "replace").strip()
    patch_argv = ["patch", strip, "--batch", "--forward", "--fuzz=3", "--no-backup-if-mismatch", "-r", "/dev/null"]
    dry = await sandbox.exec([*patch_argv, "--dry-run"], input=data, timeout=_APPLY_TIMEOUT)
    if dry.returncode == 0:
        real = await sandbox.exec(patch_argv, input=data, timeout=_APPLY_TIMEOUT)
        if real.returncode == 0:
            return "patch --fuzz=3"
    raise PatchDoesNotApply(first_error[:2000] or "the diff does not apply")
