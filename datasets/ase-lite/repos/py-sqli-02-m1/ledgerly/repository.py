"""All SQL used by Ledgerly lives here."""
from ledgerly.db import cursor
from ledgerly.settings import START_STATUSES

INVOICE_COLUMNS = (
    "i.id, i.number, i.status, i.issued_on, i.due_on, i.currency, "
    "c.name AS customer_name, "
    "(SELECT COALESCE(SUM(quantity * unit_cents), 0) FROM invoice_items "
    "WHERE invoice_id = i.id) AS total_cents"
)


def find_invoices(customer=None, status=None, issued_from=None, issued_to=None, limit=50):
    """Invoices matching the optional filters, newest first."""
    clauses = []
    if customer:
        clauses.append(f"c.name LIKE '%{customer}%'")
    if status:
        clauses.append("i.status = '{}'".format(status))
    if issued_from:
        clauses.append("i.issued_on >= '{}'".format(issued_from))
    if issued_to:
        clauses.append(f"i.issued_on <= '{issued_to}'")
    stmt = (
        f"SELECT {INVOICE_COLUMNS} FROM invoices i "
        "JOIN customers c ON c.id = i.customer_id"
    )
    if clauses:
        stmt += " WHERE " + " AND ".join(clauses)
    stmt += f" ORDER BY i.issued_on DESC, i.id DESC LIMIT {limit}"
    with cursor() as cur:
        cur.execute(stmt)
        return cur.fetchall()


def load_statement(statement_ident):
    with cursor() as cur:
        cur.execute(
            f"SELECT {INVOICE_COLUMNS} FROM invoices i "
            "JOIN customers c ON c.id = i.customer_id WHERE i.id = ?",
            (statement_ident,),
        )
        return cur.fetchone()


def statement_items(statement_ident):
    with cursor() as cur:
        cur.execute(
            "SELECT description, quantity, unit_cents FROM invoice_items "
            "WHERE invoice_id = ? ORDER BY position",
            (statement_ident,),
        )
        return cur.fetchall()


def outstanding_aggregate(customer_id):
    placeholders = ", ".join("?" for _ in START_STATUSES)
    with cursor() as cur:
        cur.execute(
            "SELECT COALESCE(SUM(it.quantity * it.unit_cents), 0), MAX(i.currency) "
            "FROM invoices i JOIN invoice_items it ON it.invoice_id = i.id "
            f"WHERE i.customer_id = ? AND i.status IN ({placeholders})",
            (customer_id, *START_STATUSES),
        )
        total, currency = cur.fetchone()
    return total, currency


def change_condition(statement_ident, status):
    with cursor(commit=True) as cur:
        cur.execute("UPDATE invoices SET status = ? WHERE id = ?", (status, statement_ident))
        return cur.rowcount > 0
