"""Issue search: project scope, status and keyword filters, ordering, pages and unicode.

Only ordinary inputs that the original (injectable) code handles: quotes in values are the exploits' job.
"""

from __future__ import annotations

from common import ISSUES, search, start

from asecheck import App, failed, main, passed, token

KEYS = {i[0]: ("CORE" if i[1] == 1 else "WEB") + f"-{i[2]}" for i in ISSUES}


def expect(app: App, ids: list[int], what: str, **query: str) -> None:
    reply, issues = search(app, **query)
    if reply.status != 200:
        failed(f"{what} ({query}): status {reply.status}: {reply.text[:200]!r}")
    got = [i.get("id") for i in issues]
    if got != ids:
        failed(f"{what} ({query}): expected issues {ids}, got {got}")
    want_page = int(query.get("page", "1"))
    payload = reply.json()
    page = payload.get("page") if isinstance(payload, dict) else None
    if page != want_page:
        failed(f"{what}: page {page!r}, expected {want_page}")
    for issue in issues:
        row = next(r for r in ISSUES if r[0] == issue["id"])
        want = {"key": KEYS[row[0]], "title": row[3], "status": row[5], "priority": row[6], "assignee": row[7],
                "updatedAt": row[8].replace(" ", "T") + "Z"}
        wrong = {k: issue.get(k) for k, v in want.items() if issue.get(k) != v}
        if wrong:
            failed(f"{what}: issue {row[0]} has wrong fields {wrong}")


def step() -> None:
    with start(token("secret")) as app:
        expect(app, [3, 5, 4], "first page of CORE", project="CORE")
        expect(app, [1, 7, 2], "second page of CORE", project="CORE", page="2")
        expect(app, [6], "last page of CORE", project="CORE", page="3")
        expect(app, [], "past the last page", project="CORE", page="9")
        expect(app, [3, 1, 2], "open issues of CORE", project="CORE", status="open")
        expect(app, [6], "open issues of CORE, page 2", project="CORE", status="open", page="2")
        expect(app, [4, 7], "closed issues of CORE", project="CORE", status="closed")
        expect(app, [5, 1, 7], "keyword in titles and descriptions", project="CORE", q="crash")
        expect(app, [2], "keyword, page 2", project="CORE", q="crash", page="2")
        expect(app, [7], "keyword and status", project="CORE", q="Crash", status="closed")
        expect(app, [8], "keyword in another project", project="WEB", q="crash")
        expect(app, [4], "unicode keyword", project="CORE", q="Café")
        expect(app, [3, 5, 4], "blank keyword and empty status", project="CORE", q="   ", status="")
        expect(app, [], "unknown status", project="CORE", status="archived")
        expect(app, [], "unknown project", project="NOPE")
        expect(app, [], "keyword found nowhere", project="CORE", q="zebra")
        if app.get("/issues/search").status != 400:
            failed("a search without project is not refused with 400")
    passed("searches are scoped to the project, filtered, ordered and paged")


main(step)
