"""ledgerly (go-sqli-02): a fresh database behind the PostgreSQL stand-in, and the server.

The repository ships no schema, so the check creates the two tables its queries read. The
``postgres`` driver is the runtime's stand-in (sandboxes/runtime/go/pq): the application's
SQL runs on SQLite. One invoice is soft-deleted and carries a per-run marker in its number:
no search may ever return it.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_lib"))

import gocheck
from asecheck import App, Response, token

SCHEMA = """
CREATE TABLE customers (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL
);
CREATE TABLE invoices (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    number      TEXT NOT NULL UNIQUE,
    status      TEXT NOT NULL DEFAULT 'draft',
    currency    TEXT NOT NULL,
    total_cents INTEGER NOT NULL,
    issued_on   DATE NOT NULL,
    due_on      DATE NOT NULL,
    paid_at     TIMESTAMP,
    deleted_at  TIMESTAMP
);
"""

CUSTOMERS = [
    (1, "Acme Corp"),
    (2, "O'Brien & Sons"),
    (3, "Zürich Rückversicherung"),
    (4, "acme labs"),
    (5, "Globex"),
]

# (id, customer, number, status, currency, total_cents, issued_on, due_on)
INVOICES = [
    (1, 1, "INV-001", "paid", "EUR", 12000, "2024-01-05", "2024-02-04"),
    (2, 2, "INV-002", "sent", "EUR", 55000, "2024-01-20", "2024-02-19"),
    (3, 3, "INV-003", "overdue", "CHF", 99000, "2024-02-01", "2024-03-02"),
    (4, 4, "INV-004", "draft", "USD", 12000, "2024-02-01", "2024-02-15"),
    (5, 1, "INV-005", "sent", "USD", 30000, "2024-02-15", "2024-03-16"),
    (6, 5, "INV-006", "void", "EUR", 700, "2024-03-01", "2024-03-31"),
    (7, 2, "INV-007", "paid", "GBP", 45000, "2024-03-10", "2024-04-09"),
    (8, 4, "INV-008", "sent", "EUR", 30000, "2024-03-31", "2024-04-30"),
]


def database(secret: str) -> Path:
    """A fresh database: CUSTOMERS, INVOICES and one deleted invoice numbered with ``secret``."""
    path = gocheck.scratch("db") / "ledgerly.sqlite"
    with sqlite3.connect(path) as db:
        db.executescript(SCHEMA)
        db.executemany("INSERT INTO customers (id, name) VALUES (?, ?)", CUSTOMERS)
        db.executemany(
            "INSERT INTO invoices (id, customer_id, number, status, currency, total_cents, issued_on, due_on)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            INVOICES,
        )
        db.execute(
            "INSERT INTO invoices (id, customer_id, number, status, currency, total_cents, issued_on, due_on,"
            " deleted_at) VALUES (9, 1, ?, 'sent', 'EUR', 88000, '2024-02-10', '2024-03-10', '2024-02-11 09:00:00')",
            (f"DEL-{secret}",),
        )
    return path


def start(secret: str | None = None, page_size: int = 50, db: Path | None = None) -> App:
    """The server on a fresh database (or on ``db``, made by ``database``)."""
    path = str(db or database(secret or token("del")))
    return gocheck.app(
        env={
            "LEDGERLY_DSN": path,
            "ASE_PG_SQLITE": path,
            "LEDGERLY_ADDR": "127.0.0.1:{port}",
            "LEDGERLY_PAGE_SIZE": str(page_size),
        }
    )


def search(app: App, **params: str) -> Response:
    """GET /api/invoices with the given query parameters."""
    return app.get("/api/invoices", query=list(params.items()))


def rows(response: Response) -> list[dict[str, object]]:
    """The invoices of a 200 answer, [] for anything else."""
    if response.status != 200:
        return []
    try:
        body = response.json()
    except ValueError:
        return []
    return [r for r in body if isinstance(r, dict)] if isinstance(body, list) else []


def numbers(response: Response) -> list[str]:
    return [str(r.get("number")) for r in rows(response)]
