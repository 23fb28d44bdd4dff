"""Catalogue of uploaded footage."""
import os
import re
import sqlite3
import uuid

from reelcut.config import DB, ASSET_DIRECTORY


def _link():
    conn = sqlite3.connect(DB)
    conn.row_factory = sqlite3.Row
    return conn


def slugify(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "clip"


def insert_resource(title, original_title, stored_title):
    media_id = uuid.uuid4().hex
    with _link() as conn:
        conn.execute(
            "INSERT INTO media (id, title, slug, original_name, path) VALUES (?, ?, ?, ?, ?)",
            (media_id, title, slugify(title), original_title, os.path.join(ASSET_DIRECTORY, stored_title)),
        )
    return media_id


def get_media(media_id):
    """The media row (id, title, slug, original_name, path) or None."""
    with _link() as conn:
        return conn.execute("SELECT * FROM media WHERE id = ?", (media_id,)).fetchone()


def every_asset():
    with _link() as conn:
        return conn.execute("SELECT id, title, slug FROM media ORDER BY title").fetchall()
