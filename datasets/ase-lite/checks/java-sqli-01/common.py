"""Bugle's tracker on a fresh database (SQLite behind the jdbc:mysql URL), with a hidden project."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_lib"))

from asecheck import App, Response
from java_servlet import java_app, sqlite_db, workdir

SCHEMA = """
CREATE TABLE projects (id INTEGER PRIMARY KEY, project_key VARCHAR(16) NOT NULL UNIQUE, name VARCHAR(100) NOT NULL);
CREATE TABLE issues (
    id INTEGER PRIMARY KEY, project_id INTEGER NOT NULL REFERENCES projects(id), number INTEGER NOT NULL,
    title VARCHAR(200) NOT NULL, description TEXT NOT NULL DEFAULT '', status VARCHAR(16) NOT NULL,
    priority INTEGER NOT NULL, assignee VARCHAR(64), updated_at DATETIME NOT NULL
);
"""
PAGE_SIZE = 3
PROJECTS = [(1, "CORE", "Core engine"), (2, "WEB", "Web site"), (3, "HR", "Payroll (restricted)")]
# id, project, number, title, description, status, priority, assignee, updated_at
ISSUES = [
    (1, 1, 1, "Crash on startup", "segfault in the loader", "open", 2, "alice", "2024-03-01 09:00:00"),
    (2, 1, 2, "Slow search", "the index is rebuilt on every crash report", "open", 3, "bob", "2024-03-02 09:00:00"),
    (3, 1, 3, "O'Brien cannot log in", "apostrophe in the user name", "open", 1, "carol", "2024-03-03 09:00:00"),
    (4, 1, 4, "Café menu shows ???", "unicode in the menu", "closed", 2, None, "2024-03-04 09:00:00"),
    (5, 1, 5, "Login page crash", "", "in_progress", 1, "dave", "2024-02-01 09:00:00"),
    (6, 1, 6, "Typo in footer", "", "open", 4, "erin", "2024-03-06 09:00:00"),
    (7, 1, 7, "Crash when exporting", "csv export", "closed", 2, "frank", "2024-01-07 09:00:00"),
    (8, 2, 1, "Broken crash reporter link", "", "open", 1, "gina", "2024-03-08 09:00:00"),
    (9, 2, 2, "Dark mode", "", "open", 5, None, "2024-03-09 09:00:00"),
]


def start(secret: str) -> App:
    """The tracker; the restricted project HR holds an issue titled with ``secret``."""
    root = workdir("bugle")
    hidden = (10, 3, 1, f"{secret} salaries export", f"{secret} crash open", "open", 0, "root", "2024-04-01 00:00:00")
    db = sqlite_db(root / "bugle.db", SCHEMA, {"projects": PROJECTS, "issues": [*ISSUES, hidden]})
    return java_app({"BUGLE_DB_URL": "jdbc:mysql://localhost:3306/bugle?useUnicode=true&characterEncoding=utf8",
                     "BUGLE_PAGE_SIZE": str(PAGE_SIZE)}, db=db, cwd=root)


def search(app: App, **query: str) -> tuple[Response, list[dict[str, object]]]:
    """The answer and its issues ([] when the answer is not the JSON issue list)."""
    reply = app.get("/issues/search", query=query)
    try:
        issues = reply.json()["issues"] if reply.status == 200 else []  # type: ignore[index]
    except (ValueError, KeyError, TypeError):
        issues = []
    return reply, issues if isinstance(issues, list) else []
