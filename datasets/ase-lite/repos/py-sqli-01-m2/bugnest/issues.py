"""Issue endpoints: list, search, view, create and close."""
from flask import Blueprint, abort, jsonify, request

from bugnest.config import DEFAULT_STATUS, PAGE_SIZE, PRIORITIES, STATUSES
from bugnest.db import execute, query_all, query_one
from bugnest.app.paging import page_offset, page_payload, parse_page, row_to_dict

bp = Blueprint("issues", __name__, url_prefix="/api")


@bp.route("/issues/<int:issue_id>")
def get_issue(issue_id):
    row = query_one("SELECT * FROM issues WHERE id = ?", (issue_id,))
    if row is None:
        abort(404)
    comments = query_all(
        "SELECT id, author, body, created_at FROM comments WHERE issue_id = ? ORDER BY id",
        (issue_id,),
    )
    issue = row_to_dict(row)
    issue["comments"] = [row_to_dict(c) for c in comments]
    return jsonify(issue)


@bp.route("/issues")
def list_issues():
    status = request.args.get("status", DEFAULT_STATUS)
    if status not in STATUSES:
        abort(400, "unknown status")
    page = parse_page(request.args.get("page"))
    rows = query_all(
        "SELECT id, title, status, priority, reporter, created_at FROM issues "
        "WHERE status = ? ORDER BY priority DESC, id DESC LIMIT ? OFFSET ?",
        (status, PAGE_SIZE, page_offset(page)),
    )
    return jsonify(page_payload(rows, page, status=status))


@bp.route("/issues/search")
def search_issues():
    term = request.args.get("q", "").strip()
    status = request.args.get("status", DEFAULT_STATUS)
    page = parse_page(request.args.get("page"))
    if not term:
        return jsonify(page_payload([], page, query=term))
    sql = (
        "SELECT id, title, status, priority, reporter, created_at FROM issues "
        f"WHERE status = '{status}' "
        f"AND (title LIKE '%{term}%' OR body LIKE '%{term}%') "
        "ORDER BY priority DESC, id DESC "
        f"LIMIT {PAGE_SIZE} OFFSET {page_offset(page)}"
    )
    rows = query_all(sql)
    return jsonify(page_payload(rows, page, query=term, status=status))


@bp.route("/issues", methods=["POST"])
def create_issue():
    data = request.get_json(silent=True) or request.form
    title = (data.get("title") or "").strip()
    reporter = (data.get("reporter") or "").strip()
    if not title or not reporter:
        abort(400, "title and reporter are required")
    try:
        priority = int(data.get("priority", 3))
    except (TypeError, ValueError):
        abort(400, "priority must be a number")
    if priority not in PRIORITIES:
        abort(400, "priority out of range")
    issue_id = execute(
        "INSERT INTO issues (title, body, priority, reporter) VALUES (?, ?, ?, ?)",
        (title, data.get("body", ""), priority, reporter),
    )
    return jsonify(id=issue_id), 201


@bp.route("/issues/<int:issue_id>/close", methods=["POST"])
def close_issue(issue_id):
    if query_one("SELECT id FROM issues WHERE id = ?", (issue_id,)) is None:
        abort(404)
    execute("UPDATE issues SET status = 'closed' WHERE id = ?", (issue_id,))
    return jsonify(id=issue_id, status="closed")
