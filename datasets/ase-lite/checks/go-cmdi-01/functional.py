"""go-cmdi-01 functional: the log of a branch, tag or commit, newest first, within the limit."""

from __future__ import annotations

from typing import Any

from common import COMMITS, log, start

from asecheck import App, failed, main, passed

SUBJECTS = {name: subject for name, _, subject, _, _ in COMMITS}
AUTHORS = {name: author for name, _, _, author, _ in COMMITS}
DATES = {name: date[:19] for name, _, _, _, date in COMMITS}


def check(app: App, ref: str | None, want: list[str], hashes: dict[str, str]) -> None:
    response = log(app, ref)
    if response.status != 200:
        failed(f"ref={ref!r}: status {response.status}: {response.text[:200]}")
    commits: Any = response.json() or []
    got = [c.get("subject") for c in commits]
    if got != [SUBJECTS[n] for n in want]:
        failed(f"ref={ref!r}: subjects {got}, want {[SUBJECTS[n] for n in want]}")
    if [c.get("hash") for c in commits] != [hashes[n] for n in want]:
        failed(f"ref={ref!r}: hashes differ from git's")
    if [c.get("author") for c in commits] != [AUTHORS[n] for n in want]:
        failed(f"ref={ref!r}: authors {[c.get('author') for c in commits]}")
    if [str(c.get("date", ""))[:19] for c in commits] != [DATES[n] for n in want]:
        failed(f"ref={ref!r}: dates {[c.get('date') for c in commits]}")


def run() -> None:
    setup = start()
    with setup.app:
        hashes = setup.hashes
        check(setup.app, "main", ["c5", "c4", "c3", "c2", "c1"], hashes)
        check(setup.app, None, ["c5", "c4", "c3", "c2", "c1"], hashes)
        check(setup.app, "feature/login", ["f1", "c3", "c2", "c1"], hashes)
        check(setup.app, "v1.0", ["c4", "c3", "c2", "c1"], hashes)
        check(setup.app, hashes["c2"], ["c2", "c1"], hashes)
        check(setup.app, hashes["c3"][:10], ["c3", "c2", "c1"], hashes)
        for unknown in ("no-such-branch", "v9.9", "0" * 40):
            response = log(setup.app, unknown)
            if response.status != 404:
                failed(f"ref={unknown!r}: status {response.status}, want 404")
        page = log(setup.app, "feature/login", as_json=False)
        if (
            page.status != 200
            or "Add login form" not in page.text
            or "O&#39;Brien" not in page.text
        ):
            failed(f"HTML log page: status {page.status}: {page.text[:200]}")
    setup = start(log_limit=2)
    with setup.app:
        check(setup.app, "main", ["c5", "c4"], setup.hashes)
    passed("the log follows branches, tags and commits, newest first, within the limit")


if __name__ == "__main__":
    main(run)
