"""bugnest under test: its issues in a fresh database behind the mysql2 stand-in.

The stand-in formats values into the SQL text as mysql2 does and runs the MySQL text (with
MySQL's string-literal rules: backslash escapes) on SQLite. The schema follows the columns
the application's queries use.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_lib"))

from asecheck import App, Response
from javascript import json_of, node_app, sqlite_db, state_dir

SCHEMA = """
CREATE TABLE issues (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, body TEXT,
  status TEXT NOT NULL DEFAULT 'open', priority TEXT NOT NULL DEFAULT 'normal', assignee TEXT,
  updated_at TEXT NOT NULL);
CREATE TABLE comments (id INTEGER PRIMARY KEY AUTOINCREMENT, issue_id INTEGER NOT NULL,
  author TEXT, body TEXT, created_at TEXT NOT NULL);
"""
# id, title, status, priority, assignee; updated_at increases with the id
ISSUES = [
    (1, "Crash on login page", "open", "high", "alice"),
    (2, "Login button misaligned", "open", "low", "bob"),
    (3, "Crash when exporting CSV", "in_progress", "urgent", "alice"),
    (4, "O'Brien cannot log in", "open", "normal", "carol"),
    (5, "Café menu shows ???", "blocked", "normal", "françois"),
    (6, "Slow dashboard", "open", "normal", None),
    (7, "crash on logout", "resolved", "low", "bob"),
    (8, "Typo in footer", "open", "low", "alice"),
]
SECRET_ID = 99


def start(secret: str | None = None) -> App:
    """The app (not started) on a fresh database; ``secret`` adds a closed issue of root's
    whose title holds it, which no search below may return."""
    state = state_dir("bugnest")
    rows = [{"id": i, "title": t, "body": "", "status": s, "priority": p, "assignee": a,
             "updated_at": f"2024-03-{i:02d} 10:00:00"} for i, t, s, p, a in ISSUES]
    if secret:
        rows.append({"id": SECRET_ID, "title": f"{secret} payroll export", "body": "", "status": "closed",
                     "priority": "urgent", "assignee": "root", "updated_at": "2024-01-01 00:00:00"})
    sqlite_db(state / "bugnest.db", SCHEMA, {"issues": rows})
    return node_app({"ASE_DB_FILE": str(state / "bugnest.db")})


def search(app: App, **query: str) -> tuple[Response, dict[str, object] | None]:
    """GET /api/issues with ``query``; the JSON payload when it is an object."""
    response = app.get("/api/issues", query=query)
    payload = json_of(response)
    return response, payload if isinstance(payload, dict) else None


def issues(payload: dict[str, object] | None) -> list[dict[str, object]]:
    found = payload.get("issues") if payload else None
    return [i for i in found if isinstance(i, dict)] if isinstance(found, list) else []
