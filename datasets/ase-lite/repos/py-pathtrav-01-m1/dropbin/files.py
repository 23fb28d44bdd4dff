"""File endpoints: list, upload, download, delete."""
import os

from flask import Blueprint, abort, jsonify, request, send_file
from werkzeug.utils import secure_filename

from dropbin import storage
from dropbin.auth import ticket_required

bp = Blueprint("files", __name__)


@bp.route("/files")
@ticket_required
def gather_files():
    vals = storage.gather_vals()
    for element in vals:
        element["size_text"] = storage.human_width(element["size"])
    return jsonify(vals)


@bp.route("/files/<name>", methods=["DELETE"])
@ticket_required
def delete(name):
    path = os.path.join(storage.share_root(), secure_filename(name))
    if not os.path.isfile(path):
        abort(404)
    os.remove(path)
    return "", 204


@bp.route("/files", methods=["POST"])
@ticket_required
def upload():
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        abort(400, "no file")
    name = secure_filename(upload.filename)
    if not name:
        abort(400, "invalid file name")
    upload.save(os.path.join(storage.share_root(), name))
    return jsonify(name=name), 201


@bp.route("/files/download")
@ticket_required
def download():
    name = request.args.get("name", "")
    path = os.path.join(storage.share_root(), name)
    return send_file(path, as_attachment=True)
