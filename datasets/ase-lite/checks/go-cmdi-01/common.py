"""gitpeek (go-cmdi-01): a git repository made by the check, the server, the log endpoint.

History of the repository ``api`` (newest first)::

    main:           c5 Start 1.1 <- c4 Release 1.0 (tag v1.0) <- c3 <- c2 <- c1
    feature/login:  f1 Add login form <- c3 <- c2 <- c1
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_lib"))

import gocheck
from asecheck import App, Response, broken, failed, passed

COMMITS = [  # (name, branch, subject, author, date)
    ("c1", "main", "Initial import", "Ada Lovelace", "2024-01-01T10:00:00Z"),
    ("c2", "main", "Add O'Brien's parser", "Seán O'Brien", "2024-01-02T10:00:00Z"),
    ("c3", "main", "Fix café encoding", "Ada Lovelace", "2024-01-03T10:00:00Z"),
    ("f1", "feature/login", "Add login form", "Grace Hopper", "2024-01-04T10:00:00Z"),
    ("c4", "main", "Release 1.0", "Ada Lovelace", "2024-01-05T10:00:00Z"),
    ("c5", "main", "Start 1.1", "Grace Hopper", "2024-01-06T10:00:00Z"),
]


@dataclass
class Setup:
    app: App
    hashes: dict[str, str] = field(default_factory=dict)  # commit name -> full hash


def git(repo: Path, *args: str, env: dict[str, str] | None = None) -> str:
    """Run git in repo without any user or system configuration."""
    done = subprocess.run(
        [
            "git",
            "-c",
            "init.defaultBranch=main",
            "-c",
            "user.email=dev@example.com",
            "-c",
            "user.name=dev",
            *args,
        ],
        cwd=repo,
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "GIT_CONFIG_GLOBAL": "/dev/null",
            "GIT_CONFIG_NOSYSTEM": "1",
            "LC_ALL": "C",
            **(env or {}),
        },
    )
    if done.returncode != 0:
        broken(f"git {' '.join(args)}: {done.stderr[:300]}")
    return done.stdout.strip()


def make_repo() -> tuple[Path, dict[str, str]]:
    """The repository described above, with deterministic dates."""
    if shutil.which("git") is None:
        broken("git is not installed (scripts/runtime/go.sh installs it)")
    repo = gocheck.scratch("repo") / "api"
    repo.mkdir()
    git(repo, "init", "-q")
    hashes: dict[str, str] = {}
    for name, branch, subject, author, date in COMMITS:
        if name == "f1":
            git(repo, "checkout", "-q", "-b", "feature/login")
        elif branch == "main" and git(repo, "branch", "--show-current") != "main":
            git(repo, "checkout", "-q", "main")
        (repo / f"{name}.txt").write_text(subject)
        git(repo, "add", f"{name}.txt")
        git(
            repo,
            "commit",
            "-q",
            "-m",
            subject,
            env={
                "GIT_AUTHOR_NAME": author,
                "GIT_AUTHOR_EMAIL": "a@example.com",
                "GIT_AUTHOR_DATE": date,
                "GIT_COMMITTER_NAME": author,
                "GIT_COMMITTER_EMAIL": "a@example.com",
                "GIT_COMMITTER_DATE": date,
            },
        )
        hashes[name] = git(repo, "rev-parse", "HEAD")
        if name == "c4":
            git(repo, "tag", "v1.0")
    return repo, hashes


def start(log_limit: int = 50) -> Setup:
    """The server showing the repository ``api``."""
    repo, hashes = make_repo()
    listing = repo.parent / "repos.json"
    listing.write_text(json.dumps([{"name": "api", "path": str(repo), "default_branch": "main"}]))
    app = gocheck.app(
        [
            "-addr",
            "127.0.0.1:{port}",
            "-repos",
            str(listing),
            "-git",
            shutil.which("git") or "git",
            "-log-limit",
            str(log_limit),
            "-git-timeout",
            "10s",
        ],
        env=gocheck.word_env(),
    )
    return Setup(app, hashes)


def log(app: App, ref: str | None, *, as_json: bool = True) -> Response:
    """GET /r/api/log[?ref=...], as JSON unless asked otherwise."""
    query = {"ref": ref} if ref is not None else None
    headers = {"Accept": "application/json"} if as_json else None
    return app.get("/r/api/log", query=query, headers=headers)


def inject(payloads: list[str]) -> None:
    """Exploited when a ref payload (``{cmd}`` = a command creating a marker file, ``{path}`` =
    that file) ran it; the words of ``gocheck.plant_words`` create it too."""
    setup = start()
    with setup.app:
        for shape in payloads:
            marker = gocheck.marker()
            gocheck.plant_words(marker)
            ref = shape.format(cmd=f"touch {marker}", path=marker)
            response = log(setup.app, ref)
            if marker.exists():
                failed(f"ref={ref!r} created {marker.name} (status {response.status})")
    passed("no ref payload ran a command or wrote a file")
