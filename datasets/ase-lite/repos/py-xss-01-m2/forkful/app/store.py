"""SQLite access for recipes and ratings."""
import sqlite3

from flask import current_app, g


def search_recipes(term, cuisine=None, limit=8):
    """Recipes whose title or ingredients contain ``term``, best rated first."""
    sql = (
        "SELECT r.id, r.slug, r.title, r.cuisine, r.minutes, "
        "COALESCE(AVG(rt.stars), 0) AS stars "
        "FROM recipes r LEFT JOIN ratings rt ON rt.recipe_id = r.id "
        "WHERE (r.title LIKE ? OR r.ingredients LIKE ?)"
    )
    params = [f"%{term}%", f"%{term}%"]
    if cuisine:
        sql += " AND r.cuisine = ?"
        params.append(cuisine)
    sql += " GROUP BY r.id ORDER BY stars DESC, r.title LIMIT ?"
    params.append(limit)
    return db().execute(sql, params).fetchall()


def recipe_by_slug(slug):
    return db().execute("SELECT * FROM recipes WHERE slug = ?", (slug,)).fetchone()


def add_rating(recipe_id, member, stars):
    conn = db()
    conn.execute(
        "INSERT OR REPLACE INTO ratings (recipe_id, member, stars) VALUES (?, ?, ?)",
        (recipe_id, member, stars),
    )
    conn.commit()


def close(_exc=None):
    conn = g.pop("db", None)
    if conn is not None:
        conn.close()


def latest(limit=12):
    return db().execute(
        "SELECT id, slug, title, cuisine, minutes FROM recipes ORDER BY created_at DESC LIMIT ?",
        (limit,),
    ).fetchall()


def db():
    if "db" not in g:
        g.db = sqlite3.connect(current_app.config["DATABASE"])
        g.db.row_factory = sqlite3.Row
    return g.db
