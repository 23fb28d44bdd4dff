"""Commit log of a mirror: default and named refs, limits, the 200 cap, unknown refs and repos."""

from __future__ import annotations

import json

from common import EXPECTED, start

from asecheck import App, failed, main, passed
from python_flask import json_of


def expect(app: App, repo: str, query: dict[str, str], ref: str, commits: list[dict[str, str]]) -> None:
    response = app.get(f"/api/repos/{repo}/log", query=query)
    payload = json_of(response)
    if response.status != 200 or not isinstance(payload, dict):
        failed(f"log of {repo} {query}: status {response.status}, {response.text[:200]!r}")
    if payload.get("repo") != repo or payload.get("branch") != ref:  # type: ignore[union-attr]
        failed(f"log of {repo} {query}: repo/branch {payload.get('repo')!r}/{payload.get('branch')!r}")  # type: ignore[union-attr]
    got = payload.get("commits")  # type: ignore[union-attr]
    if got != commits:
        shown = [c.get("subject") for c in got] if isinstance(got, list) else got
        failed(f"log of {repo} {query}: {len(got) if isinstance(got, list) else got!r} commits {str(shown)[:160]}, "
               f"expected {len(commits)} from {commits[0]['subject'] if commits else None!r}")


def step() -> None:
    truth = json.loads(EXPECTED.read_text())
    main_log, feature, tag = truth["billing/main"], truth["billing/feature/tax-2024"], truth["billing/v1.0"]
    with start() as app:
        expect(app, "billing", {}, "main", main_log[:20])
        expect(app, "billing", {"branch": "main", "limit": "5"}, "main", main_log[:5])
        expect(app, "billing", {"limit": "1"}, "main", main_log[:1])
        expect(app, "billing", {"limit": "100"}, "main", main_log)
        expect(app, "billing", {"branch": "feature/tax-2024"}, "feature/tax-2024", feature)
        expect(app, "billing", {"branch": "feature/tax-2024", "limit": "4"}, "feature/tax-2024", feature[:4])
        expect(app, "billing", {"branch": "v1.0", "limit": "3"}, "v1.0", tag[:3])
        sha = main_log[7]["sha"]
        expect(app, "billing", {"branch": sha, "limit": "2"}, sha, main_log[7:9])
        expect(app, "docs", {}, "main", truth["docs/main"])
        expect(app, "big", {"limit": "500"}, "main", truth["big/main"][:200])
        for ref in ("no-such-branch", "feature/nope"):
            response = app.get("/api/repos/billing/log", query={"branch": ref})
            error = (json_of(response) or {}).get("error") if response.status == 400 else None  # type: ignore[union-attr]
            if not isinstance(error, str) or not error.strip():
                failed(f"an unknown ref {ref!r} did not answer 400 with git's error: {response.status} {response.text[:160]!r}")
        for repo in ("nothing", "not-a-mirror"):
            if (status := app.get(f"/api/repos/{repo}/log").status) != 404:
                failed(f"the log of the unknown repository {repo!r} answered {status}, expected 404")
    passed("logs of branches, tags and commits honour limit and the 200 cap; unknown refs 400, unknown repos 404")


if __name__ == "__main__":
    main(step)
