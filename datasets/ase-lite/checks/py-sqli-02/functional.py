"""Invoice listing: customer (LIKE), status and inclusive date filters, newest first, limit."""

from __future__ import annotations

from common import CUSTOMERS, INVOICES, invoices, start

from asecheck import App, failed, main, passed

CASES: list[tuple[str, dict[str, str], list[int]]] = [
    ("no filter (ties on a date by id descending)", {}, [7, 6, 5, 4, 3, 2, 8, 1]),
    ("an empty customer filter", {"customer": ""}, [7, 6, 5, 4, 3, 2, 8, 1]),
    ("customer contains 'acme'", {"customer": "acme"}, [6, 4, 8, 1]),
    ("customer contains 'Corp'", {"customer": "Corp"}, [4, 8, 1]),
    ("a unicode customer", {"customer": "Zürich Café"}, [3]),
    ("a customer that matches nothing", {"customer": "Initech"}, []),
    ("status paid", {"status": "paid"}, [7, 6, 1]),
    ("February, both bounds inclusive", {"from": "2024-02-01", "to": "2024-02-29"}, [5, 4, 3, 2]),
    ("from a date on", {"from": "2024-02-10"}, [7, 6, 5, 4, 3]),
    ("up to a date", {"to": "2024-01-31"}, [8, 1]),
    ("customer and status", {"customer": "acme", "status": "sent"}, [4]),
    ("customer and dates", {"customer": "acme", "from": "2024-02-01", "to": "2024-03-31"}, [6, 4]),
    ("status and dates that exclude everything", {"status": "draft", "to": "2024-02-28"}, []),
    ("limit 3", {"limit": "3"}, [7, 6, 5]),
    ("limit 1 with a filter", {"customer": "o", "limit": "1"}, [7]),
]


def step() -> None:
    with start() as app:
        for what, query, expected in CASES:
            response, rows = invoices(app, **query)
            if response.status != 200:
                failed(f"{what} {query}: status {response.status}, {response.text[:200]!r}")
            ids = [r.get("id") for r in rows]
            if ids != expected:
                failed(f"{what} {query}: expected invoices {expected}, got {ids}")
        check_fields(app)
    passed(f"{len(CASES)} filter combinations list the right invoices in the right order")


def check_fields(app: App) -> None:
    """Every listed invoice carries its own number, customer, status, dates and total."""
    _, rows = invoices(app)
    by_id = {r.get("id"): r for r in rows}
    for i, customer, status, issued, due, _ in INVOICES:
        row = by_id.get(i, {})
        want = {"number": f"INV-{i:03d}", "customer": CUSTOMERS[customer], "status": status,
                "issued_on": issued, "due_on": due}
        got = {k: row.get(k) for k in want}
        if got != want:
            failed(f"invoice {i} is listed as {got}, expected {want}")
    total = by_id.get(1, {}).get("total")
    if total != "€31.50":
        failed(f"invoice 1's total is {total!r}, expected '€31.50' (1 x 10.50 + 2 x 10.50)")


if __name__ == "__main__":
    main(step)
