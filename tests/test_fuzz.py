"""Fuzzing the answer pipeline with hypothesis: extraction, diff parsing and vetting, applying.

Properties:

* extraction (``extract_diff``, ``extract_code``) of any text raises nothing but the
  AnswerError family, and finds a diff embedded in arbitrary prose;
* parsing and vetting (``parse_patch`` then ``check_patch``) of arbitrary and mutated
  diffs raises nothing but MalformedDiff or UnsafePatch, and every path that passes the
  vetting resolves inside the working copy, outside ``.git``;
* applying (``apply_patch`` in a LocalBackend session without bubblewrap, so an escape would
  be visible) of mutated diffs that passed the vetting either succeeds or raises
  PatchDoesNotApply, and never changes anything outside the working copy, never writes into
  ``.git`` and never leaves a symbolic link behind.

The strategies favour nasty paths: ``..``, absolute and drive paths, backslashes, ``.git`` in
any case, unicode lookalikes, control characters, a symlinked folder of the working copy.
"""

from __future__ import annotations

import functools
import hashlib
import os
import stat
import tempfile
from pathlib import Path

import anyio
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ase_async import AnswerError, MalformedDiff, PatchDoesNotApply, UnsafePatch
from ase_async.answers import extract_code, extract_diff
from ase_async.patches import apply_patch, check_patch, parse_patch
from ase_async.repos import git_commit_all
from ase_async.sandboxes.local import LocalBackend

PURE = settings(max_examples=200, deadline=None)
GIT = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

BASE = "a = 1\nb = 2\nc = 3\nd = 4\n"
DIFF = "diff --git a/src/app.py b/src/app.py\n--- a/src/app.py\n+++ b/src/app.py\n@@ -1,3 +1,3 @@\n a = 1\n-b = 2\n+b = 20\n c = 3\n"

# -- strategies -------------------------------------------------------------------------------

components = st.one_of(
    st.sampled_from([
        "..", ".", "", ".git", ".GIT", ".Git", "link", "src", "app.py", "new.py", "~", "C:", "\\", "..\\..",
        "\u2024\u2024", "\uff0e\uff0e", "\u202e", ".git ", "hooks", "config", "x\ty", "x\x01", "x\x1b[2J", "-",
        "\"", "a b", "\udcff", "..%2f", "%2e%2e", "\\056\\056",
    ]),
    st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\n\r\x00"), max_size=6),
)
paths = st.builds(
    lambda prefix, parts: prefix + "/".join(parts),
    st.sampled_from(["", "a/", "b/", "/", "./", "a/../", "//", "\"a/", "C:\\"]),
    st.lists(components, min_size=1, max_size=5),
)
modes = st.sampled_from(["100644", "100755", "120000", " 120000", "+120000", "0120000", "160000", "040000",
                         "120000 x", "100644 x", "", "12O000", "100644\t"])
nasty_lines = st.one_of(
    st.builds(lambda m: f"new file mode {m}", modes),
    st.builds(lambda m: f"old mode {m}", modes),
    st.builds(lambda m: f"new mode {m}", modes),
    st.builds(lambda m: f"deleted file mode {m}", modes),
    st.builds(lambda m: f"index 1234567..89abcde {m}", modes),
    st.builds(lambda p: f"rename from {p}", paths),
    st.builds(lambda p: f"rename to {p}", paths),
    st.builds(lambda p: f"copy to {p}", paths),
    st.builds(lambda p: f"Index: {p}", paths),
    st.builds(lambda p: f"*** {p}", paths),
    st.builds(lambda a, b: f"diff --git {a} {b}", paths, paths),
    st.builds(lambda p: f"--- {p}", paths),
    st.builds(lambda p: f"+++ {p}", paths),
    st.sampled_from([
        "***************", "*** 1 ****", "--- 1 ----", "1c1", "0a1", "1,2d0", "> pwned", "< a = 1",
        "GIT binary patch", "literal 0", "Binary files a/x and b/x differ", "\\ No newline at end of file",
        "similarity index 100%", "@@ -1 +1 @@", "@@ -0,0 +1,2 @@", "+pwned", "-a = 1", " b = 2", "",
    ]),
)


@st.composite
def diffs(draw: st.DrawFn, mutations: int = 4) -> str:
    """A diff of src/app.py or of a nasty path, then mutated line by line."""
    target = draw(st.one_of(st.sampled_from(["src/app.py", "new.py", "src/new.py", "link/canary.txt"]), paths))
    new = draw(st.booleans())
    header = [f"diff --git a/{target} b/{target}"] if draw(st.booleans()) else []
    if new:
        header += ["new file mode 100644", "--- /dev/null", f"+++ b/{target}", "@@ -0,0 +1,2 @@", "+x = 1", "+y = 2"]
    else:
        header += [f"--- a/{target}", f"+++ b/{target}", "@@ -1,3 +1,3 @@", " a = 1", "-b = 2", "+b = 20", " c = 3"]
    lines = header
    for _ in range(draw(st.integers(0, mutations))):
        action = draw(st.sampled_from(["insert", "delete", "replace", "duplicate"]))
        index = draw(st.integers(0, max(0, len(lines) - 1)))
        if action == "insert":
            lines.insert(index, draw(nasty_lines))
        elif action == "delete" and lines:
            del lines[index]
        elif action == "replace" and lines:
            lines[index] = draw(nasty_lines)
        elif lines:
            lines.insert(index, lines[index])
    if draw(st.booleans()):
        lines += DIFF.rstrip("\n").split("\n")
    return "\n".join(lines) + "\n"


prose = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="`~-+@\\<>\r\x00"), max_size=300)

# -- extraction -------------------------------------------------------------------------------


@PURE
@given(st.text(max_size=2000))
def test_extraction_of_any_text_raises_only_answer_errors(text: str) -> None:
    for extract in (extract_diff, lambda t: extract_code(t, "python"), lambda t: extract_code(t, "php")):
        try:
            result = extract(text)
        except AnswerError:
            continue
        assert isinstance(result, str)


@PURE
@given(st.lists(st.sampled_from(["```", "```diff", "```python", "~~~", "<patch>", "</patch>", "diff --git a b",
                                 "--- a/x", "+++ b/x", "@@ -1 +1 @@", "<MASKED>", "\r", "", "    ````"]),
                max_size=20), st.text(max_size=50))
def test_extraction_of_fence_soup_raises_only_answer_errors(pieces: list[str], tail: str) -> None:
    text = "\n".join(pieces) + tail
    for extract in (extract_diff, lambda t: extract_code(t, "python")):
        try:
            extract(text)
        except AnswerError:
            pass


@PURE
@given(prose, prose, st.sampled_from(["fenced", "patch-tag", "raw"]))
def test_a_diff_in_arbitrary_prose_is_found(before: str, after: str, form: str) -> None:
    if form == "fenced":
        answer = f"{before}\n```diff\n{DIFF}```\n{after}"
    elif form == "patch-tag":
        answer = f"{before}\n<patch>\n{DIFF}</patch>\n{after}"
    else:
        answer = f"{before}\n{DIFF}"
    assert extract_diff(answer) == DIFF


# -- parsing and vetting ----------------------------------------------------------------------


def _working_copy(base: Path) -> Path:
    root = base / "repo"
    (root / "src").mkdir(parents=True)
    (root / "src" / "app.py").write_text(BASE)
    (base / "outside").mkdir()
    (base / "outside" / "canary.txt").write_text("canary\n")
    os.symlink("../outside", root / "link")
    return root


@functools.cache
def _vet_root() -> Path:
    """One working copy for the pure vetting tests (vetting only reads it)."""
    return _working_copy(Path(tempfile.mkdtemp(prefix="ase-fuzz-vet-")))


def _assert_inside(root: Path, path: str) -> None:
    resolved = (root / path).resolve()
    assert resolved == root.resolve() or root.resolve() in resolved.parents, path
    relative = resolved.relative_to(root.resolve())
    assert not any(p.lower() == ".git" for p in relative.parts), path
    assert not (root / path).is_symlink(), path


@PURE
@given(diffs())
def test_vetting_raises_only_diff_errors_and_passes_only_paths_inside(text: str) -> None:
    try:
        patch = parse_patch(text)
        check_patch(patch, _vet_root())
    except (MalformedDiff, UnsafePatch):
        return
    for change in patch.files:
        _assert_inside(_vet_root(), change.path)
        if change.source is not None:
            _assert_inside(_vet_root(), change.source)


@PURE
@given(st.text(max_size=500))
def test_vetting_of_arbitrary_text_raises_only_diff_errors(text: str) -> None:
    try:
        check_patch(parse_patch(text), _vet_root())
    except (MalformedDiff, UnsafePatch):
        pass


# -- applying -----------------------------------------------------------------------------------


def _snapshot(root: Path, skip: Path | None = None) -> dict[str, tuple[str, str]]:
    found: dict[str, tuple[str, str]] = {}
    for directory, dirnames, filenames in os.walk(root):
        here = Path(directory)
        dirnames[:] = [d for d in dirnames if here / d != skip]
        for name in dirnames + filenames:
            path = here / name
            info = os.lstat(path)
            if stat.S_ISLNK(info.st_mode):
                found[str(path.relative_to(root))] = ("link", os.readlink(path))
            elif stat.S_ISREG(info.st_mode):
                found[str(path.relative_to(root))] = ("file", hashlib.sha256(path.read_bytes()).hexdigest())
            else:
                found[str(path.relative_to(root))] = ("dir" if stat.S_ISDIR(info.st_mode) else oct(info.st_mode), "")
    return found


def _links(root: Path) -> set[str]:
    return {p for p, (kind, _) in _snapshot(root, skip=root / ".git").items() if kind == "link"}


@GIT
@given(diffs(mutations=2))
def test_applying_vetted_diffs_never_touches_anything_outside(text: str) -> None:
    with tempfile.TemporaryDirectory(prefix="ase-fuzz-apply-") as tmp:
        base = Path(tmp)
        root = _working_copy(base)
        git_commit_all(root, "base")
        outside = _snapshot(base, skip=root)
        git_before = _snapshot(root / ".git")
        links_before = _links(root)
        try:
            patch = parse_patch(text)
            check_patch(patch, root)
        except (MalformedDiff, UnsafePatch):
            return  # refused before anything ran: the vetting tests cover it

        async def apply() -> None:
            async with await LocalBackend(isolation="none").open(root) as session:
                try:
                    await apply_patch(session, patch)
                except PatchDoesNotApply:
                    pass

        anyio.run(apply)
        assert _snapshot(base, skip=root) == outside
        git_after = {k: v for k, v in _snapshot(root / ".git").items() if k != "index"}
        assert git_after == {k: v for k, v in git_before.items() if k != "index"}
        assert _links(root) == links_before
