"""Ledgerly started on a fresh database with known customers, invoices and line items.

The repository ships no schema file: the tables below are the ones its queries use.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_lib"))

from asecheck import App, Response  # noqa: E402
from python_flask import flask_app, json_of, sqlite_db, state_dir  # noqa: E402

SCHEMA = """
CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, currency TEXT NOT NULL DEFAULT 'EUR');
CREATE TABLE invoices (
    id INTEGER PRIMARY KEY, number TEXT NOT NULL, customer_id INTEGER NOT NULL REFERENCES customers (id),
    status TEXT NOT NULL, issued_on TEXT NOT NULL, due_on TEXT NOT NULL, currency TEXT NOT NULL DEFAULT 'EUR');
CREATE TABLE invoice_items (
    id INTEGER PRIMARY KEY, invoice_id INTEGER NOT NULL REFERENCES invoices (id), position INTEGER NOT NULL,
    description TEXT NOT NULL, quantity INTEGER NOT NULL, unit_cents INTEGER NOT NULL);
"""
CUSTOMERS = {1: "Acme Corp", 2: "O'Brien & Sons", 3: "Zürich Café GmbH", 4: "Globex", 5: "Acme Labs"}
INVOICES = [
    # id, customer, status, issued_on, due_on, currency
    (1, 1, "paid", "2024-01-15", "2024-02-14", "EUR"),
    (2, 2, "sent", "2024-02-01", "2024-03-02", "GBP"),
    (3, 3, "overdue", "2024-02-10", "2024-03-11", "EUR"),
    (4, 1, "sent", "2024-02-10", "2024-03-11", "EUR"),
    (5, 4, "draft", "2024-02-29", "2024-03-30", "USD"),
    (6, 5, "paid", "2024-03-05", "2024-04-04", "EUR"),
    (7, 2, "paid", "2024-03-20", "2024-04-19", "GBP"),
    (8, 1, "overdue", "2024-01-31", "2024-03-01", "EUR"),
]
SECRET_ID = 99


def database(path: Path, secret: str | None = None) -> None:
    """The database; ``secret`` adds a customer and invoice that no filter of ours matches."""
    customers = [{"id": k, "name": v} for k, v in CUSTOMERS.items()]
    invoices = [dict(id=i, number=f"INV-{i:03d}", customer_id=c, status=s, issued_on=d, due_on=u, currency=m)
                for i, c, s, d, u, m in INVOICES]
    items = [dict(invoice_id=i, position=p, description=f"work {p}", quantity=p, unit_cents=1000 * i + 50)
             for i, *_ in INVOICES for p in (1, 2)]
    if secret:
        customers.append({"id": SECRET_ID, "name": f"Hidden {secret}"})
        invoices.append(dict(id=SECRET_ID, number=f"INV-{secret}", customer_id=SECRET_ID, status="paid",
                             issued_on="2024-03-01", due_on="2024-03-31", currency="EUR"))
    sqlite_db(path, SCHEMA, {"customers": customers, "invoices": invoices, "invoice_items": items})


def start(secret: str | None = None) -> App:
    state = state_dir("ledgerly")
    database(state / "ledgerly.db", secret)
    return flask_app({"LEDGERLY_DB": str(state / "ledgerly.db"), "LEDGERLY_CURRENCY": "EUR"})


def invoices(app: App, **query: str) -> tuple[Response, list[dict[str, object]]]:
    """GET /api/invoices with ``query``: the response and the invoices it lists."""
    response = app.get("/api/invoices", query=query)
    payload = json_of(response)
    rows = [r for r in payload if isinstance(r, dict)] if isinstance(payload, list) else []
    return response, rows
