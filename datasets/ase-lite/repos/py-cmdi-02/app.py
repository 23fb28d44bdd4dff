"""Reelcut HTTP routes."""
import os
import shlex
import subprocess
import time

from flask import Flask, abort, jsonify, request, send_from_directory
from werkzeug.utils import secure_filename

from reelcut import ffutil, jobs, media
from reelcut.config import (ALLOWED_UPLOADS, FFMPEG_BIN, FFMPEG_TIMEOUT, MEDIA_DIR, OUTPUT_DIR,
                            WATERMARK_FONT)
from reelcut.presets import DEFAULT_PRESET, PRESETS, describe

app = Flask(__name__)


@app.route("/api/presets")
def list_presets():
    return jsonify({name: describe(name) for name in PRESETS})


@app.route("/api/media", methods=["POST"])
def upload_media():
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        abort(400, "no file")
    original = upload.filename
    stored = secure_filename(original)
    if not stored or os.path.splitext(stored)[1].lower() not in ALLOWED_UPLOADS:
        abort(400, "unsupported file type")
    stored = f"{int(time.time())}-{stored}"
    upload.save(os.path.join(MEDIA_DIR, stored))
    media_id = media.add_media(request.form.get("title") or original, original, stored)
    return jsonify(id=media_id), 201


@app.route("/api/media/<media_id>/poster", methods=["POST"])
def make_poster(media_id):
    item = media.get_media(media_id)
    if item is None:
        abort(404)
    try:
        at = ffutil.parse_timecode(request.form.get("at", "0"))
    except ValueError as exc:
        abort(400, str(exc))
    target = os.path.join(OUTPUT_DIR, f"{item['slug']}-poster.jpg")
    args = ffutil.poster_args(FFMPEG_BIN, item["path"], target, at,
                              caption=request.form.get("caption"), font=WATERMARK_FONT)
    proc = subprocess.run(args, capture_output=True, text=True, timeout=FFMPEG_TIMEOUT)
    if proc.returncode != 0:
        abort(500, "could not extract a frame")
    return send_from_directory(OUTPUT_DIR, os.path.basename(target), mimetype="image/jpeg")


@app.route("/api/clips", methods=["POST"])
def create_clip():
    form = request.form
    item = media.get_media(form.get("media_id", ""))
    if item is None:
        abort(404, "unknown media")
    preset_name = form.get("preset", DEFAULT_PRESET)
    preset = PRESETS.get(preset_name)
    if preset is None:
        abort(400, "unknown preset")

    start = form.get("start", "0")
    end = form.get("end") or None
    try:
        if end is not None and ffutil.parse_timecode(end) <= ffutil.parse_timecode(start):
            abort(400, "end must be after start")
    except ValueError as exc:
        abort(400, str(exc))
    title = form.get("title") or item["title"]
    watermark = form.get("watermark", "").strip()
    audio_bitrate = form.get("audio_bitrate") or preset["audio_bitrate"]
    out_name = form.get("output_name") or f"{item['slug']}-{int(time.time())}"
    out_file = os.path.join(OUTPUT_DIR, f"{out_name}.{preset['ext']}")

    parts = [FFMPEG_BIN, "-hide_banner", "-loglevel error", "-y", f"-ss {start}"]
    if end is not None:
        parts.append(f"-to {end}")
    parts.append(f"-i {shlex.quote(item['path'])}")
    if preset["video_codec"] is None:
        parts.append("-vn")
    else:
        filters = [f"scale=-2:{preset['height']}"]
        if preset.get("crop"):
            filters.insert(0, f"crop={preset['crop']}")
        if watermark:
            filters.append(
                f"drawtext=fontfile={WATERMARK_FONT}:text='{watermark}'"
                ":fontcolor=white@0.8:fontsize=32:x=w-tw-24:y=24"
            )
        parts.append(f"-vf \"{','.join(filters)}\"")
        parts.append(f"-c:v {preset['video_codec']} -crf {preset['crf']} -preset veryfast")
    parts.append(f"-c:a {preset['audio_codec']} -b:a {audio_bitrate}")
    parts.append(f"-metadata title=\"{title}\"")
    parts.append(out_file)
    command = " ".join(parts)

    job_id = jobs.create_job(item["id"], preset_name, out_file, command)
    started = time.monotonic()
    try:
        proc = subprocess.run(command, shell=True, capture_output=True, text=True,
                              timeout=FFMPEG_TIMEOUT)
    except subprocess.TimeoutExpired:
        jobs.finish_job(job_id, "timeout", "ffmpeg did not finish in time")
        return jsonify(id=job_id, status="timeout"), 504
    if proc.returncode != 0:
        jobs.finish_job(job_id, "failed", proc.stderr)
        last_line = proc.stderr.strip().splitlines()[-1:] or ["ffmpeg failed"]
        return jsonify(id=job_id, status="failed", error=last_line[0]), 500
    jobs.finish_job(job_id, "done", proc.stderr)
    return jsonify(
        id=job_id,
        status="done",
        output=os.path.basename(out_file),
        seconds=round(time.monotonic() - started, 1),
    ), 201


@app.route("/api/jobs/<int:job_id>")
def job_status(job_id):
    job = jobs.get_job(job_id)
    if job is None:
        abort(404)
    return jsonify(id=job["id"], status=job["status"], output=os.path.basename(job["output"]),
                   started_at=job["started_at"], finished_at=job["finished_at"])


@app.route("/clips/<path:name>")
def download_clip(name):
    return send_from_directory(OUTPUT_DIR, name, as_attachment=True)


if __name__ == "__main__":
    app.run()
