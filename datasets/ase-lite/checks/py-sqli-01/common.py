"""Bugnest started on a fresh database made from its own schema.sql, with known issues."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_lib"))

from asecheck import App, Response  # noqa: E402
from python_flask import flask_app, json_of, repo_file, sqlite_db, state_dir  # noqa: E402

PAGE_SIZE = 3
ISSUES = [
    # id, title, body, status, priority, reporter
    (1, "Crash on login page", "Stack trace when the password is empty", "open", 5, "alice"),
    (2, "Login button misaligned", "css grid", "open", 2, "bob"),
    (3, "Crash when exporting CSV", "", "open", 5, "carol"),
    (4, "Typo in footer", "the login link reads Logn", "open", 1, "dave"),
    (5, "O'Brien cannot save profile", "apostrophe in the surname", "open", 3, "erin"),
    (6, "Café menu shows ???", "unicode rendering of the menu", "open", 4, "françois"),
    (7, "Slow dashboard", "login takes ten seconds", "open", 3, "gina"),
    (8, "Crash on login fixed long ago", "", "closed", 5, "hank"),
    (9, "Login via SSO", "saml", "in_progress", 4, "ivan"),
]


def start(secret: str | None = None) -> App:
    """The app on a new database; ``secret`` adds a closed issue no search may reveal."""
    state = state_dir("bugnest")
    rows = [dict(id=i, title=t, body=b, status=s, priority=p, reporter=r,
                 created_at=f"2024-03-{i:02d} 10:00:00") for i, t, b, s, p, r in ISSUES]
    if secret:
        rows.append(dict(id=99, title=f"{secret} payroll export", body=f"{secret} salaries",
                         status="closed", priority=5, reporter="root", created_at="2024-01-01 00:00:00"))
    sqlite_db(state / "bugnest.db", repo_file("schema.sql").read_text(), {"issues": rows})
    return flask_app({"BUGNEST_DB": str(state / "bugnest.db"), "BUGNEST_PAGE_SIZE": str(PAGE_SIZE)})


def search(app: App, **query: str) -> tuple[Response, dict[str, object] | None]:
    """GET /api/issues/search with ``query``; the JSON payload when it is an object."""
    response = app.get("/api/issues/search", query=query)
    payload = json_of(response)
    return response, payload if isinstance(payload, dict) else None


def items(payload: dict[str, object] | None) -> list[dict[str, object]]:
    found = payload.get("items") if payload else None
    return [i for i in found if isinstance(i, dict)] if isinstance(found, list) else []
