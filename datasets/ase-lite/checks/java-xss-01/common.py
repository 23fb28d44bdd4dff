"""Pantry on a fresh database (SQLite behind the jdbc:postgresql URL, full-text search emulated)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_lib"))

from asecheck import App, Response
from java_servlet import java_app, sqlite_db, workdir

SCHEMA = """
CREATE TABLE members (id INTEGER PRIMARY KEY, display_name VARCHAR(80) NOT NULL);
CREATE TABLE recipes (
    id INTEGER PRIMARY KEY, slug VARCHAR(120) NOT NULL UNIQUE, title VARCHAR(200) NOT NULL,
    cuisine VARCHAR(60) NOT NULL, minutes INTEGER NOT NULL, author_id INTEGER NOT NULL REFERENCES members(id),
    instructions TEXT NOT NULL, search_vector TEXT NOT NULL
);
"""
MEMBERS = [(1, "Ada Lovelace"), (2, "Seán O'Brien"), (3, "Zoë & Co")]
# id, slug, title, cuisine, minutes, author, instructions
RECIPES = [
    (1, "tomato-basil-soup", "Tomato basil soup", "Italian", 35, 1, "Simmer the tomatoes with basil."),
    (2, "bruschetta", "Bruschetta", "Italian", 15, 2, "Toast bread, top with tomato and garlic."),
    (3, "gazpacho", "Gazpacho", "Spanish", 20, 3, "Blend tomato, cucumber and pepper; serve cold."),
    (4, "fish-and-chips", "Fish & Chips", "British", 45, 2, "Fry the fish in batter, the chips twice."),
    (5, "creme-brulee", "Crème brûlée", "French", 60, 3, "Bake the custard, burn the sugar."),
    (6, "o-briens-stew", "O'Brien's \"famous\" Irish stew", "Irish", 120, 2, "Stew lamb with potatoes."),
]


def start(extra_members: Sequence[tuple[object, ...]] = (), extra_recipes: Sequence[tuple[object, ...]] = ()) -> App:
    """Pantry with its recipes (plus the check's own); the search vector holds title and instructions."""
    root = workdir("pantry")
    rows = [(*r, f"{r[2]} {r[6]}") for r in [*RECIPES, *extra_recipes]]
    db = sqlite_db(root / "pantry.db", SCHEMA, {"members": [*MEMBERS, *extra_members], "recipes": rows})
    return java_app({"PANTRY_DB_URL": "jdbc:postgresql://localhost/pantry"}, db=db, cwd=root)


def search(app: App, q: str | None, cuisine: str | None = None) -> Response:
    query = [(k, v) for k, v in (("q", q), ("cuisine", cuisine)) if v is not None]
    return app.get("/recipes/search", query=query)
