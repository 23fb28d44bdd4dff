"""Keyword search over issue titles and bodies: status filter, ordering, pages, odd characters."""

from __future__ import annotations

from common import ISSUES, items, search, start

from asecheck import failed, main, passed

REPORTERS = {i: r for i, _, _, _, _, r in ISSUES}


def check_ids(app, expected: list[int], what: str, **query: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """The search answers 200 with exactly the issues ``expected``, in that order."""
    response, payload = search(app, **query)
    if response.status != 200 or payload is None:
        failed(f"{what}: status {response.status}, body {response.text[:200]!r}")
    ids = [i.get("id") for i in items(payload)]
    if ids != expected:
        failed(f"{what} ({query}): expected issues {expected}, got {ids}")
    return payload  # type: ignore[return-value]


def step() -> None:
    with start() as app:
        first = check_ids(app, [1, 7, 2], "first page of 'login'", q="login")
        if first.get("has_more") is not True or first.get("page") != 1 or first.get("query") != "login":
            failed(f"first page of 'login': page/has_more/query wrong: {first}")
        if first.get("status") != "open":
            failed(f"the default status is not reported as open: {first.get('status')!r}")
        row = items(first)[0]
        for key in ("id", "title", "status", "priority", "reporter", "created_at"):
            if key not in row:
                failed(f"an item lacks {key}: {row}")
        if (row["title"], row["status"], row["priority"], row["reporter"]) != ("Crash on login page", "open", 5, "alice"):
            failed(f"issue 1 is reported wrongly: {row}")
        second = check_ids(app, [4], "second page of 'login'", q="login", page="2")
        if second.get("has_more") is not False or second.get("page") != 2:
            failed(f"second page of 'login': page/has_more wrong: {second}")
        check_ids(app, [], "third page of 'login'", q="login", page="3")
        check_ids(app, [1, 7, 2], "a page number that is not a number", q="login", page="x")
        check_ids(app, [3, 1], "'crash' with spaces around it (ties by id descending)", q="  Crash ")
        check_ids(app, [8], "closed issues", q="crash", status="closed")
        check_ids(app, [9], "issues in progress", q="login", status="in_progress")
        check_ids(app, [6], "a unicode term", q="Café")
        check_ids(app, [4], "a term found in the body only", q="Logn")
        check_ids(app, [], "a term that matches nothing", q="zzzz")
        for blank in ("", "   "):
            empty = check_ids(app, [], f"the blank term {blank!r}", q=blank)
            if empty.get("query") != "":
                failed(f"the blank term is not echoed as an empty query: {empty}")
        check_ids(app, [], "no q at all")
        reporter = {i.get("id"): i.get("reporter") for i in items(search(app, q="o", status="open")[1])}
        if any(REPORTERS.get(k) != v for k, v in reporter.items()):  # type: ignore[arg-type]
            failed(f"reporters do not match their issues: {reporter}")
    passed("search filters by status and term, orders by priority then id, pages by PAGE_SIZE")


if __name__ == "__main__":
    main(step)
