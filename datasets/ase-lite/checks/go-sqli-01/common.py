"""bugnest (go-sqli-01): a fresh SQLite database from the repository's own schema, the server.

Projects API and WEB are the ones searched; project SEC holds rows that no search of another
project may return (their titles carry a per-run marker).
"""

from __future__ import annotations

import re
import sqlite3
import sys
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_lib"))

import gocheck
from asecheck import App, Response, broken, token

# (project, title, body, status, priority, updated_at)
ISSUES = [
    (
        "API",
        "Login fails with expired token",
        "Users see a 500 after the token expires.",
        "open",
        3,
        "2024-03-02 10:00:00",
    ),
    (
        "API",
        "Rate limiter too strict",
        "Bursts of login requests get 429.",
        "in_progress",
        4,
        "2024-03-01 09:00:00",
    ),
    (
        "API",
        "Crash when O'Brien logs in",
        "Names with an apostrophe break the audit log.",
        "open",
        2,
        "2024-03-05 08:00:00",
    ),
    (
        "API",
        "Café menu endpoint returns mojibake",
        "UTF-8 names such as crème brûlée come back garbled.",
        "resolved",
        2,
        "2024-02-20 12:00:00",
    ),
    (
        "API",
        "Document the login flow",
        "Write down how sessions are created.",
        "closed",
        1,
        "2024-01-10 12:00:00",
    ),
    (
        "API",
        "Old login page still reachable",
        "The legacy form should redirect.",
        "open",
        3,
        "2024-03-04 07:00:00",
    ),
    (
        "API",
        "Pagination header missing",
        "Clients cannot find the next page.",
        "open",
        2,
        "2024-02-28 07:00:00",
    ),
    (
        "WEB",
        "Login button misaligned",
        "On small screens the login button overlaps the logo.",
        "open",
        4,
        "2024-03-03 11:00:00",
    ),
    ("WEB", "Dark mode contrast", "Links are hard to read.", "open", 1, "2024-02-01 11:00:00"),
]


def schema() -> str:
    """The CREATE statements of the repository itself (internal/db or wherever it moved)."""
    for path in sorted(gocheck.WORK.rglob("*.go")):
        if ".ase-check" in path.parts:
            continue
        match = re.search(r"`(\s*CREATE TABLE IF NOT EXISTS issues.*?)`", path.read_text(), re.S)
        if match:
            return match.group(1)
    broken("the repository's issues schema was not found")
    raise AssertionError


def database(secret: str) -> Path:
    """A fresh database with ISSUES and two SEC rows titled with ``secret``."""
    path = gocheck.scratch("db") / "bugnest.sqlite"
    with sqlite3.connect(path) as db:
        db.executescript(schema())
        rows = [
            *ISSUES,
            (
                "SEC",
                f"{secret} login secret",
                "login credentials of the vault",
                "open",
                4,
                "2024-03-06 10:00:00",
            ),
            ("SEC", f"{secret} closed", "login audit", "closed", 1, "2024-01-06 10:00:00"),
        ]
        db.executemany(
            "INSERT INTO issues (project_key, title, body, status, priority, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
    return path


def start(secret: str | None = None, search_limit: int = 50, path: Path | None = None) -> App:
    """The server on a fresh database (or on ``path``, made by ``database``)."""
    path = path or database(secret or token("sec"))
    return gocheck.app(
        env={
            "BUGNEST_DB": str(path),
            "BUGNEST_ADDR": "127.0.0.1:{port}",
            "BUGNEST_SEARCH_LIMIT": str(search_limit),
        }
    )


def search(app: App, project: str, term: str, status: str | None = None) -> Response:
    """GET /api/projects/{project}/issues/search?q=term[&status=...]."""
    query = [("q", term)] + ([("status", status)] if status is not None else [])
    return app.get(
        f"/api/projects/{urllib.parse.quote(project, safe='')}/issues/search", query=query
    )


def issues(response: Response) -> list[dict[str, object]]:
    """The issues of a 200 search answer, [] for anything else."""
    if response.status != 200:
        return []
    try:
        body = response.json()
    except ValueError:
        return []
    found = body.get("issues") if isinstance(body, dict) else None
    return [i for i in found if isinstance(i, dict)] if isinstance(found, list) else []


def leaked(response: Response, secret: str) -> list[str]:
    """Rows of the SEC project, or carrying the secret, that an API search returned."""
    return [
        str(i.get("title"))
        for i in issues(response)
        if i.get("project") != "API" or secret in str(i.get("title", ""))
    ]
