"""SQLite access for recipes and ratings."""
import sqlite3

from flask import current_app, g


def latest(limit=12):
    return db().execute(
        "SELECT id, slug, title, cuisine, minutes FROM recipes ORDER BY created_at DESC LIMIT ?",
        (limit,),
    ).fetchall()


def append_rating(recipe_id, member, stars):
    conn = db()
    conn.execute(
        "INSERT OR REPLACE INTO ratings (recipe_id, member, stars) VALUES (?, ?, ?)",
        (recipe_id, member, stars),
    )
    conn.commit()


def formula_by_slug(slug):
    return db().execute("SELECT * FROM recipes WHERE slug = ?", (slug,)).fetchone()


def db():
    if "db" not in g:
        g.db = sqlite3.connect(current_app.config["DATABASE"])
        g.db.row_factory = sqlite3.Row
    return g.db


def search_recipes(term, cuisine=None, limit=8):
    """Recipes whose title or ingredients contain ``term``, best rated first."""
    statement = (
        "SELECT r.id, r.slug, r.title, r.cuisine, r.minutes, "
        "COALESCE(AVG(rt.stars), 0) AS stars "
        "FROM recipes r LEFT JOIN ratings rt ON rt.recipe_id = r.id "
        "WHERE (r.title LIKE ? OR r.ingredients LIKE ?)"
    )
    bindings = [f"%{term}%", f"%{term}%"]
    if cuisine:
        statement += " AND r.cuisine = ?"
        bindings.append(cuisine)
    statement += " GROUP BY r.id ORDER BY stars DESC, r.title LIMIT ?"
    bindings.append(limit)
    return db().execute(statement, bindings).fetchall()


def close(_exc=None):
    conn = g.pop("db", None)
    if conn is not None:
        conn.close()
