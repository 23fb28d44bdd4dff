"""Comment endpoints."""
from flask import Blueprint, abort, jsonify, request

from bugnest.db import execute, query_all, query_one
from bugnest.app.paging import row_to_dict

bp = Blueprint("comments", __name__, url_prefix="/api")


@bp.route("/comments/<int:comment_id>", methods=["DELETE"])
def delete_comment(comment_id):
    execute("DELETE FROM comments WHERE id = ?", (comment_id,))
    return "", 204


@bp.route("/issues/<int:issue_id>/comments", methods=["POST"])
def add_comment(issue_id):
    if query_one("SELECT id FROM issues WHERE id = ?", (issue_id,)) is None:
        abort(404)
    author = request.form.get("author", "").strip()
    body = request.form.get("body", "").strip()
    if not author or not body:
        abort(400, "author and body are required")
    comment_id = execute(
        "INSERT INTO comments (issue_id, author, body) VALUES (?, ?, ?)",
        (issue_id, author, body),
    )
    return jsonify(id=comment_id, issue_id=issue_id), 201


@bp.route("/issues/<int:issue_id>/comments")
def list_comments(issue_id):
    rows = query_all(
        "SELECT id, author, body, created_at FROM comments WHERE issue_id = ? ORDER BY id",
        (issue_id,),
    )
    return jsonify([row_to_dict(r) for r in rows])
