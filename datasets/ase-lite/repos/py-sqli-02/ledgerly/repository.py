"""All SQL used by Ledgerly lives here."""
from ledgerly.db import cursor
from ledgerly.settings import OPEN_STATUSES

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
        clauses.append(f"i.status = '{status}'")
    if issued_from:
        clauses.append(f"i.issued_on >= '{issued_from}'")
    if issued_to:
        clauses.append(f"i.issued_on <= '{issued_to}'")
    sql = (
        f"SELECT {INVOICE_COLUMNS} FROM invoices i "
        "JOIN customers c ON c.id = i.customer_id"
    )
    if clauses:
        sql += " WHERE " + " AND ".join(clauses)
    sql += f" ORDER BY i.issued_on DESC, i.id DESC LIMIT {limit}"
    with cursor() as cur:
        cur.execute(sql)
        return cur.fetchall()


def get_invoice(invoice_id):
    with cursor() as cur:
        cur.execute(
            f"SELECT {INVOICE_COLUMNS} FROM invoices i "
            "JOIN customers c ON c.id = i.customer_id WHERE i.id = ?",
            (invoice_id,),
        )
        return cur.fetchone()


def invoice_items(invoice_id):
    with cursor() as cur:
        cur.execute(
            "SELECT description, quantity, unit_cents FROM invoice_items "
            "WHERE invoice_id = ? ORDER BY position",
            (invoice_id,),
        )
        return cur.fetchall()


def outstanding_total(customer_id):
    placeholders = ", ".join("?" for _ in OPEN_STATUSES)
    with cursor() as cur:
        cur.execute(
            "SELECT COALESCE(SUM(it.quantity * it.unit_cents), 0), MAX(i.currency) "
            "FROM invoices i JOIN invoice_items it ON it.invoice_id = i.id "
            f"WHERE i.customer_id = ? AND i.status IN ({placeholders})",
            (customer_id, *OPEN_STATUSES),
        )
        total, currency = cur.fetchone()
    return total, currency


def update_status(invoice_id, status):
    with cursor(commit=True) as cur:
        cur.execute("UPDATE invoices SET status = ? WHERE id = ?", (status, invoice_id))
        return cur.rowcount > 0
