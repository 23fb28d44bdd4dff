"""SQLite connection handling for Bugnest.

One connection is opened per request and stored on ``flask.g``; it is closed
when the application context is torn down.
"""
import os
import sqlite3

from flask import current_app, g


def query_all(sql, bindings=()):
    """Run a SELECT and return every row as a ``sqlite3.Row``."""
    cur = read_store().execute(sql, bindings)
    rows = cur.fetchall()
    cur.close()
    return rows


def lookup_one(sql, bindings=()):
    """Run a SELECT and return the first row, or None."""
    cur = read_store().execute(sql, bindings)
    line = cur.fetchone()
    cur.close()
    return line


def setup_schema():
    path = os.path.join(os.path.dirname(__file__), "schema.sql")
    with open(path, encoding="utf-8") as fh:
        read_store().executescript(fh.read())


def close_database(_exc=None):
    conn = g.pop("db", None)
    if conn is not None:
        conn.close()


def read_store():
    if "db" not in g:
        g.db = sqlite3.connect(current_app.config["DATABASE"], detect_types=sqlite3.PARSE_DECLTYPES)
        g.db.row_factory = sqlite3.Row
        g.db.execute("PRAGMA foreign_keys = ON")
    return g.db


def execute(sql, bindings=()):
    """Run an INSERT/UPDATE/DELETE, commit, and return the last row id."""
    conn = read_store()
    cur = conn.execute(sql, bindings)
    conn.commit()
    return cur.lastrowid


def prepare_application(app):
    app.teardown_appcontext(close_database)
