"""ledgerly under test: customers and invoices in a fresh database behind the pg stand-in.

The stand-in keeps PostgreSQL's lexical rules (standard strings: a backslash is an ordinary
character; $n placeholders bound as values; several statements only without values) and runs
the SQL on SQLite. The schema is the README's.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_lib"))

from asecheck import App, Response
from javascript import json_of, node_app, sqlite_db, state_dir

SCHEMA = """
CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT);
CREATE TABLE invoices (id INTEGER PRIMARY KEY, number TEXT NOT NULL, customer_id INTEGER NOT NULL,
  status TEXT NOT NULL, issued_on DATE NOT NULL, due_on DATE NOT NULL, total_cents BIGINT NOT NULL);
CREATE TABLE invoice_lines (id INTEGER PRIMARY KEY, invoice_id INTEGER NOT NULL, description TEXT,
  quantity INTEGER, unit_cents BIGINT);
"""
CUSTOMERS = {1: "Acme Corp", 2: "O'Brien & Sons", 3: "Zoë Design", 4: "acme labs", 5: "Bulk Ltd", 6: "Hidden Holdings"}
# id, customer, status, issued_on, due_on, total_cents
INVOICES = [
    (1, 1, "paid", "2024-01-10", "2024-02-10", 120000),
    (2, 2, "sent", "2024-02-01", "2024-03-01", 45050),
    (3, 3, "overdue", "2024-01-20", "2024-02-20", 99900),
    (4, 4, "draft", "2024-03-05", "2024-04-05", 5000),
    (5, 1, "sent", "2024-03-05", "2024-04-04", 250000),
    (6, 2, "paid", "2023-12-15", "2024-01-15", 75000),
    (7, 3, "paid", "2024-02-14", "2024-03-14", 30000),
]
BULK = 205  # invoices of Bulk Ltd, more than the largest page
BULK_FIRST = 100
SECRET_ID = 999


def invoice_rows(secret: str | None) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = [
        {"id": i, "number": f"INV-{i:04d}", "customer_id": c, "status": s, "issued_on": d, "due_on": due,
         "total_cents": t} for i, c, s, d, due, t in INVOICES]
    rows += [{"id": BULK_FIRST + n, "number": f"BLK-{n:04d}", "customer_id": 5, "status": "draft",
              "issued_on": "2022-06-01", "due_on": "2022-07-01", "total_cents": 100 + n} for n in range(BULK)]
    if secret:
        rows.append({"id": SECRET_ID, "number": f"{secret}", "customer_id": 6, "status": "draft",
                     "issued_on": "2024-02-02", "due_on": "2024-03-02", "total_cents": 999999})
    return rows


def start(secret: str | None = None) -> App:
    """The app (not started) on a fresh database; ``secret`` adds a draft invoice of Hidden
    Holdings numbered with it, which no search for paid invoices may return."""
    state = state_dir("ledgerly")
    customers = [{"id": i, "name": n, "email": f"billing{i}@example.com"} for i, n in CUSTOMERS.items()]
    sqlite_db(state / "ledgerly.db", SCHEMA, {"customers": customers, "invoices": invoice_rows(secret)})
    return node_app({"ASE_DB_FILE": str(state / "ledgerly.db"),
                     "DATABASE_URL": "postgres://ledgerly@127.0.0.1/ledgerly"})


def search(app: App, **query: str) -> tuple[Response, dict[str, object] | None]:
    """GET /invoices with ``query``; the JSON payload when it is an object."""
    response = app.get("/invoices", query=query)
    payload = json_of(response)
    return response, payload if isinstance(payload, dict) else None


def invoices(payload: dict[str, object] | None) -> list[dict[str, object]]:
    found = payload.get("invoices") if payload else None
    return [i for i in found if isinstance(i, dict)] if isinstance(found, list) else []
