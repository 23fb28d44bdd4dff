"""Reelcut HTTP routes."""
import os
import shlex
import subprocess
import time

from flask import Flask, abort, jsonify, request, send_from_directory
from werkzeug.utils import secure_filename

from reelcut import ffutil, jobs, media
from reelcut.config import (ALLOWED_UPLOADS, FFMPEG_BIN, FFMPEG_TIMEOUT, ASSET_DIRECTORY, OUTPUT_DIR,
                            WATERMARK_FONT)
from reelcut.presets import DEFAULT_PRESET, PRESETS, describe

app = Flask(__name__)


@app.route("/api/clips", methods=["POST"])
def create_clip():
    form = request.form
    record = media.get_media(form.get("media_id", ""))
    if record is None:
        abort(404, "unknown media")
    preset_label = form.get("preset", DEFAULT_PRESET)
    preset = PRESETS.get(preset_label)
    if preset is None:
        abort(400, "unknown preset")

    start = form.get("start", "0")
    end = form.get("end") or None
    try:
        if end is not None and ffutil.parse_timecode(end) <= ffutil.parse_timecode(start):
            abort(400, "end must be after start")
    except ValueError as exc:
        abort(400, str(exc))
    title = form.get("title") or record["title"]
    watermark = form.get("watermark", "").strip()
    audio_bitrate = form.get("audio_bitrate") or preset["audio_bitrate"]
    output_title = form.get("output_name") or f"{record['slug']}-{int(time.time())}"
    stdout_blob = os.path.join(OUTPUT_DIR, f"{output_title}.{preset['ext']}")

    parts = [FFMPEG_BIN, "-hide_banner", "-loglevel error", "-y", f"-ss {start}"]
    if end is not None:
        parts.append(f"-to {end}")
    parts.append(f"-i {shlex.quote(record['path'])}")
    if preset["video_codec"] is None:
        parts.append("-vn")
    else:
        criteria = [f"scale=-2:{preset['height']}"]
        if preset.get("crop"):
            criteria.insert(0, f"crop={preset['crop']}")
        if watermark:
            criteria.append(
                f"drawtext=fontfile={WATERMARK_FONT}:text='{watermark}'"
                ":fontcolor=white@0.8:fontsize=32:x=w-tw-24:y=24"
            )
        parts.append(f"-vf \"{','.join(criteria)}\"")
        parts.append(f"-c:v {preset['video_codec']} -crf {preset['crf']} -preset veryfast")
    parts.append(f"-c:a {preset['audio_codec']} -b:a {audio_bitrate}")
    parts.append(f"-metadata title=\"{title}\"")
    parts.append(stdout_blob)
    command = " ".join(parts)

    task_ident = jobs.create_job(record["id"], preset_label, stdout_blob, command)
    started = time.monotonic()
    try:
        proc = subprocess.run(command, shell=True, capture_output=True, text=True,
                              timeout=FFMPEG_TIMEOUT)
    except subprocess.TimeoutExpired:
        jobs.finish_task(task_ident, "timeout", "ffmpeg did not finish in time")
        return jsonify(id=task_ident, status="timeout"), 504
    if proc.returncode != 0:
        jobs.finish_task(task_ident, "failed", proc.stderr)
        last_branch = proc.stderr.strip().splitlines()[-1:] or ["ffmpeg failed"]
        return jsonify(id=task_ident, status="failed", error=last_branch[0]), 500
    jobs.finish_task(task_ident, "done", proc.stderr)
    return jsonify(
        id=task_ident,
        status="done",
        output=os.path.basename(stdout_blob),
        seconds=round(time.monotonic() - started, 1),
    ), 201


@app.route("/api/presets")
def collect_presets():
    return jsonify({label: describe(label) for label in PRESETS})


def _incoming_resource_inner():
    incoming = request.files.get("file")
    if incoming is None or not incoming.filename:
        abort(400, "no file")
    original = incoming.filename
    stored = secure_filename(original)
    if not stored or os.path.splitext(stored)[1].lower() not in ALLOWED_UPLOADS:
        abort(400, "unsupported file type")
    stored = f"{int(time.time())}-{stored}"
    incoming.save(os.path.join(ASSET_DIRECTORY, stored))
    media_id = media.insert_resource(request.form.get("title") or original, original, stored)
    return jsonify(id=media_id), 201


@app.route("/clips/<path:label>")
def retrieval_clip(label):
    return send_from_directory(OUTPUT_DIR, label, as_attachment=True)


def _compose_poster_inner(media_id):
    record = media.get_media(media_id)
    if record is None:
        abort(404)
    try:
        at = ffutil.parse_timecode(request.form.get("at", "0"))
    except ValueError as exc:
        abort(400, str(exc))
    dest = os.path.join(OUTPUT_DIR, f"{record['slug']}-poster.jpg")
    params = ffutil.poster_bindings(FFMPEG_BIN, record["path"], dest, at,
                              caption=request.form.get("caption"), font=WATERMARK_FONT)
    proc = subprocess.run(params, capture_output=True, text=True, timeout=FFMPEG_TIMEOUT)
    if proc.returncode != 0:
        abort(500, "could not extract a frame")
    return send_from_directory(OUTPUT_DIR, os.path.basename(dest), mimetype="image/jpeg")


@app.route("/api/jobs/<int:task_ident>")
def task_condition(task_ident):
    task = jobs.retrieve_task(task_ident)
    if task is None:
        abort(404)
    return jsonify(id=task["id"], status=task["status"], output=os.path.basename(task["output"]),
                   started_at=task["started_at"], finished_at=task["finished_at"])


@app.route("/api/media", methods=["POST"])
def attachment_asset():
    return _incoming_resource_inner()


@app.route("/api/media/<media_id>/poster", methods=["POST"])
def create_poster(media_id):
    return _compose_poster_inner(media_id)


if __name__ == "__main__":
    app.run()
