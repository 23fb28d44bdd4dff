"""shipyard under test: builds are kept in memory, reported through POST /api/builds."""

from __future__ import annotations

import sys
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_lib"))

from asecheck import App, Response, failed
from javascript import node_app

TOKEN = "ase-ci-token"


def start() -> App:
    """The app (not started), builds reported with a bearer token."""
    return node_app({"SHIPYARD_TOKEN": TOKEN})


def report(app: App, pipeline: str, number: int, status: str = "passed") -> None:
    response = app.post("/api/builds", json_body={"pipeline": pipeline, "number": number, "status": status,
                                                  "branch": "main", "commit": "3f2a9c1d", "duration": 75},
                        headers={"Authorization": f"Bearer {TOKEN}"})
    if response.status != 202:
        failed(f"POST /api/builds answered {response.status} {response.text[:200]!r}")


def pipeline_page(app: App, name: str) -> Response:
    """GET /pipelines/<name>, the name percent-encoded (Express decodes it, '/' too)."""
    return app.get("/pipelines/" + urllib.parse.quote(name, safe=""))
