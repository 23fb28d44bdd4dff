"""Build the bare mirrors the checks serve, and record what git log must show for them.

billing: 25 commits on main (odd authors and subjects), a branch feature/tax-2024 of 3
commits from main's 10th, a tag v1.0; docs: 2 commits; big: 205 commits (for the 200 cap).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess

from common import EXPECTED, GIT_ENV, MIRRORS

from asecheck import broken, main, passed

AUTHORS = [("Alice Example", "alice@example.com"), ("Zoë O'Brien", "zoe@example.com"),
           ("Bob & Builder", "bob@example.com")]
SUBJECTS = ["Fix: handle 'quotes' & \"double\" quotes", "Unicode ✓ naïve café", "Use $HOME and `ticks`; not a command",
            "Plain subject"]
START = 1704067200  # 2024-01-01T00:00:00Z


def commit(ref: str, mark: int, parent: int | None, n: int, path: str) -> str:
    name, email = AUTHORS[n % len(AUTHORS)]
    subject = f"{SUBJECTS[n % len(SUBJECTS)]} #{mark}"
    when = START + 3600 * mark
    data = f"content {mark}\n"
    message = f"{subject}\n\nBody line of {mark}.\n"
    out = [f"commit {ref}", f"mark :{mark}", f"author {name} <{email}> {when} +0000",
           f"committer {name} <{email}> {when} +0000", f"data {len(message.encode())}", message]
    if parent is not None:
        out.append(f"from :{parent}")
    out += [f"M 100644 inline {path}", f"data {len(data.encode())}", data]
    return "\n".join(out) + "\n"


def build(name: str, stream: str) -> None:
    target = MIRRORS / f"{name}.git"
    env = {**os.environ, **GIT_ENV}
    subprocess.run(["git", "init", "--quiet", "--bare", "--initial-branch=main", str(target)], check=True, env=env)
    subprocess.run(["git", "-C", str(target), "fast-import", "--quiet"], input=stream.encode(), check=True, env=env)


def log(name: str, ref: str) -> list[dict[str, str]]:
    """What git itself says: the ground truth the app's answers are compared with."""
    fmt = "%H%x1f%an%x1f%ae%x1f%ad%x1f%s"
    done = subprocess.run(["git", "-C", str(MIRRORS / f"{name}.git"), "log", "--date=iso-strict",
                           f"--format={fmt}", ref, "--"], capture_output=True, text=True, check=True,
                          env={**os.environ, **GIT_ENV})
    keys = ("sha", "author", "email", "date", "subject")
    return [dict(zip(keys, line.split("\x1f", 4), strict=True)) for line in done.stdout.splitlines() if line]


def step() -> None:
    if shutil.which("git") is None:
        broken("git is not installed")
    shutil.rmtree(MIRRORS, ignore_errors=True)
    MIRRORS.mkdir()
    billing = "".join(commit("refs/heads/main", m, m - 1 if m > 1 else None, m, "README") for m in range(1, 26))
    billing += "".join(commit("refs/heads/feature/tax-2024", m, 10 if m == 101 else m - 1, m, "tax.py")
                       for m in range(101, 104))
    billing += "reset refs/tags/v1.0\nfrom :15\n\n"
    build("billing", billing)
    build("docs", "".join(commit("refs/heads/main", m, m - 1 if m > 1 else None, m, "index.md") for m in (1, 2)))
    build("big", "".join(commit("refs/heads/main", m, m - 1 if m > 1 else None, m, "f") for m in range(1, 206)))
    (MIRRORS / "not-a-mirror").mkdir()
    expected = {"billing/main": log("billing", "main"), "billing/feature/tax-2024": log("billing", "feature/tax-2024"),
                "billing/v1.0": log("billing", "v1.0"), "docs/main": log("docs", "main"), "big/main": log("big", "main")}
    EXPECTED.write_text(json.dumps(expected, ensure_ascii=False))
    passed(f"mirrors built: {', '.join(f'{k} {len(v)}' for k, v in expected.items())}")


if __name__ == "__main__":
    main(step)
