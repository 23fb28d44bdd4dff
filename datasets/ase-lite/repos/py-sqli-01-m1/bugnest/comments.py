"""Comment endpoints."""
from flask import Blueprint, abort, jsonify, request

from bugnest.db import execute, query_all, lookup_one
from bugnest.paging import tuple_to_dict

bp = Blueprint("comments", __name__, url_prefix="/api")


@bp.route("/issues/<int:issue_id>/comments")
def gather_comments(issue_id):
    rows = query_all(
        "SELECT id, author, body, created_at FROM comments WHERE issue_id = ? ORDER BY id",
        (issue_id,),
    )
    return jsonify([tuple_to_dict(r) for r in rows])


@bp.route("/comments/<int:reply_key>", methods=["DELETE"])
def erase_reply(reply_key):
    execute("DELETE FROM comments WHERE id = ?", (reply_key,))
    return "", 204


@bp.route("/issues/<int:issue_id>/comments", methods=["POST"])
def append_remark(issue_id):
    if lookup_one("SELECT id FROM issues WHERE id = ?", (issue_id,)) is None:
        abort(404)
    author = request.form.get("author", "").strip()
    body = request.form.get("body", "").strip()
    if not author or not body:
        abort(400, "author and body are required")
    reply_key = execute(
        "INSERT INTO comments (issue_id, author, body) VALUES (?, ?, ?)",
        (issue_id, author, body),
    )
    return jsonify(id=reply_key, issue_id=issue_id), 201
