from __future__ import annotations

import difflib
import os
import subprocess
from pathlib import Path

import anyio
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ase_async import MalformedDiff, PatchDoesNotApply, UnsafePatch
from ase_async.patches import apply_patch, check_patch, parse_patch
from ase_async.repos import git_commit_all
from ase_async.sandboxes.local import LocalBackend


def unified(path: str, before: str, after: str) -> str:
    body = "".join(
        difflib.unified_diff(before.splitlines(True), after.splitlines(True), f"a/{path}", f"b/{path}")
    )
    return f"diff --git a/{path} b/{path}\n{body}"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "src").mkdir(parents=True)
    (root / "src" / "app.py").write_text("a = 1\nb = 2\nc = 3\n")
    (tmp_path / "outside.txt").write_text("outside\n")
    os.symlink(tmp_path, root / "link")
    git_commit_all(root, "base")
    return root


HOSTILE = {
    "dotdot": "--- a/../outside.txt\n+++ b/../outside.txt\n@@ -1 +1 @@\n-outside\n+pwned\n",
    "absolute": "--- /etc/passwd\n+++ /etc/passwd\n@@ -1 +1 @@\n-root\n+pwned\n",
    "git hooks": "--- /dev/null\n+++ b/.git/hooks/post-checkout\n@@ -0,0 +1 @@\n+rm -rf /\n",
    "symlink parent": "--- a/link/outside.txt\n+++ b/link/outside.txt\n@@ -1 +1 @@\n-outside\n+pwned\n",
    "symlink created": (
        "diff --git a/evil b/evil\nnew file mode 120000\n--- /dev/null\n+++ b/evil\n@@ -0,0 +1 @@\n+/etc/passwd\n"
    ),
    "rename out": (
        "diff --git a/src/app.py b/../app.py\nsimilarity index 100%\nrename from src/app.py\nrename to ../app.py\n"
    ),
    "binary": "diff --git a/x.bin b/x.bin\nnew file mode 100644\nGIT binary patch\nliteral 1\nIcmZo*000\n",
    "backslash": "--- a/..\\outside.txt\n+++ b/..\\outside.txt\n@@ -1 +1 @@\n-outside\n+pwned\n",
    "home": "--- ~/x\n+++ ~/x\n@@ -0,0 +1 @@\n+x\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_patches_are_refused_before_anything_is_written(repo: Path, name: str) -> None:
    before = {p: p.read_bytes() for p in repo.parent.rglob("*") if p.is_file() and ".git" not in p.parts}
    with pytest.raises((UnsafePatch, MalformedDiff)):
        check_patch(parse_patch(HOSTILE[name]), repo)
    after = {p: p.read_bytes() for p in repo.parent.rglob("*") if p.is_file() and ".git" not in p.parts}
    assert before == after


def test_malformed_diffs_are_classified() -> None:
    with pytest.raises(MalformedDiff):
        parse_patch("this is not a diff")
    with pytest.raises(MalformedDiff):
        parse_patch("--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n garbage\x00\n")


def test_wrong_hunk_counts_are_recounted() -> None:
    text = "--- a/src/app.py\n+++ b/src/app.py\n@@ -1,7 +1,9 @@\n a = 1\n-b = 2\n+b = 20\n c = 3\n"
    patch = parse_patch(text)
    assert patch.recounted
    assert patch.touched == ["src/app.py"]


async def test_apply_falls_back_and_names_the_method(repo: Path) -> None:
    backend = LocalBackend()
    async with await backend.open(repo) as session:
        # Context drifted by one line: git refuses, GNU patch with fuzz applies it.
        drifted = "--- a/src/app.py\n+++ b/src/app.py\n@@ -1,3 +1,3 @@\n a = 1\n-b = 2\n+b = 20\n c = 30\n"
        method = await apply_patch(session, parse_patch(drifted))
    assert method == "patch --fuzz=3"
    assert (repo / "src" / "app.py").read_text() == "a = 1\nb = 20\nc = 3\n"


async def test_a_diff_that_does_not_apply_is_classified(repo: Path) -> None:
    backend = LocalBackend()
    async with await backend.open(repo) as session:
        with pytest.raises(PatchDoesNotApply):
            await apply_patch(session, parse_patch(unified("src/app.py", "x\ny\nz\n", "x\nY\nz\n")))


line = st.text(alphabet="abcxyz =+-()", min_size=0, max_size=10)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    before=st.lists(line, min_size=1, max_size=15),
    edits=st.lists(st.tuples(st.integers(0, 14), st.sampled_from(["replace", "insert", "delete"]), line), max_size=4),
)
def test_generated_edits_round_trip_through_diff_and_apply(tmp_path_factory: pytest.TempPathFactory, before: list[str], edits: list[tuple[int, str, str]]) -> None:
    after = list(before)
    for position, kind, text in edits:
        index = min(position, len(after))
        if kind == "insert":
            after.insert(index, text)
        elif after and index < len(after):
            if kind == "replace":
                after[index] = text
            else:
                del after[index]
    old = "".join(x + "\n" for x in before)
    new = "".join(x + "\n" for x in after)
    root = tmp_path_factory.mktemp("roundtrip")
    (root / "f.txt").write_text(old)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    if old == new:
        return
    patch = parse_patch(unified("f.txt", old, new))
    check_patch(patch, root)

    async def apply() -> str:
        async with await LocalBackend().open(root) as session:
            return await apply_patch(session, patch)

    assert anyio.run(apply) == "git apply"
    assert (root / "f.txt").read_text() == new
