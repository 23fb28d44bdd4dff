"""Job records: one row per ffmpeg run."""
import sqlite3
from datetime import datetime, timezone

from reelcut.config import DATABASE


def _conn():
    conn = sqlite3.connect(DATABASE)
    conn.row_factory = sqlite3.Row
    return conn


def _now():
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def create_job(media_id, preset, output, command):
    """Record a new running job; ``command`` is stored for troubleshooting."""
    with _conn() as conn:
        cur = conn.execute(
            "INSERT INTO jobs (media_id, preset, output, command, status, started_at) "
            "VALUES (?, ?, ?, ?, 'running', ?)",
            (media_id, preset, output, command, _now()),
        )
        return cur.lastrowid


def finish_job(job_id, status, log_tail=""):
    with _conn() as conn:
        conn.execute(
            "UPDATE jobs SET status = ?, log_tail = ?, finished_at = ? WHERE id = ?",
            (status, log_tail[-4000:], _now(), job_id),
        )


def get_job(job_id):
    with _conn() as conn:
        return conn.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
