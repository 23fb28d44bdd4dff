"""panfolio under test: recipes, ingredients and tags in a fresh database (sqlite3 stand-in)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_lib"))

from asecheck import App, Response
from javascript import node_app, sqlite_db, state_dir

SCHEMA = """
CREATE TABLE recipes (id INTEGER PRIMARY KEY, slug TEXT UNIQUE NOT NULL, title TEXT NOT NULL, summary TEXT,
  minutes INTEGER, servings INTEGER, steps TEXT, created_at TEXT NOT NULL);
CREATE TABLE ingredients (id INTEGER PRIMARY KEY, recipe_id INTEGER NOT NULL, position INTEGER NOT NULL,
  quantity TEXT, unit TEXT, name TEXT NOT NULL);
CREATE TABLE recipe_tags (recipe_id INTEGER NOT NULL, tag TEXT NOT NULL, PRIMARY KEY (recipe_id, tag));
"""
# id, slug, title, tags
RECIPES = [
    (1, "tomato-soup", "Tomato Soup", ("soup", "vegetarian", "quick")),
    (2, "chocolate-cake", "Chocolate Cake", ("baking", "dessert")),
    (3, "irish-stew", "O'Brien's Irish Stew", ("soup",)),
    (4, "creme-brulee", "Crème Brûlée", ("dessert",)),
    (5, "tomato-salad", "Quick Tomato Salad", ("vegetarian", "quick")),
    (6, "lemon-tart", "Lemon Tart", ("baking", "dessert")),
]
TAGS = ["vegetarian", "quick", "baking", "soup", "dessert"]


def start(planted: Sequence[str] = ()) -> App:
    """The app (not started) on a fresh database, PANFOLIO_DB pointing at it. Each of
    ``planted`` becomes one more recipe whose title and only tag are that text."""
    state = state_dir("panfolio")
    every = [*RECIPES, *((100 + n, f"planted-{n}", text, (text,)) for n, text in enumerate(planted))]
    recipes = [{"id": i, "slug": s, "title": t, "summary": f"A family {t.lower()}.", "minutes": 10 * i,
                "servings": 2 + i % 3, "steps": "Prepare.\nCook.",
                "created_at": f"2024-05-0{i} 12:00:00" if i < 10 else "2024-04-01 12:00:00"}
               for i, s, t, _ in every]
    tags = [{"recipe_id": i, "tag": tag} for i, _, _, ts in every for tag in ts]
    ingredients = [{"recipe_id": i, "position": 1, "quantity": "1", "unit": "cup", "name": "water"} for i, *_ in RECIPES]
    sqlite_db(state / "panfolio.db", SCHEMA, {"recipes": recipes, "recipe_tags": tags, "ingredients": ingredients})
    return node_app({"PANFOLIO_DB": str(state / "panfolio.db")})


def search(app: App, **query: str) -> Response:
    return app.get("/search", query=query)
