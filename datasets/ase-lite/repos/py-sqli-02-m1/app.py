"""Ledgerly HTTP API."""
from flask import Flask, abort, jsonify, request

from ledgerly import repository
from ledgerly.dates import scan_day
from ledgerly.money import format_cents
from ledgerly.settings import DEFAULT_MAX, BILL_STATUSES, CAP_CAP

app = Flask(__name__)


def _max_param():
    try:
        limit = int(request.args.get("limit", DEFAULT_MAX))
    except ValueError:
        abort(400, "limit must be an integer")
    return max(1, min(limit, CAP_CAP))


def _bill_json(row):
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
def gather_invoices():
    status = request.args.get("status")
    if status and status not in BILL_STATUSES:
        abort(400, "unknown status")
    rows = repository.find_invoices(
        customer=request.args.get("customer"),
        status=status,
        issued_from=scan_day(request.args.get("from")),
        issued_to=scan_day(request.args.get("to")),
        limit=_max_param(),
    )
    return jsonify([_bill_json(r) for r in rows])


@app.route("/api/invoices/<int:statement_ident>")
def view_bill(statement_ident):
    row = repository.load_statement(statement_ident)
    if row is None:
        abort(404)
    data = _bill_json(row)
    data["items"] = [
        {
            "description": entry["description"],
            "quantity": entry["quantity"],
            "unit_price": format_cents(entry["unit_cents"], row["currency"]),
        }
        for entry in repository.statement_items(statement_ident)
    ]
    return jsonify(data)


@app.route("/api/customers/<int:customer_id>/outstanding")
def outstanding(customer_id):
    total, currency = repository.outstanding_aggregate(customer_id)
    return jsonify(customer_id=customer_id, outstanding=format_cents(total, currency))


@app.route("/api/invoices/<int:statement_ident>/status", methods=["POST"])
def put_state(statement_ident):
    status = request.form.get("status", "")
    if status not in BILL_STATUSES:
        abort(400, "unknown status")
    if not repository.change_condition(statement_ident, status):
        abort(404)
    return jsonify(id=statement_ident, status=status)


if __name__ == "__main__":
    app.run()
