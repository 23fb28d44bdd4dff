"""Beacon (php-xss-02): the build table of the dashboard, run as `check.py STEP`.

Builds arrive through the real webhook (public/webhook.php, HMAC-signed JSON) into a fresh
SQLite file; public/index.php renders them, optionally filtered with ?branch=. The exploits end
with their markup in encoded_markup() forms, for code that decodes after escaping.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import sys
import urllib.parse
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_lib"))

from asecheck import (App, broken, encoded_markup, failed, formatting_tags, main, passed, spaceless_breakouts,
                      token, xss_hits)
from php_app import class_of, elements, fresh_dir, php_server, php_string, query_of, text_of

SECRET = "check-secret"
REPOSITORY = "https://git.example.com/platform/monorepo"
LONG = "Ünïcödé wörk " * 7  # 91 characters on the first line: cut to 72 with an ellipsis
# ordinary text (apostrophes, '&', quotes, non-ASCII); markup in a field is the exploits' business
BUILDS = [
    {"number": 101, "branch": "main", "status": "passed", "commit_sha": "3f2c9e1a7b", "author": "Dana",
     "commit_message": "Fix flaky upload test\n\nThe second line stays out.",
     "started_at": "2024-05-02T10:11:00Z", "finished_at": "2024-05-02T10:19:41Z"},
    {"number": 102, "branch": "feature/o'brien-ü", "status": "failed", "commit_sha": "a1b2c3d4e5f6",
     "author": "Seán O'Brien & Co", "commit_message": LONG + "\nmore",
     "started_at": "2024-05-03T08:00:00Z", "finished_at": "2024-05-03T08:00:45Z"},
    {"number": 103, "branch": "main", "status": "running", "commit_sha": "bbbbbbbbbbbb", "author": "Lee",
     "commit_message": 'Use bold & "quotes" > 2', "started_at": "2024-05-04T09:00:00Z", "finished_at": None},
    {"number": 104, "branch": "release/2.0", "status": "weird", "commit_sha": "cccccccccccc", "author": "Ann",
     "commit_message": "x" * 72, "started_at": "2024-05-05T09:00:00Z", "finished_at": "2024-05-05T09:01:00Z"},
]
LABELS = {"passed": "Passed", "failed": "Failed", "running": "Running", "errored": "Errored"}
DURATIONS = {101: "8m 41s", 102: "45s", 103: "–", 104: "1m 00s"}  # noqa: RUF001 (the app's dash)


def start() -> App:
    """The dashboard on a fresh database of its own, with the webhook secret set."""
    database = fresh_dir("beacon") / "beacon.sqlite"
    return php_server(env={"BEACON_WEBHOOK_SECRET": SECRET},
                      prepend=f"define('BEACON_DB_PATH', {php_string(str(database))});")


def post_build(app: App, build: dict[str, object]) -> int:
    body = json.dumps(build).encode()
    signature = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    reply = app.post("/webhook.php", body=body, headers={"Content-Type": "application/json",
                                                          "X-Beacon-Signature": signature})
    if reply.status != 201:
        broken(f"the webhook refused a build: HTTP {reply.status} {reply.text[:200]}")
    return int(reply.json()["id"])  # type: ignore[index]


def dashboard(app: App, branch: str | None = None) -> str:
    reply = app.get("/index.php", query={"branch": branch} if branch is not None else None)
    if reply.status != 200:
        failed(f"the dashboard (branch {branch!r}) answered HTTP {reply.status}")
    return reply.text


def links_to(link: object, page: str, query: dict[str, list[str]]) -> bool:
    """Whether ``link`` points at ``page`` (relative or absolute) with exactly ``query``."""
    if link is None:
        return False
    # relative to the dashboard (index.php): '?branch=x' and './index.php?branch=x' go to the same page
    path, params = query_of(urllib.parse.urljoin("http://127.0.0.1/index.php", link.get("href", "")))  # type: ignore[attr-defined]
    return path.rsplit("/", 1)[-1] == page and params == query


def summary_ok(text: str, message: str) -> bool:
    first = message.split("\n")[0]
    if len(first) <= 72:
        return text == first
    return text in (first[:71] + "…", first[:72] + "…")


def check_rows(html: str, builds: list[tuple[int, dict[str, object]]], branch: str) -> None:
    """The table holds exactly ``builds`` (id, payload), newest first, each cell as described."""
    tables = list(elements(html, "table", "builds"))
    if len(tables) != 1:
        failed(f"branch {branch!r}: expected one table.builds, found {len(tables)}")
    headers = [text_of(th) for th in elements(tables[0], "th")]
    if headers != ["#", "Status", "Branch", "Commit", "Author", "Duration", "Finished"]:
        failed(f"branch {branch!r}: columns {headers}")
    rows = [tr for tr in elements(tables[0], "tr") if list(elements(tr, "td"))]
    if len(rows) != len(builds):
        failed(f"branch {branch!r}: {len(rows)} rows, expected {len(builds)}")
    for row, (build_id, build) in zip(rows, builds, strict=True):
        cells = list(elements(row, "td"))
        status = str(build["status"]) if build["status"] in LABELS else "errored"  # as the webhook stores it
        where = f"branch {branch!r}, build #{build['number']}"
        expected_class = {f"status-{status}", *(["current"] if build["branch"] == branch else [])}
        if set(class_of(row)) != expected_class:
            failed(f"{where}: row class {class_of(row)}, expected {sorted(expected_class)}")
        if len(cells) != 7:
            failed(f"{where}: {len(cells)} cells")
        number_link = next(iter(elements(cells[0], "a")), None)
        if number_link is None or text_of(number_link) != str(build["number"]) or \
                not links_to(number_link, "build.php", {"id": [str(build_id)]}):
            failed(f"{where}: the # cell must link to build.php?id={build_id}")
        badge = next(iter(elements(cells[1], "span")), None)
        if badge is None or text_of(badge) != LABELS[status] or badge.get("title") != LABELS[status]:  # type: ignore[attr-defined]
            failed(f"{where}: status badge {text_of(cells[1])!r}, expected {LABELS[status]!r} as text and title")
        branch_link = next(iter(elements(cells[2], "a")), None)
        if branch_link is None or text_of(branch_link) != build["branch"] or \
                not links_to(branch_link, "index.php", {"branch": [str(build["branch"])]}):
            failed(f"{where}: the branch cell must show {build['branch']!r} and link to index.php?branch=")
        sha = str(build["commit_sha"])
        commit_link = next(iter(elements(cells[3], "a")), None)
        if commit_link is None or text_of(commit_link) != sha[:7] or \
                commit_link.get("href") != f"{REPOSITORY}/commit/{urllib.parse.quote(sha, safe='')}":  # type: ignore[attr-defined]
            failed(f"{where}: the commit cell must link {sha[:7]!r} to the commit URL")
        rest = text_of(cells[3])[len(sha[:7]):].strip()
        if not text_of(cells[3]).startswith(sha[:7]) or not summary_ok(rest, str(build["commit_message"])):
            failed(f"{where}: commit summary {rest!r}")
        if text_of(cells[4]) != build["author"]:
            failed(f"{where}: author {text_of(cells[4])!r}, expected {build['author']!r}")
        if text_of(cells[5]) != DURATIONS[int(build["number"])]:  # type: ignore[call-overload]
            failed(f"{where}: duration {text_of(cells[5])!r}, expected {DURATIONS[int(build['number'])]!r}")  # type: ignore[call-overload]
        finished = build["finished_at"]
        if finished is None and text_of(cells[6]) != "in progress":
            failed(f"{where}: an unfinished build must show 'in progress', not {text_of(cells[6])!r}")
        if finished is not None and (cells[6].get("title") != finished or not text_of(cells[6]).endswith("ago")):  # type: ignore[attr-defined]
            failed(f"{where}: finished cell {text_of(cells[6])!r} titled {cells[6].get('title')!r}")  # type: ignore[attr-defined]


def functional() -> None:
    with start() as app:
        empty = [text_of(p) for p in elements(dashboard(app), "p", "empty")]
        if empty != ["No builds yet."]:
            failed(f"an empty dashboard must say 'No builds yet.', got {empty}")
        ids = [post_build(app, build) for build in BUILDS]
        stored = list(zip(ids, BUILDS, strict=True))
        html = dashboard(app)
        if list(elements(html, "p", "filter")):
            failed("the unfiltered dashboard shows a branch filter line")
        check_rows(html, stored[::-1], "")
        for branch in ("main", "feature/o'brien-ü"):
            html = dashboard(app, branch)
            check_rows(html, [s for s in stored[::-1] if s[1]["branch"] == branch], branch)
            lines = list(elements(html, "p", "filter"))
            strong = next(iter(elements(lines[0], "strong")), None) if lines else None
            links = [a for a in elements(lines[0], "a") if links_to(a, "index.php", {})] if lines else []
            if strong is None or text_of(strong) != branch or not text_of(lines[0]).startswith(
                    f"Showing builds of {branch}") or not links or text_of(links[0]) != "show all":
                failed(f"branch {branch!r}: filter line {[text_of(p) for p in lines]}")
        for branch in ("nope/none", "x & 'y'"):
            html = dashboard(app, branch)
            empty_notes = list(elements(html, "p", "empty"))
            code = next(iter(elements(empty_notes[0], "code")), None) if empty_notes else None
            if code is None or text_of(empty_notes[0]) != f"No builds on {branch} yet." or text_of(code) != branch:
                failed(f"branch {branch!r} without builds: {[text_of(p) for p in empty_notes]}")
            if list(elements(html, "table", "builds")):
                failed(f"branch {branch!r} without builds still shows a table")
    passed("the build table, its filter line and its empty states are as described")


SHOWN = 40  # DASHBOARD_LIMIT (config.php): the dashboard shows the newest 40 builds


def xss_exploit(payload_builds: Callable[[str], list[dict[str, object]]],
                branches: Callable[[str], list[str | None]]) -> Callable[[], None]:
    """Store the builds through the webhook, then look for script holding the marker on each view;
    SHOWN builds at a time, so that every build is on the dashboard when it is looked at."""

    def step() -> None:
        marker = token("xss")
        builds = payload_builds(marker)
        with start() as app:
            for first in range(0, max(len(builds), 1), SHOWN):
                for build in builds[first:first + SHOWN]:
                    post_build(app, {**BUILDS[0], **build})
                for branch in branches(marker):
                    hits = xss_hits(dashboard(app, branch), marker)
                    if hits:
                        failed(f"dashboard with branch {branch!r}: {hits[0]}")
        passed("no payload became script")

    return step


def decoded_later(markup: str) -> list[str]:
    """The encoded_markup() forms of ``markup`` (those equal to it left out): h() leaves them
    alone and a rawurldecode() or html_entity_decode() after it rebuilds the markup."""
    return [form for form in encoded_markup(markup) if form != markup]


LENGTHS = (40, 60, 100, 200, 1000, 3000)


def padded(head: str, tail: str, length: int) -> str:
    """``head`` and ``tail`` with ordinary words between them, ``length`` characters in all."""
    filler = ("fix the flaky upload " * (length // 10 + 1))[:max(1, length - len(head) - len(tail))]
    return head + filler + tail


def long_builds(head: str, tail: str) -> list[dict[str, object]]:
    """Markup at both ends of stored values past any plausible truncation (the summary is cut at 72):
    code that escapes one path only (short values escaped, long ones cut and printed raw)."""
    return [{field: padded(head, tail, n)} for n in LENGTHS for field in ("commit_message", "author", "branch")]


def multiline_builds(markup: str) -> list[dict[str, object]]:
    """Markup after a line break in one-line fields, for filters anchored per line (/^...$/m)."""
    return [{"author": f"Dana\n{markup}"}, {"author": f"Dana\r{markup}"}, {"branch": f"main\n{markup}"},
            {"branch": f"main\r\n{markup}"}]


STEPS: dict[str, Callable[[], None]] = {
    "functional": functional,
    "reflected": xss_exploit(lambda m: [], lambda m: [f"<script>{m}()</script>", f"<img src=x onerror={m}()>",
                                                       f"<svg/onload={m}()>",
                                                       # long values with markup at both ends; markup after a line break
                                                       *[padded(f"<svg/onload={m}()>", f"<script>{m}()</script>", n)
                                                         for n in LENGTHS],
                                                       f"main\n<script>{m}()</script>", f"main\r<img src=x onerror={m}()>",
                                                       # tags left open (no '>'), closed by the page's own markup
                                                       f"<img src=x onerror={m}()//", f"<svg onload={m}() ",
                                                       # formatting tags with handlers, for code that escapes
                                                       # and then lets <b>, <em> and the like back in
                                                       *formatting_tags(f"{m}()"),
                                                       # encoded, for code that decodes the branch after escaping
                                                       *decoded_later(f"<script>{m}()</script>"),
                                                       *decoded_later(f"<img src=x onerror={m}()>")]),
    "stored": xss_exploit(lambda m: [{"author": f"<img src=x onerror={m}()>"},
                                     {"commit_message": f"<script>{m}()</script>"},
                                     {"branch": f"<svg onload={m}()>"},
                                     # blacklists: mixed case, a tag nested in itself, entities decoded later
                                     {"author": f"<ScRiPt>{m}()</sCrIpT>"},
                                     {"commit_message": f"<scr<script>ipt>{m}()</scr</script>ipt>"},
                                     {"author": f"&lt;img src=x onerror={m}()&gt;"},
                                     {"commit_message": f"<details open ontoggle={m}()>"},
                                     *long_builds(f"<img src=x onerror={m}()>", f"<script>{m}()</script>"),
                                     *multiline_builds(f"<img src=x onerror={m}()>"),
                                     # tags left open (no '>'): the page's own markup closes them, past a
                                     # stripper of complete tags such as <[^>]*>
                                     {"author": f"<img src=x onerror={m}()//"}, {"commit_message": f"<svg onload={m}() "},
                                     {"branch": f"<svg/onload={m}()"}, {"author": f"<a href=javascript:{m}() "},
                                     {"commit_message": f"fix <img src=x onerror={m}()//"},
                                     # formatting tags with handlers, for code that escapes and then
                                     # lets <b>, <em> and the like back in with their attributes
                                     *[{field: tag} for tag in formatting_tags(f"{m}()")
                                       for field in ("author", "commit_message", "branch")],
                                     # encoded, for code that decodes the stored value after escaping
                                     *[{"author": form} for form in decoded_later(f"<img src=x onerror={m}()>")],
                                     *[{"commit_message": form} for form in decoded_later(f"<script>{m}()</script>")],
                                     *[{"branch": form} for form in decoded_later(f"<svg onload={m}()>")]],
                          lambda m: [None, f"<svg onload={m}()>"]),
    "attribute": xss_exploit(lambda m: [{"branch": f'x" onmouseover="{m}()" autofocus onfocus="{m}()'},
                                        {"finished_at": f'2024-05-02" onmouseover="{m}()'},
                                        {"branch": f"y' onmouseover='{m}()"},
                                        # an attribute written without quotes: a space is enough
                                        {"branch": f"z onmouseover={m}() autofocus onfocus={m}()"},
                                        {"finished_at": f"2024-05-03 onmouseover={m}()"},
                                        # no white space at all: past code that strips tags and turns
                                        # spaces into '+' or removes them before writing the attribute
                                        *[{"branch": value} for value in spaceless_breakouts(f"{m}()", "w")],
                                        *[{"finished_at": stamp} for stamp in spaceless_breakouts(f"{m}()", "2024-05-04")],
                                        # the quotes encoded, for code that decodes the value after escaping
                                        *[{"finished_at": form}
                                          for form in decoded_later(f'2024-05-02" onmouseover="{m}()')],
                                        *[{"branch": form} for form in decoded_later(f'x" onmouseover="{m}()')]],
                             lambda m: [None, f'x" onmouseover="{m}()" autofocus onfocus="{m}()',
                                        f"z onmouseover={m}() autofocus onfocus={m}()",
                                        *spaceless_breakouts(f"{m}()", "v"),
                                        *decoded_later(f'x" onmouseover="{m}()" autofocus onfocus="{m}()')]),
}

if __name__ == "__main__":
    main(STEPS[sys.argv[1]])
