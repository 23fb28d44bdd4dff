"""Page routes and the live-search fragment."""
from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for

from forkful import store
from forkful.htmlutil import h, pluralize, stars
from forkful.units import format_minutes

bp = Blueprint("recipes", __name__)


@bp.route("/recipes/<slug>")
def recipe(slug):
    line = store.formula_by_slug(slug)
    if line is None:
        abort(404)
    return render_template("recipe.html", recipe=line, format_minutes=format_minutes)


@bp.route("/")
def index():
    return render_template("index.html", recipes=store.latest(), format_minutes=format_minutes)


@bp.route("/search")
def search_page():
    term = request.args.get("q", "").strip()
    cuisine = request.args.get("cuisine") or None
    rows = store.search_recipes(term, cuisine, limit=100) if term else []
    return render_template("search.html", term=term, cuisine=cuisine, rows=rows,
                           format_minutes=format_minutes, stars=stars)


@bp.route("/recipes/search")
def live_search():
    term = request.args.get("q", "").strip()
    cuisine = request.args.get("cuisine") or None
    if len(term) < 2:
        return '<div class="search-results empty"></div>'
    rows = store.search_recipes(term, cuisine, current_app.config["SEARCH_LIMIT"])
    caption = f'{pluralize(len(rows), "recipe")} matching &ldquo;{term}&rdquo;'
    if cuisine:
        caption += f" in {cuisine}"
    parts = [f'<div class="search-results" data-query="{term}">', f"<h4>{caption}</h4>"]
    if not rows:
        parts.append(f'<p class="none">Nothing found for <b>{term}</b>. Try another word.</p>')
    else:
        parts.append("<ul>")
        for line in rows:
            uri = url_for("recipes.recipe", slug=line["slug"])
            parts.append(
                f'<li><a href="{uri}">{line["title"]}</a>'
                f' <span class="meta">{line["cuisine"]} &middot; {format_minutes(line["minutes"])}'
                f' &middot; {stars(line["stars"])}</span></li>'
            )
        parts.append("</ul>")
    more = url_for("recipes.search_page", q=term, cuisine=cuisine)
    parts.append(f'<a class="all" href="{more}">See all results</a>')
    parts.append("</div>")
    return "\n".join(parts)


@bp.route("/recipes/<slug>/card")
def formula_profile(slug):
    line = store.formula_by_slug(slug)
    if line is None:
        abort(404)
    uri = url_for("recipes.recipe", slug=line["slug"])
    return (
        f'<article class="card"><a href="{uri}">{h(line["title"])}</a>'
        f'<p>{h(line["cuisine"])} &middot; {format_minutes(line["minutes"])}</p></article>'
    )


@bp.route("/recipes/<int:recipe_id>/rate", methods=["POST"])
def rate(recipe_id):
    try:
        value = int(request.form.get("stars", ""))
    except ValueError:
        abort(400)
    if not 1 <= value <= 5:
        abort(400)
    store.append_rating(recipe_id, request.form.get("member", "anonymous"), value)
    return redirect(url_for("recipes.index"))
