"""Forkful started on a fresh database of known recipes and ratings.

The repository ships no schema file: the tables below are the ones its queries use.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_lib"))

from asecheck import App  # noqa: E402
from python_flask import flask_app, sqlite_db, state_dir  # noqa: E402

SCHEMA = """
CREATE TABLE recipes (
    id INTEGER PRIMARY KEY, slug TEXT NOT NULL UNIQUE, title TEXT NOT NULL, cuisine TEXT NOT NULL,
    minutes INTEGER, ingredients TEXT NOT NULL DEFAULT '', steps TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE ratings (recipe_id INTEGER NOT NULL, member TEXT NOT NULL, stars INTEGER NOT NULL,
    PRIMARY KEY (recipe_id, member));
"""
# id, slug, title, cuisine, minutes, ingredients, ratings
RECIPES = [
    (1, "shakshuka", "Shakshuka", "Middle Eastern", 35, "eggs, tomatoes, peppers", [4, 4]),
    (2, "tomato-soup", "Tomato Soup", "French", 45, "tomatoes, onion", [3]),
    (3, "pasta-al-pomodoro", "Pasta al Pomodoro", "Italian", 25, "pasta, tomatoes, basil", [5, 5]),
    (4, "coq-au-vin", "Coq au Vin", "French", 150, "chicken, wine", [4]),
    (5, "moms-apple-pie", "Mom's Apple Pie", "American", 90, "apples, flour, fish & chips <3", [2]),
    (6, "creme-brulee", "Crème brûlée", "French", 60, "cream, eggs, sugar", [5]),
    (7, "tarte-a-la-tomate", "Tarte à la tomate", "French", 50, "tomatoes, pastry", []),
]


def start(extra: list[tuple[int, str, str, str, int, str, list[int]]] = ()) -> App:  # type: ignore[assignment]
    """The app on a new database holding RECIPES and ``extra`` recipes."""
    state = state_dir("forkful")
    every = [*RECIPES, *extra]
    recipes = [dict(id=i, slug=s, title=t, cuisine=c, minutes=m, ingredients=g, steps="cook",
                    created_at=f"2024-05-{i:02d} 12:00:00") for i, s, t, c, m, g, _ in every]
    ratings = [dict(recipe_id=i, member=f"member{n}", stars=v) for i, *_, votes in every
               for n, v in enumerate(votes)]
    sqlite_db(state / "forkful.db", SCHEMA, {"recipes": recipes, "ratings": ratings})
    return flask_app({"FORKFUL_DB": str(state / "forkful.db"), "FORKFUL_SEARCH_LIMIT": "5"})
