"""Search results page: heading, cuisine filter and its link, empty result, result items, unicode and quotes.

Only ordinary text that the original (unescaped) page shows as typed: markup is the exploits' job.
"""

from __future__ import annotations

import urllib.parse

from common import MEMBERS, RECIPES, search, start

from asecheck import App, failed, main, passed
from java_servlet import elements, html_tree, text

AUTHORS = dict(MEMBERS)


def page(app: App, q: str, cuisine: str | None, ids: list[int], what: str) -> object:
    """The page for the search shows the heading, the filter when set, and exactly the recipes ``ids``."""
    reply = search(app, q, cuisine)
    if reply.status != 200:
        failed(f"{what}: status {reply.status}: {reply.text[:200]!r}")
    tree = html_tree(reply.text)
    heads = [text(h) for h in elements(tree, "h1")]
    if f'Recipes matching "{" ".join(q.split())}"' not in heads:
        failed(f"{what}: no heading 'Recipes matching \"{q}\"' among {heads}")
    filters = elements(tree, "p", "filter")
    if cuisine:
        if not filters or not text(filters[0]).startswith(f"Cuisine: {' '.join(cuisine.split())}"):
            failed(f"{what}: no 'Cuisine: {cuisine}' filter paragraph: {[text(f) for f in filters]}")
        links = [a for a in filters[0].iter("a") if text(a) == "show all cuisines"]
        href = urllib.parse.urlsplit(links[0].get("href", "")) if links else None
        if href is None or href.path != "/recipes/search" or urllib.parse.parse_qs(href.query) != {"q": [q]}:
            failed(f"{what}: the 'show all cuisines' link is wrong: {links[0].get('href') if links else None!r}")
    elif filters:
        failed(f"{what}: a filter paragraph without a cuisine")
    items = [li for ul in elements(tree, "ul", "results") for li in ul.iter("li")]
    if not ids:
        empty = elements(tree, "p", "empty")
        if items or not empty or text(empty[0]) != "No recipe found. Try fewer words.":
            failed(f"{what}: expected the 'No recipe found' paragraph and no results")
        return tree
    shown = []
    for li in items:
        link = next(li.iter("a"), None)
        meta = elements(li, "span", "meta")
        shown.append((link.get("href") if link is not None else None, text(link) if link is not None else None,
                      text(meta[0]) if meta else None))
    want = [(f"/recipes/{r[1]}", r[2], f"{r[3]} · {r[4]} min · by {AUTHORS[r[5]]}") for r in RECIPES if r[0] in ids]
    if sorted(shown, key=str) != sorted(want, key=str):
        failed(f"{what}: results {shown}, expected {want}")
    return tree


def step() -> None:
    with start() as app:
        page(app, "tomato", None, [1, 2, 3], "a word in titles and instructions")
        page(app, "tomato", "Italian", [1, 2], "a cuisine filter")
        page(app, "tomato", "Japanese", [], "a cuisine without results")
        page(app, "fish chips", None, [4], "two words")
        page(app, "fish chips", "British", [4], "two words and a filter (kept in the link back)")
        page(app, "crème brûlée", None, [5], "unicode")
        page(app, "stew", None, [6], "a title with quotes")
        page(app, "O'Brien's \"best\" soup & more", None, [], "quotes and an ampersand in the query")
        page(app, "O'Brien's soup", "Irish", [], "an apostrophe in the query (kept in the link back)")
        page(app, "zebra", None, [], "no match")
    passed("the results page shows the query, the filter with its link, the results or the empty message")


main(step)
