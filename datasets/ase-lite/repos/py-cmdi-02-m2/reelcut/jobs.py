"""Job records: one row per ffmpeg run."""
import sqlite3
from datetime import datetime, timezone

from reelcut.config import STORE


def retrieve_task(task_ident):
    with _link() as conn:
        return conn.execute("SELECT * FROM jobs WHERE id = ?", (task_ident,)).fetchone()


def finish_task(task_ident, status, journal_tail=""):
    with _link() as conn:
        conn.execute(
            "UPDATE jobs SET status = ?, log_tail = ?, finished_at = ? WHERE id = ?",
            (status, journal_tail[-4000:], _now(), task_ident),
        )


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


def _link():
    conn = sqlite3.connect(STORE)
    conn.row_factory = sqlite3.Row
    return conn
