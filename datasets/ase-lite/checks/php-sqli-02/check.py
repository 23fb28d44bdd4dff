"""Ledgerly (php-sqli-02): the invoice list search, run as `check.py STEP`.

public/invoices.php calls InvoiceRepository::search() against a private MariaDB (LEDGERLY_DSN)
holding a generated fixture; expected lists are computed here from the same fixture. A hidden
customer's VAT number (never shown on the list) and its void invoice are what exploits go after.
"""

from __future__ import annotations

import datetime as dt
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
from php_app import elements, php_server, text_of
from php_mysql import MariaDB, prepare, sql_value
from sortkeys import column_led, reversing

LIMIT = 50
CUSTOMERS = {1: "Acme Ltd", 2: "O'Brien & Sons", 3: "100% Organic Ltd", 4: "Route 1001 Diner",
             5: "Snake_Case GmbH", 6: "Café Zürich", 7: "Blue Coast"}
HIDDEN = 9
STATUSES = ["draft", "sent", "paid", "void"]
TODAY = dt.date.today()


@dataclass
class Invoice:
    id: int
    number: str
    customer: int
    issued: dt.date
    due: dt.date
    status: str
    cents: int


def fixture() -> list[Invoice]:
    invoices = []
    for n in range(1, 56):
        issued = TODAY - dt.timedelta(days=3 * n + (n % 4))
        invoices.append(Invoice(n, f"2024-{n:04d}", 1 + (n * 5) % 7, issued, issued + dt.timedelta(days=30 + n % 3 * 7),
                                STATUSES[(n * 3) % 4] if n % 5 else "sent", (n * 7919) % 50000 + 1000))
    return invoices


INVOICES = fixture()


def schema_sql(vat: str, secret_number: str | None = None) -> str:
    """The fixture; with ``secret_number``, also the hidden customer's void invoice."""
    rows = [
        "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(120) NOT NULL, email VARCHAR(190),"
        " vat_number VARCHAR(40));",
        "CREATE TABLE invoices (id INT PRIMARY KEY AUTO_INCREMENT, number VARCHAR(40) NOT NULL, customer_id INT NOT NULL,"
        " issued_on DATE NOT NULL, due_on DATE, status VARCHAR(10) NOT NULL, total_cents INT NOT NULL, paid_on DATE NULL);",
        "CREATE TABLE invoice_lines (id INT PRIMARY KEY AUTO_INCREMENT, invoice_id INT NOT NULL, description VARCHAR(200),"
        " quantity INT NOT NULL, unit_cents INT NOT NULL);",
    ]
    customers = {**CUSTOMERS, HIDDEN: "Hidden Holdings"}
    rows += [f"INSERT INTO customers VALUES ({k}, {sql_value(v)}, {sql_value(f'billing{k}@example.com')},"
             f" {sql_value(vat if k == HIDDEN else f'IE{k:07d}X')});" for k, v in customers.items()]
    secret = [Invoice(99, secret_number, HIDDEN, TODAY - dt.timedelta(days=400), TODAY - dt.timedelta(days=370),
                      "void", 99)] if secret_number else []
    for i in [*INVOICES, *secret]:
        values = ", ".join(sql_value(v) for v in (i.id, i.number, i.customer, str(i.issued), str(i.due), i.status, i.cents))
        rows.append(f"INSERT INTO invoices (id, number, customer_id, issued_on, due_on, status, total_cents) VALUES ({values});")
    return "\n".join(rows)


def start(db: MariaDB) -> App:
    return php_server(env={"LEDGERLY_DSN": db.dsn, "LEDGERLY_DB_USER": "root", "LEDGERLY_DB_PASSWORD": ""})


def invoice_list(app: App, params: Mapping[str, str]) -> tuple[int, list[list[str]], str]:
    """HTTP status, the table rows (cell texts) and the page of the invoice list."""
    reply = app.get("/invoices.php", query=dict(params))
    rows = []
    for table in elements(reply.text, "table"):
        for tr in elements(table, "tr"):
            cells = list(elements(tr, "td"))
            if cells and not cells[0].get("colspan"):  # type: ignore[attr-defined]
                rows.append([text_of(c) for c in cells])
    return reply.status, rows, reply.text


def expected(params: Mapping[str, str]) -> list[Invoice]:
    customer = params.get("customer", "").strip()
    status = params.get("status", "").strip()
    rows = []
    for i in INVOICES:
        if customer and customer.lower() not in CUSTOMERS[i.customer].lower() and customer != i.number:
            continue
        if status == "overdue" and not (i.status == "sent" and i.due < TODAY):
            continue
        if status not in ("", "overdue") and i.status != status:
            continue
        rows.append(i)
    sort = params.get("sort", "issued")
    if sort == "due":
        rows.sort(key=lambda i: (i.due, i.id))
    elif sort == "amount":
        rows.sort(key=lambda i: (i.cents, i.id), reverse=True)
    elif sort == "customer":
        rows.sort(key=lambda i: i.issued, reverse=True)
        rows.sort(key=lambda i: CUSTOMERS[i.customer].lower())
    else:
        rows.sort(key=lambda i: (i.issued, i.id), reverse=True)
    return rows[:LIMIT]


# Ordinary searches only: a quote or a backslash breaks the original's SQL, and what an answer
# does with them is the exploits' business; '%' and '_' are left out too, since the description
# does not say whether they are wildcards (the original treats them as such).
CASES: list[dict[str, str]] = [
    {},
    {"sort": "due"},
    {"sort": "amount"},
    {"sort": "customer"},
    {"sort": "bogus", "status": "paid"},
    {"customer": "Café", "sort": "amount"},
    {"customer": "acme", "status": "void"},
    {"customer": "2024-0007"},
    {"customer": " 2024-0012 ", "sort": "due"},
    {"status": "overdue", "sort": "due"},
    {"status": "sent", "customer": "o"},
    {"status": "nonsense"},
    {"customer": "zzz"},
]


def functional() -> None:
    with MariaDB(schema_sql("IE0000000X")) as db, start(db) as app:
        for params in CASES:
            status, rows, _ = invoice_list(app, params)
            want = expected(params)
            if status != 200:
                failed(f"invoices.php with {params}: HTTP {status}; {app.log_tail(300)}")
            if [r[0] for r in rows] != [i.number for i in want]:
                failed(f"invoices.php with {params}: {[r[0] for r in rows]}, expected {[i.number for i in want]}")
            for row, invoice in zip(rows, want, strict=True):
                if row[1:5] != [CUSTOMERS[invoice.customer], str(invoice.issued), str(invoice.due), invoice.status]:
                    failed(f"invoices.php with {params}: row {row}, expected invoice {invoice}")
    passed(f"{len(CASES)} searches list the expected invoices in the expected order")


def secret_exploit(payloads: list[dict[str, str]] | list[dict[str, bytes]], charset: str = "utf8mb4") -> Callable[[], None]:
    """Each payload's page must show neither the hidden VAT number nor the hidden void invoice.

    ``charset`` is the connection character set the app is deployed with (its DSN)."""

    def step() -> None:
        vat, number = token("VAT"), token("VOID-")
        with MariaDB(schema_sql(vat, number), charset=charset) as db, start(db) as app:
            for params in payloads:
                _, rows, html = invoice_list(app, params)
                if vat in html or any(number in row for row in rows):
                    failed(f"invoices.php with {params} showed {'the hidden VAT number' if vat in html else 'the hidden invoice'}")
        passed("nothing hidden was listed")

    return step


# Sort keys led by a real column as the query names it (with its alias, and bare; invoices tie on each),
# for keys checked by their beginning only (/^[a-z]\.[a-z_]+/, str_starts_with) or by the part before the
# first comma or space: the second key orders the ties, also with no space and no minus sign.
SORT_LEADS = ["c.name", "name", "i.issued_on", "issued_on", "i.status", "status"]
COLUMN_LED = [*column_led(SORT_LEADS, "IF((SELECT(LENGTH(vat_number))FROM(customers)WHERE(id=9))={n},i.number,i.total_cents)"),
              *column_led(SORT_LEADS, reversing("(SELECT LENGTH(vat_number) FROM customers WHERE id=9)={n}"))]


def oracle() -> None:
    """A yes/no question about the hidden VAT number's length, asked through the status filter."""
    vat = token("VAT")
    questions: list[tuple[str, str]] = [
        ("status", "sent' AND (SELECT LENGTH(vat_number) FROM customers WHERE id=9)={n} AND '1'='1"),
        ("customer", "Acme%' AND (SELECT LENGTH(vat_number) FROM customers WHERE id=9)={n} AND '%'='"),
        ("customer", "\\' OR (SELECT LENGTH(vat_number) FROM customers WHERE id=9)={n}) #"),
        # a sort key concatenated into ORDER BY (the description maps four names to fixed orders)
        ("sort", "(CASE WHEN (SELECT LENGTH(vat_number) FROM customers WHERE id=9)={n} THEN i.number ELSE i.total_cents END)"),
        ("sort", "IF((SELECT(LENGTH(vat_number))FROM(customers)WHERE(id=9))={n},i.number,i.total_cents)"),
        # the key wrapped in backticks or double quotes by the answer, broken out with the same quote
        # (status first: many ties, so the injected second key decides the order)
        ("sort", "status`,(CASE WHEN (SELECT LENGTH(vat_number) FROM customers WHERE id=9)={n} THEN i.number"
                 " ELSE i.total_cents END),`status"),
        ("sort", "status`,IF((SELECT(LENGTH(vat_number))FROM(customers)WHERE(id=9))={n},i.number,i.total_cents)#"),
        ("sort", 'status",(CASE WHEN (SELECT LENGTH(vat_number) FROM customers WHERE id=9)={n} THEN i.number'
                 ' ELSE i.total_cents END),"'),
        *(("sort", key) for key in COLUMN_LED),
        # led by real values (an invoice number too: validators that let only those be inlined), with
        # a suffix the code appends after the value absorbed (asecheck.absorbing_oracles)
        *((field, true) for field, leads in VALID.items() for true, _ in valid_led_pairs(leads, absorbing_oracles(
            "(SELECT LENGTH(vat_number) FROM customers WHERE id=9)={n}", ""))),
    ]
    with MariaDB(schema_sql(vat)) as db, start(db) as app:
        for field, text in questions:
            _, yes, _ = invoice_list(app, {field: text.format(n=len(vat))})
            _, no, _ = invoice_list(app, {field: text.format(n=len(vat) + 1)})
            if yes and yes != no:
                failed(f"invoices.php answers a yes/no question through {field}: {len(yes)} rows against {len(no)}")
    passed("the list did not depend on the injected conditions")


UNION = "SELECT id, vat_number, NULL, NULL, email, 0, name FROM customers"
# Escapers that put a backslash before a quote but leave the backslash itself alone: a
# backslash of the payload's own eats the escaping one and the quote is free. Each payload
# first breaks out with a plain quote, so that code without any escape is caught by it too.
BACKSLASH = [{"status": "draft' OR i.customer_id=9 OR '\\' OR i.customer_id=9#"},
             {"status": "draft' OR i.customer_id=9 OR '\\' OR i.customer_id=9-- -"},
             {"customer": "zzz' OR i.customer_id=9 OR '\\') OR i.customer_id=9#"},
             {"customer": "zzz' OR i.customer_id=9 OR '\\') OR i.customer_id=9-- -"},
             {"customer": "zzz') OR i.customer_id=9 OR ('\\') OR i.customer_id=9#"}]
BACKSLASH_UNION = [{"customer": f"zzz') UNION {UNION} # x\\') UNION {UNION} #"},
                   {"status": f"zzz' UNION {UNION} # x\\' UNION {UNION} #"}]
# Validators anchored per line (/^...$/m) or looking at the first line only: an ordinary first
# line, the injection after a line feed or a carriage return.
MULTILINE = [{"status": "draft\n' OR i.customer_id=9 OR 'a'='"}, {"status": "draft\r' OR i.customer_id=9 OR 'a'='"},
             {"status": "draft\n' OR 1=1 #"}, {"customer": "zzz\n' OR i.customer_id=9 OR 'a'='"},
             {"customer": "zzz\r') OR (i.customer_id=9) OR ('a'='"}]
# Escapers that skip quotes which look escaped already (a doubled quote, a backslash before it):
# an odd run of quotes leaves one free; quotes of the other kind break out of a double-quoted
# literal (a string in MySQL without ANSI_QUOTES); one value closes either kind of literal.
PRE_ESCAPED = [{"status": "draft''' OR 1=1#"}, {"status": "''' OR '1'='1"}, {"status": "'' OR 1=1-- -"},
               {"status": "\\'' OR 1=1#"}, {"status": "x'''||1=1||'"},
               {"customer": "zzz''') OR 1=1#"}, {"customer": "zzz''' OR i.customer_id=9 OR '"},
               {"customer": "\\'') OR 1=1#"}]
OTHER_QUOTE = [{"status": 'draft" OR 1=1#'}, {"status": 'draft" OR ""="'}, {"status": 'draft\\" OR 1=1#'},
               {"customer": 'zzz") OR 1=1#'}, {"customer": 'zzz" OR i.customer_id=9 OR "'},
               {"customer": 'zzz\\") OR 1=1#'},
               {"status": "x' OR 1=1 OR '\" OR 1=1 OR \""},
               {"customer": "zzz' OR i.customer_id=9 OR '\" OR i.customer_id=9 OR \""}]
# Parameters sent as arrays (status[]=..., customer[0]=...): a check made with a string
# function on what is really an array, then the value used anyway (each with another filter that
# excludes the hidden invoice, for code that drops an array).
ARRAYS = [{"status[]": "draft' OR 1=1#", "customer": "acme"}, {"customer[0]": "zzz') OR 1=1#", "status": "draft"}]
# Truncation after escaping: a long run of quotes whose escaped form, cut at any length up to
# some hundreds, ends in a lone backslash or half a doubled quote that eats the closing quote;
# the next inlined field (status after customer) is then SQL, and a quote-free injection is enough.
TRUNCATION = [{"customer": long, "status": injection} for long in ("'" * 320, "a" + "'" * 320)
              for injection in ("-1 OR 1=1#", "-1)OR 1=1#", "-1))OR 1=1#")]
# Escapers that double only the first few quotes (preg_replace("/'/", "''", $v, 32)): a long
# run of quotes before the injection leaves one quote over that closes the literal; balanced by
# the query's own closing quote, or followed by a comment.
BOUNDED = [{field: value} for field, injection in (
    ("status", " OR i.customer_id=9 OR 'a'='"), ("status", " OR 1=1#"),
    ("customer", " OR i.customer_id=9 OR 'a'='"), ("customer", ") OR 1=1#"),
) for value in bounded_quotes(injection)]

# Real values of each field in the functional test's shapes: a customer name and an invoice number
# (the code matches either), a status keyword. Validators that check only the start of the value
# (preg_match('/^...') without $) let it be inlined only when it starts like one of them; led by
# them, tautologies that end by opening a literal absorb what the code appends after the value
# ('%', "')", more ? bound later) where a comment would break the statement (asecheck.valid_led).
VALID = {"customer": ["Acme", "2024-0007"], "status": ["draft"]}
LED = [{field: value} for field, leads in VALID.items()
       for value in valid_led(leads, [*absorbing_tails("i.customer_id=9", quotes="'\""), "' OR i.customer_id=9#",
                                      "') OR i.customer_id=9#"])]
LED += trailing_backslash("customer", "status", "OR i.id=99", lead="2024-0007")

# Values inlined one after the other (customer, then status; status first in code that builds its
# clause first; customer twice for name and number): the first ends in a backslash that eats its
# closing quote, and the next value, holding no quote at all, is SQL. For escapers that remove,
# double or entity-encode quotes (htmlspecialchars) but leave backslashes alone. The SQL has no '_'
# or '%' (it may land in a LIKE pattern escaped for wildcards): the hidden invoice by its id, and the
# customers' columns as c.* between constants.
INLINED_PAIRS = [("customer", "status"), ("status", "customer"), ("customer", "customer")]


def trailing(sql: str) -> list[dict[str, str]]:
    return [request for first, second in INLINED_PAIRS for request in trailing_backslash(first, second, sql)]


STEPS: dict[str, Callable[[], None]] = {
    "prepare": prepare,
    "functional": functional,
    "tautology": secret_exploit([{"status": "draft' OR '1'='1"}, {"customer": "zzz' OR '1'='1", "status": "draft"},
                                 {"customer": "zzz') OR 1=1 #"}, {"customer": "\\') OR 1=1 #"},
                                 {"status": "draft' OR 1=1 #"},
                                 # without comments or keywords (a blacklist of '#', '--', UNION...):
                                 # the quote is closed inside the condition and balanced at the end
                                 {"customer": "zzz' OR i.customer_id=9 OR 'a'='"},
                                 {"customer": "zzz') OR (i.customer_id=9) OR ('a'='"},
                                 {"customer": "zzz' OR i.status='void' OR 'a'='"}, *BACKSLASH, *MULTILINE,
                                 *PRE_ESCAPED, *OTHER_QUOTE, *ARRAYS, *TRUNCATION,
                                 *trailing("OR i.id=99"), *BOUNDED, *LED]),
    "union": secret_exploit([{"customer": f"zzz') UNION {UNION} #"}, {"customer": f"\\') UNION {UNION} #"},
                             {"status": f"zzz' UNION {UNION} #"}, *BACKSLASH_UNION,
                             *trailing("UNION SELECT 1, c.*, 2, 3 FROM customers c")]),
    "oracle": oracle,
    # The same app deployed with a multi-byte connection character set (GBK, as legacy CJK sites
    # use): an escape that is blind to the character set (addslashes, a hand-written backslash
    # escape) puts its backslash after a lead byte, the server reads the two as one character,
    # and the quote is free. Bound parameters and PDO::quote() know the connection's set.
    "multibyte": secret_exploit([{"customer": b"zzz') OR 1=1 #"}, {"status": b"draft' OR 1=1 #"}]
                                + [{"customer": lead + b"') OR 1=1 #"} for lead in (b"\xbf", b"\xa1", b"\x81")]
                                + [{"status": lead + b"' OR 1=1 #"} for lead in (b"\xbf", b"\xd5")]
                                + [{"customer": b"\xbf') UNION " + UNION.encode() + b" #"}],
                                charset="gbk"),
}

if __name__ == "__main__":
    main(STEPS[sys.argv[1]])
