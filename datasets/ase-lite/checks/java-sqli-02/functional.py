"""Invoice list: customer prefix, status, inclusive dates, sort keys, limits and unicode.

Only ordinary inputs that the original (injectable) code handles: quotes in values are the exploits' job.
"""

from __future__ import annotations

from common import CUSTOMERS, INVOICES, SECRET_CUSTOMER, hidden_invoice, invoices, start

from asecheck import App, failed, main, passed

NUMBER = "INV-OTHER-1"
ROWS = [*INVOICES, hidden_invoice(NUMBER)]
NAMES = dict([*CUSTOMERS, SECRET_CUSTOMER])
SORTS = {  # sort key -> (key function, reversed) as InvoiceColumns orders
    "issued": (lambda r: (r[6], r[0]), True), "due": (lambda r: (r[7], r[0]), False),
    "amount": (lambda r: (r[4], r[0]), True), "customer": (lambda r: (NAMES[r[2]], _desc(r[6])), False),
}


def _desc(day: str) -> tuple[int, ...]:
    return tuple(-int(part) for part in day.split("-"))


def model(customer: str = "", status: str = "", start: str = "", end: str = "", sort: str = "issued",
          limit: int = 100) -> list[int]:
    """The invoices the description asks for, computed from the rows the check stored."""
    rows = [r for r in ROWS
            if (not customer.strip() or NAMES[r[2]].lower().startswith(customer.strip().lower()))
            and (not status.strip() or r[3] == status.upper())
            and (not start or r[6] >= start) and (not end or r[6] <= end)]
    key, backwards = SORTS.get(sort, SORTS["issued"])
    rows.sort(key=key, reverse=backwards)
    return [r[0] for r in rows][:max(1, min(limit, 500))]


def expect(app: App, what: str, want: list[int], **query: str) -> None:
    reply, rows = invoices(app, **query)
    if reply.status != 200:
        failed(f"{what} ({query}): status {reply.status}: {reply.text[:200]!r}")
    got = [r.get("id") for r in rows]
    if got != want:
        failed(f"{what} ({query}): expected invoices {want}, got {got}")
    for row in rows:
        i = next(r for r in ROWS if r[0] == row["id"])
        fields = {"number": i[1], "customer": NAMES[i[2]], "status": i[3], "totalCents": i[4], "currency": i[5],
                  "issuedOn": i[6], "dueOn": i[7], "paidOn": i[8]}
        wrong = {k: row.get(k) for k, v in fields.items() if row.get(k) != v}
        if wrong:
            failed(f"{what}: invoice {i[0]} has wrong fields {wrong}")


def step() -> None:
    with start(NUMBER) as app:
        expect(app, "no filter", model())
        expect(app, "customer prefix", model("Acme"), customer="Acme")
        expect(app, "lower-case prefix", model("acme"), customer="acme")
        expect(app, "prefix with spaces around", model("Acme Labs"), customer="  Acme Labs ")
        expect(app, "prefix of a name with an apostrophe", model("O"), customer="O")
        expect(app, "unicode", model("Zürich"), customer="Zürich")
        expect(app, "not a prefix", [], customer="Corp")
        expect(app, "status in lower case", model(status="paid"), status="paid")
        expect(app, "status in mixed case", model(status="Sent"), status="Sent")
        expect(app, "dates inclusive", model(start="2024-02-01", end="2024-02-29"),
               **{"from": "2024-02-01", "to": "2024-02-29"})
        expect(app, "from only", model(start="2024-03-10"), **{"from": "2024-03-10"})
        expect(app, "to only", model(end="2024-01-31"), to="2024-01-31")
        expect(app, "customer, status and dates", model("Acme", "SENT", "2024-01-01", "2024-12-31"),
               customer="Acme", status="SENT", **{"from": "2024-01-01", "to": "2024-12-31"})
        for sort in ("issued", "due", "amount", "customer", "drop"):
            expect(app, f"sort by {sort}", model(sort=sort), sort=sort)
        expect(app, "limit", model(limit=2), limit="2")
        expect(app, "limit below 1", model(limit=0), limit="0")
        expect(app, "limit with filters", model(status="sent", limit=2), status="sent", limit="2")
        expect(app, "blank filters", model(), customer=" ", status="")
        expect(app, "no match", [], to="2000-01-01")
    passed("invoices are filtered by customer prefix, status and dates, sorted and limited")


main(step)
