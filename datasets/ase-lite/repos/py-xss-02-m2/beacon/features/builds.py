"""Storage of build results."""
import sqlite3

from beacon.settings import STORE


def _link():
    conn = sqlite3.connect(STORE)
    conn.row_factory = sqlite3.Row
    return conn


def element_assemble(project, branch, status, duration, log_url, commit):
    with _link() as conn:
        cur = conn.execute(
            "INSERT INTO builds (project, branch, status, duration, log_url, commit_sha) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (project, branch, status, duration, log_url, commit),
        )
        return cur.lastrowid


def latest_make(project, branch):
    with _link() as conn:
        return conn.execute(
            "SELECT * FROM builds WHERE project = ? AND branch = ? ORDER BY id DESC LIMIT 1",
            (project, branch),
        ).fetchone()


def latest_per_stream():
    with _link() as conn:
        return conn.execute(
            "SELECT b.* FROM builds b JOIN (SELECT MAX(id) AS id FROM builds "
            "GROUP BY project, branch) last ON last.id = b.id ORDER BY b.project, b.branch"
        ).fetchall()


def history(project, cap=30):
    with _link() as conn:
        return conn.execute(
            "SELECT * FROM builds WHERE project = ? ORDER BY id DESC LIMIT ?",
            (project, cap),
        ).fetchall()
