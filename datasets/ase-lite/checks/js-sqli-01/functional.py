"""Issue list: status, assignee and title filters (alone and together), newest first, pages,
unicode in the search, no match."""

from __future__ import annotations

from app import ISSUES, issues, search, start
from asecheck import App, failed, main, passed

NEWEST_FIRST = sorted((i for i, *_ in ISSUES), reverse=True)
FIELDS = {"id", "title", "status", "assignee", "priority", "updated_at"}


def expect(app: App, ids: list[int], **query: str) -> None:
    """The list answers 200 with exactly the issues ``ids``, in that order, and the page asked for."""
    page = int(query.get("page", 1))
    response, payload = search(app, **query)
    if response.status != 200 or payload is None:
        failed(f"GET /api/issues {query}: {response.status} {response.text[:200]!r}")
    got = [i.get("id") for i in issues(payload)]
    if got != ids:
        failed(f"GET /api/issues {query}: issues {got}, expected {ids}")
    if payload.get("page") != page:  # type: ignore[union-attr]
        failed(f"GET /api/issues {query}: page {payload.get('page')!r}, expected {page}")  # type: ignore[union-attr]
    rows = issues(payload)
    if rows and not FIELDS <= set(rows[0]):
        failed(f"GET /api/issues {query}: an issue has the fields {sorted(rows[0])}, expected {sorted(FIELDS)}")


def functional() -> None:
    with start() as app:
        expect(app, NEWEST_FIRST)
        expect(app, [8, 6, 4, 2, 1], status="open")
        expect(app, [8, 3, 1], assignee="alice")
        expect(app, [8, 1], status="open", assignee="alice")
        expect(app, [7, 3, 1], q="crash")
        expect(app, [7, 4, 2, 1], q="log")
        expect(app, [1], q="log", status="open", assignee="alice")
        expect(app, [4], q="cannot log")
        expect(app, [5], q="Café", assignee="françois")
        expect(app, [], q="no such words")
        expect(app, NEWEST_FIRST, status="", assignee="", q="")
        expect(app, [6, 5], page="2", per_page="2")
        expect(app, [2, 1], page="3", per_page="3")
        expect(app, [], page="9", per_page="3")
        expect(app, [4, 2], page="2", per_page="2", status="open")
    passed("filters by status, assignee and title, newest first, paged, with odd characters")


if __name__ == "__main__":
    main(functional)
