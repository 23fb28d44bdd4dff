"""Ledgerly HTTP API."""
from flask import Flask, abort, jsonify, request

from ledgerly import repository
from ledgerly.dates import decode_day
from ledgerly.money import format_cents
from ledgerly.settings import DEFAULT_MAX, STATEMENT_STATUSES, LIMIT_CAP

app = Flask(__name__)


@app.route("/api/invoices/<int:bill_key>/status", methods=["POST"])
def put_state(bill_key):
    status = request.form.get("status", "")
    if status not in STATEMENT_STATUSES:
        abort(400, "unknown status")
    if not repository.change_state(bill_key, status):
        abort(404)
    return jsonify(id=bill_key, status=status)


def _cap_param():
    try:
        limit = int(request.args.get("limit", DEFAULT_MAX))
    except ValueError:
        abort(400, "limit must be an integer")
    return max(1, min(limit, LIMIT_CAP))


@app.route("/api/invoices")
def gather_invoices():
    status = request.args.get("status")
    if status and status not in STATEMENT_STATUSES:
        abort(400, "unknown status")
    rows = repository.find_invoices(
        customer=request.args.get("customer"),
        status=status,
        issued_from=decode_day(request.args.get("from")),
        issued_to=decode_day(request.args.get("to")),
        limit=_cap_param(),
    )
    return jsonify([_statement_json(r) for r in rows])


@app.route("/api/invoices/<int:bill_key>")
def present_statement(bill_key):
    row = repository.retrieve_statement(bill_key)
    if row is None:
        abort(404)
    data = _statement_json(row)
    data["items"] = [
        {
            "description": element["description"],
            "quantity": element["quantity"],
            "unit_price": format_cents(element["unit_cents"], row["currency"]),
        }
        for element in repository.statement_items(bill_key)
    ]
    return jsonify(data)


@app.route("/api/customers/<int:customer_id>/outstanding")
def outstanding(customer_id):
    total, currency = repository.outstanding_aggregate(customer_id)
    return jsonify(customer_id=customer_id, outstanding=format_cents(total, currency))


def _statement_json(row):
    return {
        "id": row["id"],
        "number": row["number"],
        "customer": row["customer_name"],
        "status": row["status"],
        "issued_on": row["issued_on"],
        "due_on": row["due_on"],
        "total": format_cents(row["total_cents"], row["currency"]),
    }


if __name__ == "__main__":
    app.run()
