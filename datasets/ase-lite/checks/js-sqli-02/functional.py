"""Invoice search: each filter alone and together (customer name case-insensitive, with
unicode), every sort column both ways with the id tie-breaker, limit / offset
with the full total, the limit's default and cap, and the fields of each invoice."""

from __future__ import annotations

from app import BULK, BULK_FIRST, CUSTOMERS, INVOICES, invoices, search, start
from asecheck import App, failed, main, passed

BY_ID = {i: (c, s, d, due, t) for i, c, s, d, due, t in INVOICES}
BULK_IDS = list(range(BULK_FIRST, BULK_FIRST + BULK))


def ordered(ids: list[int], key: str, descending: bool) -> list[int]:
    """The ids sorted as the query must sort them: by ``key``, then by id, both one way."""
    def value(i: int) -> tuple[object, int]:
        c, _, d, due, t = BY_ID[i]
        return ({"issued": d, "due": due, "total": t, "customer": CUSTOMERS[c]}[key], i)
    return sorted(ids, key=value, reverse=descending)


def newest(ids: list[int]) -> list[int]:
    """The default order: newest issue date first."""
    return ordered(ids, "issued", True)


def expect(app: App, ids: list[int], total: int | None = None, **params: str) -> list[dict[str, object]]:
    """The search answers exactly the invoices ``ids`` in that order, and ``total`` (default:
    as many as ``ids``). A parameter named ``from_`` is sent as ``from``."""
    query = {name.rstrip("_"): value for name, value in params.items()}
    response, payload = search(app, **query)
    if response.status != 200 or payload is None:
        failed(f"GET /invoices {query}: {response.status} {response.text[:200]!r}")
    rows = invoices(payload)
    got = [r.get("id") for r in rows]
    if got != ids:
        failed(f"GET /invoices {query}: invoices {got[:12]}{'...' if len(got) > 12 else ''}, expected {ids[:12]}")
    want_total = len(ids) if total is None else total
    if payload.get("total") != want_total:  # type: ignore[union-attr]
        failed(f"GET /invoices {query}: total {payload.get('total')!r}, expected {want_total}")  # type: ignore[union-attr]
    return rows


def check_fields(rows: list[dict[str, object]]) -> None:
    row = next((r for r in rows if r.get("id") == 2), None)
    if row is None:
        failed("invoice 2 missing from the unfiltered search")
    assert row is not None
    fields = {"number": "INV-0002", "status": "sent", "customer_id": 2, "customer_name": "O'Brien & Sons"}
    got = {k: row.get(k) for k in fields}
    if got != fields or str(row.get("issued_on"))[:10] != "2024-02-01" or str(row.get("due_on"))[:10] != "2024-03-01" \
            or str(row.get("total_cents")) != "45050" or "total_count" in row:
        failed(f"invoice 2 is {row}, expected its columns and customer (and no total_count)")


def functional() -> None:
    small = [i for i, *_ in INVOICES]
    every = small + BULK_IDS
    with start() as app:
        rows = expect(app, newest(small) + BULK_IDS[::-1][:50 - len(small)], total=len(every))
        check_fields(rows)
        expect(app, newest([1, 4, 5]), customer="ACME")
        expect(app, newest([2, 6]), customer="BRIEN")
        expect(app, newest([3, 7]), customer="Zoë")
        expect(app, newest([1, 6, 7]), status="paid")
        expect(app, newest([2, 7]), from_="2024-02-01", to="2024-02-29")
        expect(app, newest([1, 3, 5]), min_total="99900")
        expect(app, newest([1, 5]), customer="acme", status="", min_total="100000")
        expect(app, [7], status="paid", customer="design", from_="2024-01-01", to="2024-12-31", min_total="1")
        expect(app, [], customer="nobody at all")
        for key in ("issued", "due", "total", "customer"):
            for order in ("asc", "desc"):
                expect(app, ordered(small, key, order == "desc"), sort=key, order=order,
                       from_="2023-01-01")
        expect(app, newest(small), sort="nonsense", order="sideways", from_="2023-01-01")
        expect(app, newest(small)[2:5], total=len(small), limit="3", offset="2", from_="2023-01-01")
        expect(app, [], total=0, offset="50", from_="2023-01-01")
        expect(app, BULK_IDS[::-1][:50], total=BULK, customer="bulk", limit="many")
        expect(app, BULK_IDS[::-1][:200], total=BULK, customer="bulk", limit="1000")
    passed("filters, sorts with tie-breaker, limit/offset with full total, default and capped limit")


if __name__ == "__main__":
    main(functional)
