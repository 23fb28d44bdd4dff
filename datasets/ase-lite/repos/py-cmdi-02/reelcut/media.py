"""Catalogue of uploaded footage."""
import os
import re
import sqlite3
import uuid

from reelcut.config import DATABASE, MEDIA_DIR


def _conn():
    conn = sqlite3.connect(DATABASE)
    conn.row_factory = sqlite3.Row
    return conn


def slugify(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "clip"


def add_media(title, original_name, stored_name):
    media_id = uuid.uuid4().hex
    with _conn() as conn:
        conn.execute(
            "INSERT INTO media (id, title, slug, original_name, path) VALUES (?, ?, ?, ?, ?)",
            (media_id, title, slugify(title), original_name, os.path.join(MEDIA_DIR, stored_name)),
        )
    return media_id


def get_media(media_id):
    """The media row (id, title, slug, original_name, path) or None."""
    with _conn() as conn:
        return conn.execute("SELECT * FROM media WHERE id = ?", (media_id,)).fetchone()


def all_media():
    with _conn() as conn:
        return conn.execute("SELECT id, title, slug FROM media ORDER BY title").fetchall()
