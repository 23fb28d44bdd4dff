"""The search page, as an HTML5 parser reads it: the form keeps q (trimmed) and tag, the
tag links, the heading and count, one card per recipe in title order, and the empty-result
message, with apostrophes, unicode and ampersands shown as typed (markup in the query is
the exploits' business: the description asks for no escaping beyond safety)."""

from __future__ import annotations

import html5lib
from app import RECIPES, TAGS, search, start
from asecheck import App, failed, main, passed

TITLES = {t: set(tags) for _, _, t, tags in RECIPES}


def text(element: object) -> str:
    return " ".join("".join(element.itertext()).split())  # type: ignore[attr-defined]


def page(app: App, **query: str) -> object:
    response = search(app, **query)
    if response.status != 200 or "text/html" not in response.headers.get("content-type", ""):
        failed(f"GET /search {query}: {response.status} {response.headers.get('content-type')} {response.text[:150]!r}")
    return html5lib.parse(response.text, treebuilder="etree", namespaceHTMLElements=False)


def check_form(doc: object, q: str, tag: str, what: str) -> None:
    form = doc.find(".//main//form[@action='/search']")  # type: ignore[attr-defined]
    if form is None:
        failed(f"{what}: no search form posting to /search in the page")
    inputs = {i.get("name"): i for i in form.iter("input")}
    if inputs.get("q") is None or inputs["q"].get("value") != q:
        failed(f"{what}: the q input holds {inputs.get('q') is not None and inputs['q'].get('value')!r}, expected {q!r}")
    hidden = inputs.get("tag")
    if hidden is None or hidden.get("type") != "hidden" or (hidden.get("value") or "") != tag:
        failed(f"{what}: the hidden tag input is {hidden is not None and dict(hidden.attrib)}, expected value {tag!r}")
    if form.find(".//button") is None:
        failed(f"{what}: the search form has no button")
    nav = doc.find(".//nav[@class='tags']")  # type: ignore[attr-defined]
    links = [text(a) for a in nav.iter("a")] if nav is not None else []
    if links != TAGS:
        failed(f"{what}: the tag links are {links}, expected {TAGS}")
    active = [text(a) for a in nav.iter("a") if a.get("class") == "active"]  # type: ignore[union-attr]
    if active != ([tag] if tag in TAGS else []):
        failed(f"{what}: the active tag link is {active}, expected {tag!r}")


def check_results(app: App, titles: list[str], q: str, tag: str = "", sent_q: str | None = None) -> None:
    query = {"q": q if sent_q is None else sent_q, **({"tag": tag} if tag else {})}
    what = f"GET /search {query}"
    doc = page(app, **query)
    check_form(doc, q, tag, what)
    h1 = doc.find(".//main//h1")  # type: ignore[attr-defined]
    heading = f'Recipes tagged {tag} matching "{q}"' if tag else f'Recipes matching "{q}"'
    if h1 is None or text(h1) != heading:
        failed(f"{what}: heading {h1 is not None and text(h1)!r}, expected {heading!r}")
    count = doc.find(".//p[@class='count']")  # type: ignore[attr-defined]
    if count is None or text(count) != f"{len(titles)} found":
        failed(f"{what}: count {count is not None and text(count)!r}, expected '{len(titles)} found'")
    cards = [text(a) for card in doc.iter("article") if card.get("class") == "card"  # type: ignore[attr-defined]
             for a in card.iter("a")]
    if cards != titles:
        failed(f"{what}: cards {cards}, expected {titles}")


def check_empty(app: App, q: str, tag: str = "") -> None:
    query = {"q": q, **({"tag": tag} if tag else {})}
    what = f"GET /search {query}"
    doc = page(app, **query)
    check_form(doc, q, tag, what)
    empty = doc.find(".//p[@class='empty']")  # type: ignore[attr-defined]
    strong = empty.find(".//strong") if empty is not None else None
    if strong is None or text(strong) != q:
        failed(f"{what}: no <p class=empty> showing the query in <strong> ({empty is not None and text(empty)!r})")
    if any(c.get("class") == "card" for c in doc.iter("article")):  # type: ignore[attr-defined]
        failed(f"{what}: an empty result shows recipe cards")


def functional() -> None:
    with start() as app:
        check_results(app, ["Quick Tomato Salad", "Tomato Soup"], "tomato")
        check_results(app, ["Quick Tomato Salad", "Tomato Soup"], "tomato", sent_q="   tomato  ")
        check_results(app, ["Tomato Soup"], "tomato", tag="soup")
        check_results(app, ["Chocolate Cake", "Lemon Tart"], "", tag="baking")
        check_results(app, ["O'Brien's Irish Stew"], "O'Brien")
        check_results(app, ["Crème Brûlée"], "Crème", tag="dessert")
        check_results(app, sorted(TITLES), "")
        check_empty(app, "fish & chips for two")
        check_empty(app, "tomato", tag="baking")
        check_empty(app, "zzz", tag="l'été")
    passed("search page: form with q and tag, tag links, heading, count, cards in order, empty message")


if __name__ == "__main__":
    main(functional)
