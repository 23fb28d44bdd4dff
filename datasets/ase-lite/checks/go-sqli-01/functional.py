"""go-sqli-01 functional: the issue search filters by project, term and status, orders and limits."""

from __future__ import annotations

from typing import Any

from common import issues, search, start

from asecheck import Response, failed, main, passed


def titles(response: Response) -> list[str]:
    return [str(i.get("title")) for i in issues(response)]


def run() -> None:
    with start() as app:
        expect = {
            # term in title or body, API only, priority desc then updated_at desc
            ("API", "login", None): [
                "Rate limiter too strict",
                "Old login page still reachable",
                "Login fails with expired token",
                "Document the login flow",
            ],
            ("API", "login", "open"): [
                "Old login page still reachable",
                "Login fails with expired token",
            ],
            ("API", "login", "closed"): ["Document the login flow"],
            ("WEB", "login", None): ["Login button misaligned"],
            ("API", "Brien", None): ["Crash when O'Brien logs in"],
            ("API", "apostrophe", None): ["Crash when O'Brien logs in"],
            ("API", "crème brûlée", None): ["Café menu endpoint returns mojibake"],
            ("API", "no such words", None): [],
            ("NOPE", "login", None): [],
        }
        for (project, term, status), want in expect.items():
            response = search(app, project, term, status)
            if response.status != 200:
                failed(
                    f"search {project}/{term!r}/{status}: status {response.status}: {response.text[:200]}"
                )
            body: Any = response.json()
            if (
                not isinstance(body, dict)
                or body.get("project") != project
                or body.get("term") != term
            ):
                failed(f"search {project}/{term!r}: project/term not echoed: {response.text[:200]}")
            if body.get("issues") is None and want:
                failed(f"search {project}/{term!r}: no issues list: {response.text[:200]}")
            got = titles(response)
            if got != want:
                failed(f"search {project}/{term!r}/{status}: got {got}, want {want}")
            first = issues(response)[:1]
            if first and not all(k in first[0] for k in ("id", "status", "priority", "updated_at")):
                failed(f"search rows lack columns: {first[0]}")
    with start(search_limit=2) as app:
        got = titles(search(app, "API", "login"))
        if got != ["Rate limiter too strict", "Old login page still reachable"]:
            failed(f"search limit 2: got {got}")
    passed("search filters by project, term (title or body) and status, orders and limits")


if __name__ == "__main__":
    main(run)
