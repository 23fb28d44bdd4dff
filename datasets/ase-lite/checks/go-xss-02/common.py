"""Shipboard (go-xss-02): the server with a webhook token, builds posted through the webhook."""

from __future__ import annotations

import sys
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_lib"))

import gocheck
from asecheck import App, Response, broken, token

HOOK_TOKEN = token("hook")


def start(page_size: int = 40) -> App:
    """The server, empty, accepting webhooks signed with HOOK_TOKEN."""
    return gocheck.app(
        [
            "-addr",
            "127.0.0.1:{port}",
            "-default-branch",
            "main",
            "-hook-token",
            HOOK_TOKEN,
            "-page-size",
            str(page_size),
        ]
    )


def post_build(app: App, **build: object) -> None:
    """Record one build through POST /hooks/build (the runners' webhook)."""
    body = {
        "branch": "main",
        "job": "test-linux",
        "commit": "0" * 40,
        "commit_url": "https://git.example.com/c/0",
        "message": "Change",
        "author": "dana",
        "status": "passed",
        "started_at": "2024-05-02T10:00:00Z",
        **build,
    }
    response = app.post("/hooks/build", json_body=body, headers={"X-Shipboard-Token": HOOK_TOKEN})
    if response.status != 202:
        broken(f"the webhook refused a build: {response.status} {response.text[:200]}")


def dashboard(app: App, **params: str) -> Response:
    """GET / with the given query parameters."""
    return app.get("/?" + urllib.parse.urlencode(params) if params else "/")
