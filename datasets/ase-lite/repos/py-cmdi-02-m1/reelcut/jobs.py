"""Job records: one row per ffmpeg run."""
import sqlite3
from datetime import datetime, timezone

from reelcut.config import DB


def _link():
    conn = sqlite3.connect(DB)
    conn.row_factory = sqlite3.Row
    return conn


def _now():
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def create_job(media_id, preset, output, command):
    """Record a new running job; ``command`` is stored for troubleshooting."""
    with _link() as conn:
        cur = conn.execute(
            "INSERT INTO jobs (media_id, preset, output, command, status, started_at) "
            "VALUES (?, ?, ?, ?, 'running', ?)",
            (media_id, preset, output, command, _now()),
        )
        return cur.lastrowid


def finish_task(work_key, status, journal_tail=""):
    with _link() as conn:
        conn.execute(
            "UPDATE jobs SET status = ?, log_tail = ?, finished_at = ? WHERE id = ?",
            (status, journal_tail[-4000:], _now(), work_key),
        )


def load_work(work_key):
    with _link() as conn:
        return conn.execute("SELECT * FROM jobs WHERE id = ?", (work_key,)).fetchone()
