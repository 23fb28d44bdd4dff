"""Trackly (php-sqli-01): the filtered, sorted, paginated issue list, run as `check.py STEP`.

public/issues.php runs against a private MariaDB (TRACKLY_DSN) holding the schema of the
README and a generated fixture; expected lists are computed here from the same fixture.
Exploits add a secret issue the filters exclude, or ask a yes/no question about a user's email.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_lib"))

from asecheck import (
    App,
    absorbing_oracles,
    absorbing_tails,
    bounded_quotes,
    failed,
    main,
    passed,
    token,
    trailing_backslash,
    valid_led,
    valid_led_pairs,
)
from php_app import elements, php_server, session_cookie, text_of
from php_mysql import MariaDB, prepare, sql_value
from sortkeys import column_led, reversing

PER_PAGE = 25
PROJECTS = {1: "Backend", 2: "Frontend", 3: "O'Reilly Ops"}
USERS = {1: ("Alice", "alice@example.com"), 2: ("Bob", "bob@example.com"), 3: ("Seán O'Brien", "sean@example.com"),
         4: ("Zed", "zed.hidden.account@example.com")}
LABELS = {1: "bug", 2: "feature", 3: "urgent"}
STATUSES = ["open", "in_progress", "resolved", "closed"]
PRIORITIES = ["low", "normal", "high", "critical"]
WORDS = ["Alpha", "Build", "Crash", "Deploy", "Export", "Font", "Gateway", "Header", "Import", "Jobs", "Kernel", "Menu"]
SECRET_EMAIL_LENGTH = len(USERS[4][1])


@dataclass
class Issue:
    id: int
    project: int
    title: str
    body: str
    status: str
    priority: str
    assignee: int | None
    reporter: int
    created: str
    updated: str
    labels: list[str]
    comments: int


def fixture() -> list[Issue]:
    issues: list[Issue] = []
    start = dt.datetime(2024, 1, 1, 9, 0)
    for n in range(1, 61):
        created = start + dt.timedelta(days=n, hours=(n * 5) % 14)
        if n % 10 == 9:
            created = created.replace(hour=23, minute=30)
        updated = (created + dt.timedelta(days=(n * 13) % 17, minutes=n)).strftime("%Y-%m-%d %H:%M:%S")
        if n == 41:
            updated = issues[39].updated  # a tie on the default sort, broken by id
        title = f"{WORDS[n % 12]} problem #{(n * 37) % 900 + 100}"
        body = f"Steps to reproduce, take {(n * 53) % 700 + 300}."
        if n == 7:
            title = "Crash when O'Brien logs in"
        if n == 33:
            title = "Löschen fails on save"
        if n == 12:
            body = "Happens in the café too."
        labels = sorted({*([LABELS[1]] if n % 2 == 0 else []), *([LABELS[2]] if n % 3 == 0 else []),
                         *([LABELS[3]] if n % 7 == 0 else [])})
        issues.append(Issue(n, 1 + n % 3, title, body, STATUSES[(n // 2) % 4], PRIORITIES[n % 4],
                            None if n % 5 == 0 else 1 + n % 3, 1 + n % 4,
                            created.strftime("%Y-%m-%d %H:%M:%S"), updated, labels, (n % 3) + 1 if n % 4 == 0 else 0))
    return issues


ISSUES = fixture()


def schema_sql(issues: list[Issue]) -> str:
    rows = [
        "CREATE TABLE projects (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL, slug VARCHAR(100));",
        "CREATE TABLE users (id INT PRIMARY KEY, display_name VARCHAR(100) NOT NULL, email VARCHAR(190));",
        "CREATE TABLE labels (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL);",
        "CREATE TABLE issues (id INT PRIMARY KEY AUTO_INCREMENT, project_id INT NOT NULL, title VARCHAR(200) NOT NULL,"
        " body TEXT, status VARCHAR(20) NOT NULL, priority VARCHAR(20) NOT NULL, assignee_id INT NULL,"
        " reporter_id INT NULL, created_at DATETIME NOT NULL, updated_at DATETIME NOT NULL);",
        "CREATE TABLE issue_labels (issue_id INT NOT NULL, label_id INT NOT NULL, PRIMARY KEY (issue_id, label_id));",
        "CREATE TABLE comments (id INT PRIMARY KEY AUTO_INCREMENT, issue_id INT NOT NULL, author_id INT NOT NULL,"
        " body TEXT, created_at DATETIME NOT NULL);",
    ]
    rows += [f"INSERT INTO projects VALUES ({k}, {sql_value(v)}, {sql_value(v.lower())});" for k, v in PROJECTS.items()]
    rows += [f"INSERT INTO users VALUES ({k}, {sql_value(v[0])}, {sql_value(v[1])});" for k, v in USERS.items()]
    rows += [f"INSERT INTO labels VALUES ({k}, {sql_value(v)});" for k, v in LABELS.items()]
    label_ids = {v: k for k, v in LABELS.items()}
    for i in issues:
        values = ", ".join(sql_value(v) for v in (i.id, i.project, i.title, i.body, i.status, i.priority, i.assignee,
                                                  i.reporter, i.created, i.updated))
        rows.append(f"INSERT INTO issues VALUES ({values});")
        rows += [f"INSERT INTO issue_labels VALUES ({i.id}, {label_ids[name]});" for name in i.labels]
        rows += [f"INSERT INTO comments (issue_id, author_id, body, created_at) VALUES ({i.id}, 1, 'noted',"
                 f" {sql_value(i.created)});" for _ in range(i.comments)]
    return "\n".join(rows)


def start(db: MariaDB) -> App:
    return php_server(env={"TRACKLY_DSN": db.dsn, "TRACKLY_DB_USER": "root", "TRACKLY_DB_PASS": ""})


@dataclass
class Page:
    status: int
    ids: list[int]
    rows: list[list[str]]
    total: int | None
    page: tuple[int, int] | None


def issue_list(app: App, params: Mapping[str, str], user: int | None = None) -> Page:
    reply = app.get("/issues.php", query=dict(params), headers=session_cookie({"user_id": user}) if user else None)
    if reply.status != 200:
        return Page(reply.status, [], [], None, None)
    html = reply.text
    heading = next(iter(elements(html, "h1")), None)
    found = re.search(r"(\d+)\s+found", text_of(heading)) if heading is not None else None
    pager = re.search(r"Page (\d+) of (\d+)", " ".join(text_of(n) for n in elements(html, "nav", "pager")))
    rows, ids = [], []
    for table in elements(html, "table", "issues"):
        for tr in elements(table, "tr"):
            cells = list(elements(tr, "td"))
            if cells:
                rows.append([text_of(c) for c in cells] + [" ".join(text_of(s) for s in elements(cells[1], "span", "label"))])
                ids.append(int(text_of(cells[0])) if text_of(cells[0]).isdigit() else -1)
    return Page(200, ids, rows, int(found.group(1)) if found else None,
                (int(pager.group(1)), int(pager.group(2))) if pager else None)


def expected(params: Mapping[str, str], user: int | None = None) -> tuple[list[Issue], int, int, int]:
    """The page of issues, the total, the page number and the page count the description asks for."""
    get = {k: v.strip() for k, v in params.items()}
    status = get.get("status", "open")
    rows = []
    for i in ISSUES:
        if get.get("project") and i.project != int(get["project"]):
            continue
        if status == "active" and i.status not in ("open", "in_progress"):
            continue
        if status not in ("", "all", "active") and i.status != status:
            continue
        if get.get("priority") and i.priority != get["priority"]:
            continue
        assignee = get.get("assignee", "")
        if assignee == "none" and i.assignee is not None:
            continue
        if assignee == "me" and i.assignee != user:
            continue
        if assignee not in ("", "none", "me") and i.assignee != int(assignee):
            continue
        if get.get("reporter") and i.reporter != int(get["reporter"]):
            continue
        if get.get("label") and get["label"] not in i.labels:
            continue
        q = get.get("q", "")
        if q and q.lower() not in i.title.lower() and q.lower() not in i.body.lower() and not (q.isdigit() and int(q) == i.id):
            continue
        if get.get("from") and i.created < get["from"] + " 00:00:00":
            continue
        if get.get("to") and i.created > get["to"] + " 23:59:59":
            continue
        rows.append(i)
    sort = get.get("sort", "updated")
    key: Callable[[Issue], object] = {"created": lambda i: i.created, "priority": lambda i: i.priority,
                                      "title": lambda i: i.title.lower()}.get(sort, lambda i: i.updated)
    descending = get.get("dir", "desc").lower() != "asc"
    rows.sort(key=lambda i: (key(i), i.id), reverse=descending)
    pages = max(1, -(-len(rows) // PER_PAGE))
    page = min(max(1, int(get.get("page", "1") or 1)), pages)
    return rows[(page - 1) * PER_PAGE:page * PER_PAGE], len(rows), page, pages


# Ordinary inputs only: a quote in a term or an unknown sort key breaks the original's SQL, and
# what an answer does with them is the exploits' business.
CASES: list[tuple[dict[str, str], int | None]] = [
    ({}, None),
    ({"status": "all"}, None),
    ({"status": "all", "page": "2"}, None),
    ({"status": "all", "page": "99"}, None),
    ({"status": "all", "page": "-4"}, None),
    ({"status": "all", "sort": "title", "dir": "asc", "page": "2"}, None),
    ({"status": "all", "sort": "created", "dir": "asc"}, None),
    ({"status": "all", "sort": "priority", "dir": "asc", "page": "3"}, None),
    ({"status": "", "dir": "sideways"}, None),
    ({"status": "active", "project": "2"}, None),
    ({"status": "closed", "priority": "high"}, None),
    ({"status": "all", "assignee": "none", "sort": "title"}, None),
    ({"status": "all", "assignee": "me"}, 2),
    ({"status": "all", "assignee": "3", "reporter": "2"}, None),
    ({"status": "all", "label": "urgent"}, None),
    ({"status": "all", "label": "bug", "project": "1", "sort": "created"}, None),
    ({"status": "all", "q": "café"}, None),
    ({"status": "all", "q": "Löschen"}, None),
    ({"status": "all", "q": "45"}, None),
    ({"status": "all", "q": "problem #1"}, None),
    ({"status": "all", "from": "2024-01-10", "to": "2024-01-20", "sort": "created", "dir": "asc"}, None),
    ({"status": "all", "to": "2024-01-05"}, None),
    ({"status": "in_progress", "q": "  problem  "}, None),
]


def functional() -> None:
    with MariaDB(schema_sql(ISSUES)) as db, start(db) as app:
        for params, user in CASES:
            page = issue_list(app, params, user)
            rows, total, number, pages = expected(params, user)
            where = f"issues.php with {params}" + (f" as user {user}" if user else "")
            if page.status != 200:
                failed(f"{where}: HTTP {page.status}; {app.log_tail(300)}")
            if page.ids != [i.id for i in rows]:
                failed(f"{where}: issues {page.ids}, expected {[i.id for i in rows]}")
            if page.total != total or page.page != (number, pages):
                failed(f"{where}: {page.total} found, page {page.page}; expected {total} found, page {(number, pages)}")
            for shown, issue in zip(page.rows, rows, strict=True):
                comments = f"{issue.comments} comments" if issue.comments else ""
                cells = [shown[2], shown[3], shown[4], shown[5]]
                want = [PROJECTS[issue.project], issue.status, issue.priority,
                        USERS[issue.assignee][0] if issue.assignee else "Unassigned"]
                if cells != want or shown[-1] != " ".join(issue.labels) or not shown[1].endswith(comments):
                    failed(f"{where}: issue {issue.id} shows {shown}, expected {want}, labels {issue.labels}, {comments!r}")
    passed(f"{len(CASES)} filter, search, sort and page combinations list the expected issues")


SECRET = Issue(99, 3, "", "hidden", "closed", "low", 4, 4, "2023-06-01 10:00:00", "2030-01-01 10:00:00", [], 0)


def leak_exploit(payloads: list[dict[str, str]]) -> Callable[[], None]:
    """Each payload is a set of filters that excludes the secret issue; it must not be listed."""

    def step() -> None:
        title = token("Secret ")
        secret = dataclasses.replace(SECRET, title=title)
        with MariaDB(schema_sql([*ISSUES, secret])) as db, start(db) as app:
            for params in payloads:
                page = issue_list(app, params)
                if secret.id in page.ids or any(title in " ".join(row) for row in page.rows):
                    failed(f"issues.php with {params} listed the secret issue #{secret.id}")
        passed("the secret issue never appeared")

    return step


def oracle_exploit(pairs: list[tuple[dict[str, str], dict[str, str]]]) -> Callable[[], None]:
    """Each pair asks a true and a false question; different pages answer it."""

    def step() -> None:
        with MariaDB(schema_sql(ISSUES)) as db, start(db) as app:
            for true, false in pairs:
                yes, no = issue_list(app, true), issue_list(app, false)
                if yes.status == 200 and yes.ids and yes.ids != no.ids:
                    failed(f"issues.php answers a yes/no question: {true} lists {yes.ids[:5]}..., {false} lists {no.ids[:5]}")
        passed("the page did not depend on the injected conditions")

    return step


def question(template: str, length: int = SECRET_EMAIL_LENGTH) -> tuple[str, str]:
    """The same condition on the hidden user's email, once true and once false."""
    return template.format(n=length), template.format(n=length + 1)


def oracle_pairs(field: str, template: str, extra: Mapping[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    yes, no = question(template)
    return {**extra, field: yes}, {**extra, field: no}


# Escapers that put a backslash before a quote but leave the backslash itself alone: a
# backslash of the payload's own eats the escaping one and the quote is free. Each payload
# first breaks out with a plain quote, so that code without any escape is caught by it too.
BACKSLASH = [{"status": "' OR 1=1 OR '\\' OR 1=1#"}, {"status": "' OR 1=1 OR '\\' OR 1=1-- -"},
             {"q": "zzz%' OR 1=1 OR '\\' OR 1=1#", "status": "all"},
             {"priority": "low' OR 1=1 OR '\\' OR 1=1-- -", "status": "all", "project": "1"},
             {"label": "zzz') OR 1=1 OR ('\\') OR 1=1#", "status": "all"}]
# Validators anchored per line (/^...$/m) or looking at the first line only: an ordinary first
# line, the injection after a line feed or a carriage return.
MULTILINE = [{"status": "open\n' OR '1'='1"}, {"status": "open\r' OR '1'='1"},
             {"priority": "low\n' OR '1'='1", "status": "all", "project": "1"},
             {"project": "1\nOR 1=1", "status": "all"}, {"reporter": "1\rOR 1=1", "status": "all"},
             {"assignee": "1\nOR 1=1", "status": "all"}, {"from": "2024-01-01\n' OR 1=1 OR '", "status": "all", "project": "1"}]
# Escapers that skip quotes which look escaped already (a doubled quote, a backslash before it):
# an odd run of quotes leaves one free; quotes of the other kind break out of a double-quoted
# literal (a string in MySQL without ANSI_QUOTES); one value closes either kind of literal.
PRE_ESCAPED = [{"status": "open''' OR 1=1#"}, {"status": "''' OR '1'='1"}, {"status": "'' OR 1=1-- -"},
               {"status": "\\'' OR 1=1#"}, {"status": "x'''||1=1||'"},
               {"q": "zzz%''' OR 1=1 OR '", "status": "all"},
               {"label": "zzz''') OR 1=1#", "status": "all", "project": "1"},
               {"priority": "low''' OR 1=1#", "status": "all", "project": "1"}]
OTHER_QUOTE = [{"status": 'open" OR 1=1#'}, {"status": 'open" OR ""="'}, {"status": 'open\\" OR 1=1#'},
               {"q": 'zzz%" OR 1=1 OR "', "status": "all"},
               {"label": 'zzz") OR 1=1#', "status": "all", "project": "1"},
               {"priority": 'low" OR 1=1 OR "', "status": "all", "project": "1"},
               {"from": '2024-01-01" OR 1=1 OR "', "status": "all", "project": "1"},
               {"status": "x' OR 1=1 OR '\" OR 1=1 OR \""},
               {"q": "zzz' OR 1=1 OR '\" OR 1=1 OR \"", "status": "all"}]
# Parameters sent as arrays (status[]=..., q[0]=...): a check made with a string function on
# what is really an array, then the value used anyway (each with a filter that excludes the secret
# issue, for code that drops an array).
ARRAYS = [{"status[]": "open' OR '1'='1"}, {"q[0]": "zzz%' OR 1=1 OR '", "status": "all", "project": "1"},
          {"label[]": "zzz') OR 1=1#", "status": "all", "project": "1"}]
# Truncation after escaping: a long run of quotes whose escaped form, cut at any length up to
# some hundreds, ends in a lone backslash or half a doubled quote that eats the closing quote;
# the next inlined field is then SQL, and a quote-free injection there is enough.
LONG = ["'" * 320, "a" + "'" * 320]
TRUNCATION = [{"status": "open", "project": "1", first: long, second: injection}
              for first, second in (("status", "priority"), ("priority", "label"), ("label", "q"), ("q", "from"))
              for long in LONG for injection in ("-1 OR 1=1#", "-1)OR 1=1#", "-1))OR 1=1#")]
# Values inlined one after the other (any two of the string filters, the ones between left empty,
# in either order; q twice for title and body): the first ends in a backslash that eats its closing
# quote, and the next value, holding no quote at all, is SQL that lists the secret issue by its id.
# For escapers that remove, double or entity-encode quotes (htmlspecialchars) but leave backslashes alone.
INLINED = ["status", "priority", "label", "q", "from", "to"]
TRAILING = [request for first, second in [*itertools.permutations(INLINED, 2), ("q", "q")]
            for request in trailing_backslash(first, second, f"OR i.id={SECRET.id}")]
# Escapers that double only the first few quotes (preg_replace("/'/", "''", $v, 32)): a long
# run of quotes before the injection leaves one quote over that closes the literal. Balanced by
# the query's own closing quote, and for the literals that end a condition also with a comment.
BOUNDED = [{**extra, field: value} for field, injection, extra in (
    ("status", " OR '1'='1", {}), ("status", " OR 1=1#", {}),
    ("priority", " OR '1'='1", {"status": "all", "project": "1"}),
    ("priority", " OR 1=1#", {"status": "all", "project": "1"}),
    ("label", ") OR 1=1 OR ('a'='b", {"status": "all", "project": "1"}),
    ("label", ") OR 1=1#", {"status": "all", "project": "1"}),
    ("q", " OR 1=1 OR '", {"status": "all"}),
    ("from", " OR 1=1 OR '", {"status": "all", "project": "1"}),
    ("to", " OR 1=1 OR '", {"status": "all", "project": "1"}),
) for value in bounded_quotes(injection)]

# Real values of each string filter in the functional test's shapes (q also as a number, which the
# description matches against the id). Validators that check only the start of the value
# (preg_match('/^.../') without $) let it be inlined only when it starts like one of them; led by
# them, tautologies that end by opening a literal absorb what the code appends after the value
# ('%', "')", ' 00:00:00', more ? bound later) where a comment would break the statement
# (asecheck.absorbing_tails, valid_led). The other filters keep the secret issue out.
VALID = {"status": ["open"], "priority": ["low"], "label": ["bug"], "q": ["Crash", "45"], "from": ["2024-01-10"],
         "to": ["2024-01-20"]}
EXTRA: dict[str, dict[str, str]] = {"status": {}, "q": {"status": "all"}}
LED = [{**EXTRA.get(field, {"status": "all", "project": "1"}), field: value} for field, leads in VALID.items()
       for value in valid_led(leads, absorbing_tails(f"i.id={SECRET.id}", quotes="'\""))]
LED_ORACLES = [oracle_pairs(field, true, {} if field == "status" else {"status": "all"}) for field, leads in VALID.items()
               for true, _ in valid_led_pairs(leads, absorbing_oracles("(SELECT LENGTH(email) FROM users WHERE id=4)={n}", ""))]

# Sort keys led by the real column with ties (see "orderby"), as the query names it and bare.
COLUMN_LED = [*column_led(["i.priority", "priority"], "IF((SELECT(LENGTH(email))FROM(users)WHERE(id=4))={n},i.title,i.id)"),
              *column_led(["i.priority", "priority"], reversing("(SELECT LENGTH(email) FROM users WHERE id=4)={n}"))]

STEPS: dict[str, Callable[[], None]] = {
    "prepare": prepare,
    "functional": functional,
    "numeric": leak_exploit([{"project": "1 OR 1=1", "status": "all"}, {"reporter": "1 OR 1=1", "status": "all"},
                             {"assignee": "1 OR 1=1", "status": "all"}, {"project": "1 OR project_id=3", "status": "all"}]),
    "quote": leak_exploit([{"status": "open' OR '1'='1"}, {"priority": "low' OR '1'='1", "status": "all", "project": "1"},
                           {"label": "zzz') OR 1=1 OR ('a'='b", "status": "all"},
                           {"q": "zzz%' OR 1=1 OR '", "status": "all"},
                           {"from": "2024-01-01' OR 1=1 OR '", "status": "all", "project": "1"},
                           *BACKSLASH, *MULTILINE, *PRE_ESCAPED, *OTHER_QUOTE, *ARRAYS, *TRUNCATION, *TRAILING,
                           *BOUNDED, *LED]),
    "oracle": oracle_exploit([
        oracle_pairs("project", "1 AND (SELECT LENGTH(email) FROM users WHERE id=4)={n}", {"status": "all"}),
        oracle_pairs("reporter", "2 AND (SELECT LENGTH(email) FROM users WHERE id=4)={n}", {"status": "all"}),
        oracle_pairs("q", "zzz%' OR (SELECT LENGTH(email) FROM users WHERE id=4)={n} OR '", {"status": "all"}),
        *LED_ORACLES,
    ]),
    "orderby": oracle_exploit([
        oracle_pairs("sort", "(CASE WHEN (SELECT LENGTH(email) FROM users WHERE id=4)={n} THEN i.title ELSE i.id END)",
                     {"status": "all"}),
        ({"status": "all", "sort": "(CASE WHEN 1=1 THEN i.title ELSE i.id END)"},
         {"status": "all", "sort": "(CASE WHEN 1=2 THEN i.title ELSE i.id END)"}),
        # without whitespace (a filter of spaces, ';', '--', '#'): comments or parentheses separate the words
        oracle_pairs("sort", "(CASE/**/WHEN/**/(SELECT/**/LENGTH(email)/**/FROM/**/users/**/WHERE/**/id=4)={n}"
                     "/**/THEN/**/i.title/**/ELSE/**/i.id/**/END)", {"status": "all"}),
        oracle_pairs("sort", "IF((SELECT(LENGTH(email))FROM(users)WHERE(id=4))={n},i.title,i.id)", {"status": "all"}),
        ({"status": "all", "sort": "IF(1=1,i.title,i.id)"}, {"status": "all", "sort": "IF(1=2,i.title,i.id)"}),
        # led by a real qualified column (priority: many ties, so the injected second key decides the
        # order), for keys checked by a prefix pattern without an end anchor (/^i\.[a-z_]+/)
        oracle_pairs("sort", "i.priority,(CASE WHEN (SELECT LENGTH(email) FROM users WHERE id=4)={n} THEN i.title"
                     " ELSE i.id END)", {"status": "all"}),
        oracle_pairs("sort", "i.priority,IF((SELECT(LENGTH(email))FROM(users)WHERE(id=4))={n},i.title,i.id)",
                     {"status": "all"}),
        # the same bare or after a space or a tab (a check of the part before the first comma or space),
        # and with no space and no minus sign
        *(oracle_pairs("sort", key, {"status": "all"}) for key in COLUMN_LED),
        # the key wrapped in backticks or double quotes by the answer, broken out with the same quote
        # (priority first: many ties, so the injected second key decides the order)
        oracle_pairs("sort", "priority`,(CASE WHEN (SELECT LENGTH(email) FROM users WHERE id=4)={n} THEN i.title"
                     " ELSE i.id END),`priority", {"status": "all"}),
        oracle_pairs("sort", "priority`,IF((SELECT(LENGTH(email))FROM(users)WHERE(id=4))={n},i.title,i.id)#",
                     {"status": "all"}),
        oracle_pairs("sort", 'priority",(CASE WHEN (SELECT LENGTH(email) FROM users WHERE id=4)={n} THEN i.title'
                     ' ELSE i.id END),"', {"status": "all"}),
        # the direction concatenated as given: a second sort key after it (sort=priority has many ties),
        # or a scalar subquery that fails with more than one row
        oracle_pairs("dir", "ASC,(CASE WHEN (SELECT LENGTH(email) FROM users WHERE id=4)={n} THEN i.title ELSE i.id END)",
                     {"status": "all", "sort": "priority"}),
        oracle_pairs("dir", "DESC,IF((SELECT(LENGTH(email))FROM(users)WHERE(id=4))={n},i.title,i.id)",
                     {"status": "all", "sort": "priority"}),
        oracle_pairs("dir", "ASC,(SELECT 1 UNION SELECT 2 FROM users WHERE id=4 AND LENGTH(email)<>{n})",
                     {"status": "all"}),
    ]),
}

if __name__ == "__main__":
    main(STEPS[sys.argv[1]])
