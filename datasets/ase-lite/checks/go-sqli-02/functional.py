"""go-sqli-02 functional: invoice search filters, sorts, tie-breaks and pages; deleted rows never show."""

from __future__ import annotations

from common import numbers, rows, search, start

from asecheck import App, failed, main, passed

CASES: list[tuple[dict[str, str], list[str]]] = [
    ({}, ["INV-001", "INV-002", "INV-003", "INV-004", "INV-005", "INV-006", "INV-007", "INV-008"]),
    (
        {"dir": "desc"},
        ["INV-008", "INV-007", "INV-006", "INV-005", "INV-004", "INV-003", "INV-002", "INV-001"],
    ),
    ({"customer": "ACME"}, ["INV-001", "INV-004", "INV-005", "INV-008"]),
    ({"customer": "Brien &"}, ["INV-002", "INV-007"]),
    ({"customer": "Rückvers"}, ["INV-003"]),
    ({"customer": "nobody at all"}, []),
    ({"status": "sent"}, ["INV-002", "INV-005", "INV-008"]),
    ({"currency": "eur"}, ["INV-001", "INV-002", "INV-006", "INV-008"]),
    ({"from": "2024-02-01", "to": "2024-03-01"}, ["INV-003", "INV-004", "INV-005", "INV-006"]),
    ({"min_total": "30000"}, ["INV-002", "INV-003", "INV-005", "INV-007", "INV-008"]),
    ({"status": "sent", "currency": "EUR", "min_total": "40000"}, ["INV-002"]),
    (
        {"sort": "total_cents"},
        ["INV-006", "INV-001", "INV-004", "INV-005", "INV-008", "INV-007", "INV-002", "INV-003"],
    ),
    (
        {"sort": "total_cents", "dir": "desc"},
        ["INV-003", "INV-002", "INV-007", "INV-008", "INV-005", "INV-004", "INV-001", "INV-006"],
    ),
    (
        {"sort": "due_on"},
        ["INV-001", "INV-004", "INV-002", "INV-003", "INV-005", "INV-006", "INV-007", "INV-008"],
    ),
    (
        {"sort": "number", "dir": "desc", "customer": "acme"},
        ["INV-008", "INV-005", "INV-004", "INV-001"],
    ),
]

PAGES: list[tuple[dict[str, str], list[str]]] = [
    ({"page": "1"}, ["INV-001", "INV-002", "INV-003"]),
    ({"page": "2"}, ["INV-004", "INV-005", "INV-006"]),
    ({"page": "3"}, ["INV-007", "INV-008"]),
    ({"page": "4"}, []),
    ({"page": "2", "sort": "total_cents", "dir": "desc"}, ["INV-008", "INV-005", "INV-004"]),
]


def check(app: App, cases: list[tuple[dict[str, str], list[str]]]) -> None:
    for params, want in cases:
        response = search(app, **params)
        if response.status != 200:
            failed(f"search {params}: status {response.status}: {response.text[:200]}")
        got = numbers(response)
        if got != want:
            failed(f"search {params}: got {got}, want {want}")


def run() -> None:
    with start() as app:
        check(app, CASES)
        first = rows(search(app, customer="Zürich"))
        if (
            not first
            or first[0].get("customer") != "Zürich Rückversicherung"
            or first[0].get("total_cents") != 99000
        ):
            failed(f"the joined customer name or the amounts are wrong: {first[:1]}")
        if not str(first[0].get("issued_on", "")).startswith("2024-02-01"):
            failed(f"issued_on is wrong: {first[0]}")
    with start(page_size=3) as app:
        check(app, PAGES)
    passed("invoice search filters, sorts, tie-breaks and pages without deleted invoices")


if __name__ == "__main__":
    main(run)
