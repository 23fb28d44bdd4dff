"""Storage of build results."""
import sqlite3

from beacon.settings import DATABASE


def _conn():
    conn = sqlite3.connect(DATABASE)
    conn.row_factory = sqlite3.Row
    return conn


def record_build(project, branch, status, duration, log_url, commit):
    with _conn() as conn:
        cur = conn.execute(
            "INSERT INTO builds (project, branch, status, duration, log_url, commit_sha) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (project, branch, status, duration, log_url, commit),
        )
        return cur.lastrowid


def latest_build(project, branch):
    with _conn() as conn:
        return conn.execute(
            "SELECT * FROM builds WHERE project = ? AND branch = ? ORDER BY id DESC LIMIT 1",
            (project, branch),
        ).fetchone()


def latest_per_branch():
    with _conn() as conn:
        return conn.execute(
            "SELECT b.* FROM builds b JOIN (SELECT MAX(id) AS id FROM builds "
            "GROUP BY project, branch) last ON last.id = b.id ORDER BY b.project, b.branch"
        ).fetchall()


def history(project, limit=30):
    with _conn() as conn:
        return conn.execute(
            "SELECT * FROM builds WHERE project = ? ORDER BY id DESC LIMIT ?",
            (project, limit),
        ).fetchall()
