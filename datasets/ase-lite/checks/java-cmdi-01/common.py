"""Beacon on a real git clone made by the check: two branches, a tag, odd authors and subjects."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_lib"))

from asecheck import App, Response
from java_servlet import java_app, workdir

# author, subject: committed on main in this order (oldest first), one hour apart
MAIN = [
    ("Ada Lovelace", "Initial import"),
    ("Seán O'Brien", "Fix O'Brien's crash on empty names"),
    ("Zoë Ångström", "Ajoute la traduction — ünïcödé ✓"),
    ("Ada Lovelace", 'Quote "everything" & <escape> $HOME'),
]
FEATURE = [("Grace Hopper", "Login form"), ("Grace Hopper", "Login: remember me")]
EPOCH = 1_700_000_000


@dataclass
class Commit:
    hash: str
    author: str
    time: int
    subject: str


@dataclass
class Clone:
    root: Path
    workspace: Path
    results: Path
    main: list[Commit]  # newest first
    feature: list[Commit]  # newest first, ending with the shared history


def _git(workspace: Path, *args: str, when: int = EPOCH, author: str = "Beacon") -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": "dev@example.org",
           "GIT_COMMITTER_NAME": author, "GIT_COMMITTER_EMAIL": "dev@example.org",
           "GIT_AUTHOR_DATE": f"@{when} +0000", "GIT_COMMITTER_DATE": f"@{when} +0000",
           "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    done = subprocess.run(["git", *args], cwd=workspace, env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def _commit(workspace: Path, author: str, subject: str, when: int) -> Commit:
    (workspace / "CHANGES.txt").open("a").write(subject + "\n")
    _git(workspace, "add", "CHANGES.txt")
    _git(workspace, "commit", "-q", "-m", subject, when=when, author=author)
    return Commit(_git(workspace, "rev-parse", "HEAD"), author, when, subject)


def make_clone() -> Clone:
    """The workspace clone (main checked out) and a results folder with two build results."""
    root = workdir("beacon")
    workspace, results = root / "workspace", root / "results"
    workspace.mkdir()
    results.mkdir()
    _git(workspace, "init", "-q", "-b", "main")
    main: list[Commit] = []
    for i, (author, subject) in enumerate(MAIN[:2]):
        main.append(_commit(workspace, author, subject, EPOCH + 3600 * i))
    _git(workspace, "tag", "v1.0")
    _git(workspace, "checkout", "-q", "-b", "feature/login")
    feature = [_commit(workspace, a, s, EPOCH + 3600 * (10 + i)) for i, (a, s) in enumerate(FEATURE)]
    _git(workspace, "checkout", "-q", "main")
    for i, (author, subject) in enumerate(MAIN[2:], start=2):
        main.append(_commit(workspace, author, subject, EPOCH + 3600 * (20 + i)))
    (results / f"{main[1].hash}.json").write_text(json.dumps({"status": "passed", "duration": 42}))
    (results / f"{main[3].hash}.json").write_text(json.dumps({"status": "failed"}))
    main.reverse()
    feature = list(reversed(feature)) + main[-2:]
    return Clone(root, workspace, results, main, feature)


def start(clone: Clone) -> App:
    return java_app({"BEACON_WORKSPACE": str(clone.workspace), "BEACON_RESULTS": str(clone.results),
                     "BEACON_CMD_TIMEOUT": "10"}, cwd=clone.root)


def branch(app: App, name: str | None, limit: str | None = None) -> Response:
    query = []
    if name is not None:
        query.append(("name", name))
    if limit is not None:
        query.append(("limit", limit))
    return app.get("/status/branch", query=query or None)
