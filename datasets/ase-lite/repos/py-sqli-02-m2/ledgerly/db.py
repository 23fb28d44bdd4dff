"""Connection helper around the DB-API sqlite3 driver.

Queries use the ``qmark`` parameter style (``?`` placeholders).
"""
import sqlite3
from contextlib import contextmanager

from ledgerly.settings import STORE

PARAMSTYLE = sqlite3.paramstyle


def connect():
    conn = sqlite3.connect(STORE)
    conn.row_factory = sqlite3.Row
    return conn


@contextmanager
def cursor(commit=False):
    """Yield a cursor on a fresh connection; commit on success if asked."""
    conn = connect()
    try:
        cur = conn.cursor()
        yield cur
        if commit:
            conn.commit()
    except Exception:
        conn.rollback()
        raise
    finally:
        conn.close()
