"""Beacon started on a fresh database of known builds, with an ingest token.

The repository ships no schema file: the table below is the one its queries use.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_lib"))

from asecheck import App, token  # noqa: E402
from python_flask import flask_app, sqlite_db, state_dir  # noqa: E402

SCHEMA = """
CREATE TABLE builds (
    id INTEGER PRIMARY KEY AUTOINCREMENT, project TEXT NOT NULL, branch TEXT NOT NULL,
    status TEXT NOT NULL, duration INTEGER NOT NULL DEFAULT 0, log_url TEXT NOT NULL DEFAULT '',
    commit_sha TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP);
"""
# project, branch, status, duration (oldest first)
BUILDS = [
    ("api", "main", "failed", 50),
    ("api", "main", "passed", 192),
    ("api", "release", "cancelled", 7),
    ("web", "feature/x", "failed", 45),
    ("O'Brien & Co", "café-ü", "running", 3660),
    ("docs", "main", "queued", 0),
]
TOKEN = token("ingest")


def start() -> App:
    state = state_dir("beacon")
    rows = [dict(id=n + 1, project=p, branch=b, status=s, duration=d, log_url=f"https://ci.example/{n + 1}",
                 commit_sha=f"{n + 1:040x}", created_at="2024-06-01T10:00:00+00:00")
            for n, (p, b, s, d) in enumerate(BUILDS)]
    sqlite_db(state / "beacon.db", SCHEMA, {"builds": rows})
    return flask_app({"BEACON_DB": str(state / "beacon.db"), "BEACON_TOKEN": TOKEN,
                      "BEACON_DEFAULT_BRANCH": "main"})
