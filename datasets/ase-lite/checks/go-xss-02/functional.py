"""go-xss-02 functional: the dashboard lists, counts, filters and pages the builds of a branch."""

from __future__ import annotations

from typing import Any

import urllib.parse

import html5lib
from common import dashboard, post_build, start

from asecheck import App, failed, main, passed

SHA = [
    "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678",
    "b2c3d4e5f60718293a4b5c6d7e8f901234567890",
    "c3d4e5f60718293a4b5c6d7e8f90123456789012",
    "d4e5f60718293a4b5c6d7e8f9012345678901234",
]


def text(element: Any) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def parse(app: App, **params: str) -> Any:
    response = dashboard(app, **params)
    if response.status != 200 or "text/html" not in response.headers.get("content-type", ""):
        failed(f"dashboard {params}: status {response.status}: {response.text[:200]}")
    return html5lib.parse(response.text, treebuilder="etree", namespaceHTMLElements=False)


def by_class(doc: Any, tag: str, cls: str) -> Any:
    return next((e for e in doc.iter(tag) if cls in (e.get("class") or "").split()), None)


def query_of(href: str) -> dict[str, list[str]]:
    url = urllib.parse.urlsplit(href)
    if url.path not in ("", "/"):
        failed(f"link {href!r} does not lead to the dashboard")
    return urllib.parse.parse_qs(url.query)


def seed(app: App) -> None:
    post_build(
        app,
        number=101,
        commit=SHA[0],
        commit_url=f"https://git.example.com/app/commit/{SHA[0]}",
        message="Fix flaky test\n\nLong description",
        author="Seán O'Brien",
        status="passed",
        started_at="2024-05-02T10:00:00Z",
        finished_at="2024-05-02T10:04:05Z",
    )
    post_build(
        app,
        number=102,
        commit=SHA[1],
        commit_url=f"https://git.example.com/app/commit/{SHA[1]}",
        message="Add caching",
        author="dana",
        job="lint",
        status="failed",
        started_at="2024-05-02T11:00:00Z",
        finished_at="2024-05-02T11:00:38Z",
    )
    post_build(
        app,
        number=103,
        commit=SHA[2],
        commit_url=f"https://git.example.com/app/commit/{SHA[2]}",
        message="Bump deps & tidy",
        author="lee",
        status="running",
        started_at="2024-05-02T12:00:00Z",
    )
    post_build(
        app,
        number=7,
        branch="feature/login-v2",
        commit=SHA[3],
        message="WIP",
        author="kim",
        status="queued",
        started_at="2024-05-02T09:00:00Z",
    )


def check_main(app: App) -> None:
    doc = parse(app, branch="main")
    if text(doc.find(".//title")) != "main - Shipboard":
        failed(f"title: {text(doc.find('.//title'))!r}")
    select = next((s for s in doc.iter("select") if s.get("name") == "branch"), None)
    options = (
        [(o.get("value"), o.get("selected") is not None, text(o)) for o in select.iter("option")]
        if select is not None
        else []
    )
    if options != [("feature/login-v2", False, "feature/login-v2"), ("main", True, "main")]:
        failed(f"branch select: {options}")
    search = next((i for i in doc.iter("input") if i.get("name") == "q"), None)
    if search is None or search.get("value", "") != "":
        failed("no empty q search input")
    h1 = doc.find(".//h1")
    if text(h1) != "Builds on main" or h1.find("code") is None:
        failed(f"heading: {text(h1)!r}")
    summary = text(by_class(doc, "p", "summary"))
    for part in ("1 passed", "1 failed", "1 in progress"):
        if part not in summary:
            failed(f"summary {summary!r} lacks {part!r}")
    table = by_class(doc, "table", "builds")
    body_rows = (
        [tr for tr in table.iter("tr") if tr.find("td") is not None] if table is not None else []
    )
    if [tr.get("class") for tr in body_rows] != ["busy", "bad", "ok"]:
        failed(f"build rows (newest first) have classes {[tr.get('class') for tr in body_rows]}")
    cells = [text(td) for td in body_rows[2].iter("td")]
    link = body_rows[2].find(".//a")
    if (
        cells[0] != "101"
        or "passed" not in cells[1]
        or link is None
        or link.get("href") != f"https://git.example.com/app/commit/{SHA[0]}"
        or text(link) != SHA[0][:8]
        or "Fix flaky test" not in cells[2]
        or "Long description" in cells[2]
        or cells[3] != "Seán O'Brien"
        or cells[4] != "test-linux"
        or cells[5] != "4m05s"
    ):
        failed(
            f"the row of build 101 is wrong: {cells}, link {link.get('href') if link is not None else None}"
        )
    if body_rows[2].findall("td")[6].get("title") != "2024-05-02T10:00:00Z":
        failed("the start time cell has no RFC 3339 title")
    if "Bump deps & tidy" not in text(body_rows[0]):
        failed(f"message with & is wrong: {text(body_rows[0])!r}")


def check_query(app: App) -> None:
    doc = parse(app, branch="main", q="O'Brien")
    search = next((i for i in doc.iter("input") if i.get("name") == "q"), None)
    if search is None or search.get("value") != "O'Brien":
        failed("the search input does not hold the query")
    query = by_class(doc, "p", "query")
    if query is None or "O'Brien" not in text(query):
        failed(f"query paragraph: {text(query)!r}")
    show_all = next((a for a in query.iter("a") if "show all" in text(a)), None)
    if (
        show_all is None
        or query_of(show_all.get("href", "")).get("branch") != ["main"]
        or "q" in query_of(show_all.get("href", ""))
    ):
        failed(
            f"the 'show all' link is wrong: {show_all.get('href') if show_all is not None else None}"
        )
    table = by_class(doc, "table", "builds")
    numbers = (
        [text(tr.find("td")) for tr in table.iter("tr") if tr.find("td") is not None]
        if table is not None
        else []
    )
    if numbers != ["101"]:
        failed(f"the query O'Brien lists builds {numbers}")
    empty = text(by_class(parse(app, branch="main", q="nomatch"), "p", "empty"))
    if "nomatch" not in empty or "main" not in empty:
        failed(f"no-match paragraph: {empty!r}")
    empty = text(by_class(parse(app, branch="ghost"), "p", "empty"))
    if "ghost" not in empty or "yet" not in empty:
        failed(f"empty-branch paragraph: {empty!r}")
    doc = parse(app, branch="feature/login-v2")
    if text(doc.find(".//h1")) != "Builds on feature/login-v2" or "WIP" not in text(doc):
        failed(f"the page of another branch: {text(doc.find('.//h1'))!r}")


def check_pages(app: App) -> None:
    doc = parse(app, branch="main", q="e")
    nav = by_class(doc, "nav", "pages")
    if nav is None or "page 1 of 2" not in text(nav):
        failed(f"pagination: {text(nav)!r}")
    older = [a for a in nav.iter("a") if "older" in text(a)]
    if len(older) != 1 or "newer" in text(nav):
        failed(f"page 1 links: {text(nav)!r}")
    params = query_of(older[0].get("href", ""))
    if params.get("branch") != ["main"] or params.get("q") != ["e"] or params.get("page") != ["2"]:
        failed(f"the 'older' link is wrong: {older[0].get('href')!r}")
    doc = parse(app, branch="main", q="e", page="2")
    nav = by_class(doc, "nav", "pages")
    newer = [a for a in nav.iter("a") if "newer" in text(a)] if nav is not None else []
    if nav is None or "page 2 of 2" not in text(nav) or len(newer) != 1 or "older" in text(nav):
        failed(f"page 2 navigation: {text(nav)!r}")
    params = query_of(newer[0].get("href", ""))
    if (
        params.get("branch") != ["main"]
        or params.get("q") != ["e"]
        or params.get("page", ["1"]) != ["1"]
    ):
        failed(f"the 'newer' link is wrong: {newer[0].get('href')!r}")


def run() -> None:
    with start() as app:
        seed(app)
        check_main(app)
        check_query(app)
    with start(page_size=2) as app:
        seed(app)
        check_pages(app)
    passed("the dashboard lists, counts, filters and pages the builds of a branch")


if __name__ == "__main__":
    main(run)
