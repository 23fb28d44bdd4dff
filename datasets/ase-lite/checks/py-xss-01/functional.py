"""The live-search fragment: heading, result list with links and meta, empty and short terms."""

from __future__ import annotations

import urllib.parse

from common import start

from asecheck import App, failed, main, passed
from python_flask import elements, parse_html, text_of

# term, cuisine -> (titles in order, slugs, metas)
TOMATO = ["Pasta al Pomodoro", "Shakshuka", "Tomato Soup", "Tarte à la tomate"]
TOMATO_META = ["Italian · 25 min · ★★★★★", "Middle Eastern · 35 min · ★★★★☆",
               "French · 45 min · ★★★☆☆", "French · 50 min · ☆☆☆☆☆"]


def fragment(app: App, **query: str):  # type: ignore[no-untyped-def]
    response = app.get("/recipes/search", query=query)
    if response.status != 200:
        failed(f"live search {query}: status {response.status}, {response.text[:200]!r}")
    return parse_html(response.text)


def results(app: App, what: str, query: dict[str, str], titles: list[str], heading: str):  # type: ignore[no-untyped-def]
    """The fragment for ``query`` lists ``titles`` in order under ``heading``."""
    root = fragment(app, **query)
    boxes = elements(root, "div", "search-results")
    if not boxes:
        failed(f"{what}: no <div class=\"search-results\"> in the fragment")
    box = boxes[0]
    if box.get("data-query") != query["q"].strip():
        failed(f"{what}: data-query is {box.get('data-query')!r}, expected {query['q'].strip()!r}")
    got_heading = text_of(next(iter(elements(box, "h4")), None))
    if got_heading != heading:
        failed(f"{what}: heading {got_heading!r}, expected {heading!r}")
    items = elements(box, "li")
    got = [text_of(next(iter(elements(li, "a")), None)) for li in items]
    if got != titles:
        failed(f"{what}: listed {got}, expected {titles}")
    more = [a for a in elements(box, "a", "all") if text_of(a) == "See all results"]
    if not more:
        failed(f"{what}: no <a class=\"all\">See all results</a>")
    link = urllib.parse.urlsplit(more[0].get("href", ""))
    params = urllib.parse.parse_qs(link.query)
    want = {"q": [query["q"].strip()], **({"cuisine": [query["cuisine"]]} if query.get("cuisine") else {})}
    if link.path != "/search" or params != want:
        failed(f"{what}: 'See all results' points to {more[0].get('href')!r}, expected /search with {want}")
    return box, items


def step() -> None:
    with start() as app:
        for term in ("", "a", "  t  "):
            root = fragment(app, q=term)
            empty = elements(root, "div", "empty")
            if not empty or "search-results" not in empty[0].get("class", "") or text_of(empty[0]) or elements(root, "li"):
                failed(f"the short term {term!r} does not give the empty search-results div")
        _, items = results(app, "'tomato'", {"q": "tomato"}, TOMATO, "4 recipes matching “tomato”")
        metas = [text_of(next(iter(elements(li, "span", "meta")), None)) for li in items]
        if metas != TOMATO_META:
            failed(f"'tomato': meta lines {metas}, expected {TOMATO_META}")
        hrefs = [urllib.parse.unquote(elements(li, "a")[0].get("href", "")) for li in items]
        if hrefs != ["/recipes/pasta-al-pomodoro", "/recipes/shakshuka", "/recipes/tomato-soup", "/recipes/tarte-a-la-tomate"]:
            failed(f"'tomato': links {hrefs}")
        _, items = results(app, "'tomato' in French", {"q": " tomato ", "cuisine": "French"},
                           ["Tomato Soup", "Tarte à la tomate"], "2 recipes matching “tomato” in French")
        results(app, "an apostrophe", {"q": "Mom's"}, ["Mom's Apple Pie"], "1 recipe matching “Mom's”")
        _, items = results(app, "a unicode term", {"q": "brûlée"}, ["Crème brûlée"], "1 recipe matching “brûlée”")
        meta = text_of(elements(items[0], "span", "meta")[0])
        if meta != "French · 1 h · ★★★★★":
            failed(f"'brûlée': meta {meta!r}")
        _, items = results(app, "hours and minutes", {"q": "chicken"}, ["Coq au Vin"], "1 recipe matching “chicken”")
        if text_of(elements(items[0], "span", "meta")[0]) != "French · 2 h 30 min · ★★★★☆":
            failed(f"'chicken': meta {text_of(elements(items[0], 'span', 'meta')[0])!r}")
        results(app, "markup-like characters shown as text", {"q": "fish & chips <3"}, ["Mom's Apple Pie"],
                "1 recipe matching “fish & chips <3”")
        box, _ = results(app, "no match", {"q": "zzz"}, [], "0 recipes matching “zzz”")
        none = elements(box, "p", "none")
        if not none or "Nothing found for zzz" not in text_of(none[0]) or text_of(next(iter(elements(none[0], "b")), None)) != "zzz":
            failed("'zzz': no <p class=\"none\"> saying nothing was found for <b>zzz</b>")
        results(app, "the search limit", {"q": "s,"}, ["Crème brûlée", "Pasta al Pomodoro", "Shakshuka",
                                                        "Tomato Soup", "Mom's Apple Pie"], "5 recipes matching “s,”")
    passed("the live search lists matches with links, meta and a 'See all results' link; short terms give the empty div")


if __name__ == "__main__":
    main(step)
