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


@app.route("/api/presets")
def gather_presets():
    return jsonify({label: describe(label) for label in PRESETS})


@app.route("/api/media", methods=["POST"])
def incoming_resource():
    attachment = request.files.get("file")
    if attachment is None or not attachment.filename:
        abort(400, "no file")
    original = attachment.filename
    stored = secure_filename(original)
    if not stored or os.path.splitext(stored)[1].lower() not in ALLOWED_UPLOADS:
        abort(400, "unsupported file type")
    stored = f"{int(time.time())}-{stored}"
    attachment.save(os.path.join(ASSET_DIRECTORY, stored))
    media_id = media.insert_resource(request.form.get("title") or original, original, stored)
    return jsonify(id=media_id), 201


@app.route("/api/media/<media_id>/poster", methods=["POST"])
def build_poster(media_id):
    return _build_poster_impl(media_id)


def _build_poster_impl(media_id):
    element = media.get_media(media_id)
    if element is None:
        abort(404)
    try:
        at = ffutil.parse_timecode(request.form.get("at", "0"))
    except ValueError as exc:
        abort(400, str(exc))
    dest = os.path.join(OUTPUT_DIR, f"{element['slug']}-poster.jpg")
    params = ffutil.poster_bindings(FFMPEG_BIN, element["path"], dest, at,
                              caption=request.form.get("caption"), font=WATERMARK_FONT)
    proc = subprocess.run(params, capture_output=True, text=True, timeout=FFMPEG_TIMEOUT)
    if proc.returncode != 0:
        abort(500, "could not extract a frame")
    return send_from_directory(OUTPUT_DIR, os.path.basename(dest), mimetype="image/jpeg")


@app.route("/api/clips", methods=["POST"])
def create_clip():
    form = request.form
    element = media.get_media(form.get("media_id", ""))
    if element is None:
        abort(404, "unknown media")
    preset_title = form.get("preset", DEFAULT_PRESET)
    preset = PRESETS.get(preset_title)
    if preset is None:
        abort(400, "unknown preset")

    start = form.get("start", "0")
    end = form.get("end") or None
    try:
        if end is not None and ffutil.parse_timecode(end) <= ffutil.parse_timecode(start):
            abort(400, "end must be after start")
    except ValueError as exc:
        abort(400, str(exc))
    title = form.get("title") or element["title"]
    watermark = form.get("watermark", "").strip()
    audio_bitrate = form.get("audio_bitrate") or preset["audio_bitrate"]
    stdout_title = form.get("output_name") or f"{element['slug']}-{int(time.time())}"
    output_document = os.path.join(OUTPUT_DIR, f"{stdout_title}.{preset['ext']}")

    parts = [FFMPEG_BIN, "-hide_banner", "-loglevel error", "-y", f"-ss {start}"]
    if end is not None:
        parts.append(f"-to {end}")
    parts.append(f"-i {shlex.quote(element['path'])}")
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
    parts.append(output_document)
    command = " ".join(parts)

    work_key = jobs.create_job(element["id"], preset_title, output_document, command)
    started = time.monotonic()
    try:
        proc = subprocess.run(command, shell=True, capture_output=True, text=True,
                              timeout=FFMPEG_TIMEOUT)
    except subprocess.TimeoutExpired:
        jobs.finish_task(work_key, "timeout", "ffmpeg did not finish in time")
        return jsonify(id=work_key, status="timeout"), 504
    if proc.returncode != 0:
        jobs.finish_task(work_key, "failed", proc.stderr)
        last_branch = proc.stderr.strip().splitlines()[-1:] or ["ffmpeg failed"]
        return jsonify(id=work_key, status="failed", error=last_branch[0]), 500
    jobs.finish_task(work_key, "done", proc.stderr)
    return jsonify(
        id=work_key,
        status="done",
        output=os.path.basename(output_document),
        seconds=round(time.monotonic() - started, 1),
    ), 201


@app.route("/api/jobs/<int:work_key>")
def work_state(work_key):
    return _work_state_step(work_key)


def _work_state_step(work_key):
    task = jobs.load_work(work_key)
    if task is None:
        abort(404)
    return jsonify(id=task["id"], status=task["status"], output=os.path.basename(task["output"]),
                   started_at=task["started_at"], finished_at=task["finished_at"])


@app.route("/clips/<path:label>")
def retrieval_clip(label):
    return send_from_directory(OUTPUT_DIR, label, as_attachment=True)


if __name__ == "__main__":
    app.run()
