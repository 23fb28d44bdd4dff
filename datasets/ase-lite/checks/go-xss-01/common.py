"""Forkful (go-xss-01): a fresh recipe database behind the pgx stand-in, the server, the tag page.

The repository ships no schema: the check creates the tables its store reads. The ``pgx``
driver is the runtime's stand-in (sandboxes/runtime/go/pgx): the store's SQL runs on SQLite.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_lib"))

import gocheck
from asecheck import App, Response

SCHEMA = """
CREATE TABLE users (id INTEGER PRIMARY KEY, display_name TEXT NOT NULL);
CREATE TABLE recipes (
    id INTEGER PRIMARY KEY, slug TEXT NOT NULL UNIQUE, title TEXT NOT NULL,
    author_id INTEGER NOT NULL REFERENCES users(id), total_minutes INTEGER NOT NULL,
    servings INTEGER NOT NULL, published_at TIMESTAMP
);
CREATE TABLE recipe_tags (recipe_id INTEGER NOT NULL REFERENCES recipes(id), tag TEXT NOT NULL);
CREATE TABLE ingredients (recipe_id INTEGER NOT NULL, position INTEGER NOT NULL, line TEXT NOT NULL);
CREATE TABLE steps (recipe_id INTEGER NOT NULL, position INTEGER NOT NULL, body TEXT NOT NULL);
"""

# (id, slug, title, minutes, servings, published_at, tags)
RECIPES = [
    (
        1,
        "lentil-soup",
        "Lentil soup",
        40,
        4,
        "2024-03-01 10:00:00",
        ["weeknight", "vegetarian", "one-pot"],
    ),
    (2, "fish-chips", "Fish & chips", 45, 2, "2024-03-02 10:00:00", ["weeknight", "grandma's"]),
    (3, "creme-brulee", "Crème brûlée", 60, 6, "2024-03-03 10:00:00", ["crème", "family dinner"]),
    (4, "draft-pie", "Apple pie (draft)", 90, 8, None, ["weeknight"]),
    (5, "bean-chili", "Bean chili", 50, 4, "2024-03-04 10:00:00", ["weeknight", "vegetarian"]),
]


def database() -> Path:
    """A fresh database with RECIPES (the draft one unpublished) by one author."""
    path = gocheck.scratch("db") / "forkful.sqlite"
    with sqlite3.connect(path) as db:
        db.executescript(SCHEMA)
        db.execute("INSERT INTO users (id, display_name) VALUES (1, 'Ada')")
        for rid, slug, title, minutes, servings, published, tags in RECIPES:
            db.execute(
                "INSERT INTO recipes VALUES (?, ?, ?, 1, ?, ?, ?)",
                (rid, slug, title, minutes, servings, published),
            )
            db.executemany("INSERT INTO recipe_tags VALUES (?, ?)", [(rid, t) for t in tags])
    return path


def start() -> App:
    """The server on a fresh database."""
    path = str(database())
    return gocheck.app(
        ["-addr", "127.0.0.1:{port}", "-dsn", path, "-site-name", "Forkful"],
        env={"ASE_PG_SQLITE": path},
    )


def tag_page(app: App, tag: str) -> Response:
    """GET /tags?tag=..."""
    return app.get("/tags", query={"tag": tag})
