"""Ledgerly on a fresh database (SQLite behind the jdbc:mysql URL and the pool stand-in)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_lib"))

from asecheck import App, Response
from java_servlet import java_app, sqlite_db, workdir

SCHEMA = """
CREATE TABLE customers (id INTEGER PRIMARY KEY, name VARCHAR(120) NOT NULL);
CREATE TABLE invoices (
    id INTEGER PRIMARY KEY, number VARCHAR(32) NOT NULL UNIQUE, customer_id INTEGER NOT NULL REFERENCES customers(id),
    status VARCHAR(8) NOT NULL, total_cents BIGINT NOT NULL, currency CHAR(3) NOT NULL,
    issued_on DATE NOT NULL, due_on DATE NOT NULL, paid_on DATE
);
"""
CUSTOMERS = [(1, "Acme Corp"), (2, "Acme Labs"), (3, "O'Brien & Sons"), (4, "Zürich Trading AG"), (5, "Beta Ltd")]
Invoice = tuple[int, str, int, str, int, str, str, str, str | None]
# id, number, customer, status, total, currency, issued, due, paid
INVOICES: list[Invoice] = [
    (1, "INV-001", 1, "PAID", 120_00, "EUR", "2024-01-05", "2024-02-04", "2024-01-20"),
    (2, "INV-002", 2, "SENT", 99_50, "EUR", "2024-02-01", "2024-03-02", None),
    (3, "INV-003", 3, "SENT", 1_500_00, "GBP", "2024-02-15", "2024-03-16", None),
    (4, "INV-004", 4, "DRAFT", 42_00, "CHF", "2024-02-29", "2024-03-30", None),
    (5, "INV-005", 1, "VOID", 10_00, "EUR", "2024-03-10", "2024-04-09", None),
    (6, "INV-006", 5, "PAID", 730_00, "USD", "2024-03-10", "2024-04-09", "2024-03-28"),
    (7, "INV-007", 2, "SENT", 5_00, "EUR", "2024-01-31", "2024-01-15", None),
]
SECRET_CUSTOMER = (6, "Zeta Holdings (other tenant)")


def hidden_invoice(number: str) -> Invoice:
    """The other tenant's invoice: dated among the others, so only its customer and status set it apart."""
    return (99, number, SECRET_CUSTOMER[0], "VOID", 1, "EUR", "2024-02-10", "2024-03-11", None)


def start(secret: str) -> App:
    """Ledgerly; a customer of another tenant has an invoice numbered ``secret`` that no filter here selects."""
    root = workdir("ledgerly")
    customers = [*CUSTOMERS, SECRET_CUSTOMER]
    hidden = hidden_invoice(secret)
    db = sqlite_db(root / "ledgerly.db", SCHEMA, {"customers": customers, "invoices": [*INVOICES, hidden]})
    return java_app({"LEDGERLY_DB_URL": "jdbc:mysql://localhost:3306/ledgerly"}, db=db, cwd=root)


def invoices(app: App, **query: str) -> tuple[Response, list[dict[str, object]]]:
    """The answer and its invoices ([] when the answer is not a JSON list)."""
    reply = app.get("/invoices", query=query or None)
    try:
        rows = reply.json() if reply.status == 200 else []
    except ValueError:
        rows = []
    return reply, rows if isinstance(rows, list) else []
