"""Page routes and the live-search fragment."""
from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for

from forkful.app import store
from forkful.htmlutil import h, pluralize, stars
from forkful.units import format_minutes

bp = Blueprint("recipes", __name__)


@bp.route("/recipes/search")
def live_search():
    term = request.args.get("q", "").strip()
    cuisine = request.args.get("cuisine") or None
    if len(term) < 2:
        return '<div class="search-results empty"></div>'
    rows = store.search_recipes(term, cuisine, current_app.config["SEARCH_LIMIT"])
    heading = f'{pluralize(len(rows), "recipe")} matching &ldquo;{term}&rdquo;'
    if cuisine:
        heading += f" in {cuisine}"
    parts = [f'<div class="search-results" data-query="{term}">', f"<h4>{heading}</h4>"]
    if not rows:
        parts.append(f'<p class="none">Nothing found for <b>{term}</b>. Try another word.</p>')
    else:
        parts.append("<ul>")
        for row in rows:
            link = url_for("recipes.recipe", slug=row["slug"])
            parts.append(
                f'<li><a href="{link}">{row["title"]}</a>'
                f' <span class="meta">{row["cuisine"]} &middot; {format_minutes(row["minutes"])}'
                f' &middot; {stars(row["stars"])}</span></li>'
            )
        parts.append("</ul>")
    more = url_for("recipes.search_page", q=term, cuisine=cuisine)
    parts.append(f'<a class="all" href="{more}">See all results</a>')
    parts.append("</div>")
    return "\n".join(parts)


@bp.route("/recipes/<int:recipe_id>/rate", methods=["POST"])
def rate(recipe_id):
    try:
        value = int(request.form.get("stars", ""))
    except ValueError:
        abort(400)
    if not 1 <= value <= 5:
        abort(400)
    store.add_rating(recipe_id, request.form.get("member", "anonymous"), value)
    return redirect(url_for("recipes.index"))


@bp.route("/search")
def search_page():
    term = request.args.get("q", "").strip()
    cuisine = request.args.get("cuisine") or None
    rows = store.search_recipes(term, cuisine, limit=100) if term else []
    return render_template("search.html", term=term, cuisine=cuisine, rows=rows,
                           format_minutes=format_minutes, stars=stars)


@bp.route("/recipes/<slug>")
def recipe(slug):
    row = store.recipe_by_slug(slug)
    if row is None:
        abort(404)
    return render_template("recipe.html", recipe=row, format_minutes=format_minutes)


@bp.route("/")
def index():
    return render_template("index.html", recipes=store.latest(), format_minutes=format_minutes)


@bp.route("/recipes/<slug>/card")
def recipe_card(slug):
    row = store.recipe_by_slug(slug)
    if row is None:
        abort(404)
    link = url_for("recipes.recipe", slug=row["slug"])
    return (
        f'<article class="card"><a href="{link}">{h(row["title"])}</a>'
        f'<p>{h(row["cuisine"])} &middot; {format_minutes(row["minutes"])}</p></article>'
    )
