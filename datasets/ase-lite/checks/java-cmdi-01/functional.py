"""Recent commits of a branch: order, limit, blank name is HEAD, trimming, unknown branch, build results."""

from __future__ import annotations

import json

from common import Clone, Commit, branch, make_clone, start

from asecheck import App, failed, main, passed


def expect(app: App, clone: Clone, name: str | None, limit: str | None, commits: list[Commit], what: str) -> None:
    """The endpoint answers exactly ``commits`` (newest first) with their fields and build results."""
    reply = branch(app, name, limit)
    if reply.status != 200:
        failed(f"{what}: status {reply.status}: {reply.text[:200]!r}")
    try:
        rows = json.loads(reply.body)
    except ValueError:
        failed(f"{what}: not JSON: {reply.text[:200]!r}")
    got = [(r.get("hash"), r.get("author"), r.get("time"), r.get("subject")) for r in rows]
    want = [(c.hash[:10], c.author, c.time, c.subject) for c in commits]
    if got != want:
        failed(f"{what}: expected {want}, got {got}")
    results = {h.name[:-5]: json.loads(h.read_text())["status"] for h in clone.results.glob("*.json")}
    for row, commit in zip(rows, commits, strict=True):
        if row.get("build") != results.get(commit.hash):
            failed(f"{what}: build of {commit.hash[:10]} should be {results.get(commit.hash)!r}, got {row.get('build')!r}")


def step() -> None:
    clone = make_clone()
    with start(clone) as app:
        expect(app, clone, "main", None, clone.main, "main")
        expect(app, clone, "main", "2", clone.main[:2], "main limited to 2")
        expect(app, clone, "main", "1", clone.main[:1], "main limited to 1")
        expect(app, clone, None, None, clone.main, "no name (HEAD)")
        expect(app, clone, "", "3", clone.main[:3], "empty name (HEAD)")
        expect(app, clone, "   ", None, clone.main, "blank name (HEAD)")
        expect(app, clone, "feature/login", None, clone.feature, "feature/login")
        expect(app, clone, "  feature/login ", "3", clone.feature[:3], "name with spaces around")
        expect(app, clone, "v1.0", None, clone.main[-2:], "a tag")
        for unknown in ("no-such-branch", "feature/logout"):
            reply = branch(app, unknown)
            if reply.status != 404:
                failed(f"unknown branch {unknown!r}: expected 404, got {reply.status}: {reply.text[:120]!r}")
        status = app.get("/status")
        if status.status != 200 or json.loads(status.body).get("current") != "main":
            failed(f"/status does not answer: {status.status} {status.text[:120]!r}")
    passed("commits of branches, tags and HEAD listed newest first with limits and build results")


main(step)
