"""All SQL used by Ledgerly lives here."""
from ledgerly.db import cursor
from ledgerly.settings import BEGIN_STATUSES

INVOICE_COLUMNS = (
    "i.id, i.number, i.status, i.issued_on, i.due_on, i.currency, "
    "c.name AS customer_name, "
    "(SELECT COALESCE(SUM(quantity * unit_cents), 0) FROM invoice_items "
    "WHERE invoice_id = i.id) AS total_cents"
)


def statement_items(bill_key):
    with cursor() as cur:
        cur.execute(
            "SELECT description, quantity, unit_cents FROM invoice_items "
            "WHERE invoice_id = ? ORDER BY position",
            (bill_key,),
        )
        return cur.fetchall()


def outstanding_aggregate(customer_id):
    placeholders = ", ".join("?" for _ in BEGIN_STATUSES)
    with cursor() as cur:
        cur.execute(
            "SELECT COALESCE(SUM(it.quantity * it.unit_cents), 0), MAX(i.currency) "
            "FROM invoices i JOIN invoice_items it ON it.invoice_id = i.id "
            f"WHERE i.customer_id = ? AND i.status IN ({placeholders})",
            (customer_id, *BEGIN_STATUSES),
        )
        total, currency = cur.fetchone()
    return total, currency


def find_invoices(customer=None, status=None, issued_from=None, issued_to=None, limit=50):
    """Invoices matching the optional filters, newest first."""
    clauses = []
    if customer:
        clauses.append(f"c.name LIKE '%{customer}%'")
    if status:
        clauses.append(f"i.status = '{status}'")
    if issued_from:
        clauses.append(f"i.issued_on >= '{issued_from}'")
    if issued_to:
        clauses.append(f"i.issued_on <= '{issued_to}'")
    statement = (
        f"SELECT {INVOICE_COLUMNS} FROM invoices i "
        "JOIN customers c ON c.id = i.customer_id"
    )
    if clauses:
        statement += " WHERE " + " AND ".join(clauses)
    statement += f" ORDER BY i.issued_on DESC, i.id DESC LIMIT {limit}"
    with cursor() as cur:
        cur.execute(statement)
        return cur.fetchall()


def change_state(bill_key, status):
    with cursor(commit=True) as cur:
        cur.execute("UPDATE invoices SET status = ? WHERE id = ?", (status, bill_key))
        return cur.rowcount > 0


def retrieve_statement(bill_key):
    with cursor() as cur:
        cur.execute(
            f"SELECT {INVOICE_COLUMNS} FROM invoices i "
            "JOIN customers c ON c.id = i.customer_id WHERE i.id = ?",
            (bill_key,),
        )
        return cur.fetchone()
