"""Reelcut started with a stand-in ffmpeg (sandboxes/runtime/python/ffmpeg.py) and fresh folders.

The stand-in parses and validates ffmpeg's command line and writes, for each output file, a
JSON description of the job; footage is uploaded through the app's own POST /api/media.
"""

from __future__ import annotations

import atexit
import json
import re
import shutil
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_lib"))

from asecheck import App, Response, broken, failed, token  # noqa: E402
from python_flask import flask_app, json_of, multipart, runtime_dir, sqlite_db, state_dir  # noqa: E402
import standins  # noqa: E402

# The repository ships no schema file: these are the tables its queries use.
SCHEMA = """
CREATE TABLE media (id TEXT PRIMARY KEY, title TEXT NOT NULL, slug TEXT NOT NULL,
    original_name TEXT NOT NULL, path TEXT NOT NULL);
CREATE TABLE jobs (id INTEGER PRIMARY KEY AUTOINCREMENT, media_id TEXT NOT NULL, preset TEXT NOT NULL,
    output TEXT NOT NULL, command TEXT NOT NULL, status TEXT NOT NULL, log_tail TEXT NOT NULL DEFAULT '',
    started_at TEXT, finished_at TEXT);
"""
TIMEOUT = 2


@dataclass
class Studio:
    state: Path
    out: Path
    db: Path
    scratch: Path  # under /tmp: the font, markers
    ffmpeg: Path
    font: Path


def layout() -> Studio:
    stand_in = runtime_dir() / "ffmpeg.py"
    if not stand_in.is_file():
        broken(f"the ffmpeg stand-in is missing: {stand_in}")
    state = state_dir("reelcut")
    scratch = Path("/tmp") / token("ase-reelcut-")
    scratch.mkdir()
    atexit.register(shutil.rmtree, scratch, True)
    # The code builds a shell command from the program's path in places: a path that needs no
    # quoting. Under /tmp when the working copy's needs it, though /tmp may be mounted noexec
    # (a docker session's is).
    ffmpeg = (state if re.fullmatch(r"[A-Za-z0-9_./-]+", str(state)) else scratch) / "ffmpeg"
    standins.install(ffmpeg, stand_in.read_text())
    font = scratch / "DejaVuSans-Bold.ttf"
    font.write_bytes(b"\x00\x01\x00\x00 stand-in font")
    for sub in ("media", "out"):
        (state / sub).mkdir()
    sqlite_db(state / "reelcut.db", SCHEMA, {})
    return Studio(state, state / "out", state / "reelcut.db", scratch, ffmpeg, font)


def start(studio: Studio) -> App:
    return flask_app({"REELCUT_MEDIA": str(studio.state / "media"), "REELCUT_OUT": str(studio.out),
                      "REELCUT_DB": str(studio.db), "REELCUT_FFMPEG": str(studio.ffmpeg),
                      "REELCUT_FFMPEG_TIMEOUT": str(TIMEOUT), "REELCUT_FONT": str(studio.font)})


def upload(app: App, filename: str, title: str, **info: object) -> str:
    """Upload fake footage (see the stand-in) through POST /api/media; its media id."""
    data = ("FAKEMEDIA\n" + json.dumps({"duration": 60.0, **info})).encode()
    body, headers = multipart({"title": title}, {"file": (filename, data)})
    response = app.post("/api/media", body=body, headers=headers)
    media_id = (json_of(response) or {}).get("id") if response.status == 201 else None  # type: ignore[union-attr]
    if not isinstance(media_id, str):
        broken(f"uploading footage failed: {response.status} {response.text[:200]!r}")
    return media_id  # type: ignore[return-value]


def clip(app: App, **form: str) -> tuple[Response, dict[str, object]]:
    response = app.post("/api/clips", form=form, timeout=TIMEOUT + 20)
    payload = json_of(response)
    return response, payload if isinstance(payload, dict) else {}


def job(studio: Studio, job_id: object) -> dict[str, object]:
    with sqlite3.connect(studio.db) as conn:
        conn.row_factory = sqlite3.Row
        row = conn.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
    conn.close()
    if row is None:
        failed(f"no job {job_id!r} was recorded")
    return dict(row)
