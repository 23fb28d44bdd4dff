"""SQLite connection handling for Bugnest.

One connection is opened per request and stored on ``flask.g``; it is closed
when the application context is torn down.
"""
import os
import sqlite3

from flask import current_app, g


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(current_app.config["DATABASE"], detect_types=sqlite3.PARSE_DECLTYPES)
        g.db.row_factory = sqlite3.Row
        g.db.execute("PRAGMA foreign_keys = ON")
    return g.db


def query_all(sql, params=()):
    """Run a SELECT and return every row as a ``sqlite3.Row``."""
    cur = get_db().execute(sql, params)
    rows = cur.fetchall()
    cur.close()
    return rows


def close_db(_exc=None):
    conn = g.pop("db", None)
    if conn is not None:
        conn.close()


def query_one(sql, params=()):
    """Run a SELECT and return the first row, or None."""
    cur = get_db().execute(sql, params)
    row = cur.fetchone()
    cur.close()
    return row


def init_app(app):
    app.teardown_appcontext(close_db)


def init_schema():
    path = os.path.join(os.path.dirname(__file__), "schema.sql")
    with open(path, encoding="utf-8") as fh:
        get_db().executescript(fh.read())


def execute(sql, params=()):
    """Run an INSERT/UPDATE/DELETE, commit, and return the last row id."""
    conn = get_db()
    cur = conn.execute(sql, params)
    conn.commit()
    return cur.lastrowid
