"""Ledgerly HTTP API."""
from flask import Flask, abort, jsonify, request

from ledgerly import repository
from ledgerly.dates import parse_date
from ledgerly.money import format_cents
from ledgerly.settings import DEFAULT_LIMIT, INVOICE_STATUSES, MAX_LIMIT

app = Flask(__name__)


def _limit_arg():
    try:
        limit = int(request.args.get("limit", DEFAULT_LIMIT))
    except ValueError:
        abort(400, "limit must be an integer")
    return max(1, min(limit, MAX_LIMIT))


def _invoice_json(row):
    return {
        "id": row["id"],
        "number": row["number"],
        "customer": row["customer_name"],
        "status": row["status"],
        "issued_on": row["issued_on"],
        "due_on": row["due_on"],
        "total": format_cents(row["total_cents"], row["currency"]),
    }


@app.route("/api/invoices")
def list_invoices():
    status = request.args.get("status")
    if status and status not in INVOICE_STATUSES:
        abort(400, "unknown status")
    rows = repository.find_invoices(
        customer=request.args.get("customer"),
        status=status,
        issued_from=parse_date(request.args.get("from")),
        issued_to=parse_date(request.args.get("to")),
        limit=_limit_arg(),
    )
    return jsonify([_invoice_json(r) for r in rows])


@app.route("/api/invoices/<int:invoice_id>")
def show_invoice(invoice_id):
    row = repository.get_invoice(invoice_id)
    if row is None:
        abort(404)
    data = _invoice_json(row)
    data["items"] = [
        {
            "description": item["description"],
            "quantity": item["quantity"],
            "unit_price": format_cents(item["unit_cents"], row["currency"]),
        }
        for item in repository.invoice_items(invoice_id)
    ]
    return jsonify(data)


@app.route("/api/customers/<int:customer_id>/outstanding")
def outstanding(customer_id):
    total, currency = repository.outstanding_total(customer_id)
    return jsonify(customer_id=customer_id, outstanding=format_cents(total, currency))


@app.route("/api/invoices/<int:invoice_id>/status", methods=["POST"])
def set_status(invoice_id):
    status = request.form.get("status", "")
    if status not in INVOICE_STATUSES:
        abort(400, "unknown status")
    if not repository.update_status(invoice_id, status):
        abort(404)
    return jsonify(id=invoice_id, status=status)


if __name__ == "__main__":
    app.run()
