"""go-xss-01 functional: the tag page shows the tag, its feed link, the count and the recipes."""

from __future__ import annotations

from typing import Any

import html
import urllib.parse

import html5lib
from common import start, tag_page

from asecheck import App, failed, main, passed


def text(element: Any) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def check_page(app: App, tag: str, shown: str, recipes: list[str]) -> None:
    response = tag_page(app, tag)
    if response.status != 200 or "text/html" not in response.headers.get("content-type", ""):
        failed(
            f"tag {tag!r}: status {response.status}, type {response.headers.get('content-type')}"
        )
    doc = html5lib.parse(response.text, treebuilder="etree", namespaceHTMLElements=False)
    title = text(doc.find(".//title"))
    # view.PageStart escapes the title itself; a tag escaped once more before it is an
    # over-escape (a cosmetic slip, never script), so both spellings are accepted there.
    if f"Tagged {shown}" not in title and f"Tagged {shown}" not in html.unescape(title):
        failed(f"tag {tag!r}: title {title!r}")
    h1 = next((h for h in doc.iter("h1") if "Recipes tagged" in text(h)), None)
    if h1 is None or text(h1) != f"Recipes tagged {shown}" or text(h1.find("em")) != shown:
        failed(f"tag {tag!r}: heading {text(h1)!r}")
    feed = next((p for p in doc.iter("p") if p.get("class") == "feed"), None)
    link = feed.find("a") if feed is not None else None
    if link is None or text(link) != f"Follow {shown} via RSS":
        failed(f"tag {tag!r}: feed paragraph {text(feed)!r}")
    href = link.get("href", "") if link is not None else ""
    url = urllib.parse.urlsplit(href)
    if url.path != "/tags/feed.xml" or urllib.parse.parse_qs(url.query).get("tag") != [shown]:
        failed(f"tag {tag!r}: feed link {href!r} does not carry the tag")
    paragraphs = {p.get("class"): text(p) for p in doc.iter("p")}
    listed = [text(a) for a in doc.iter("a") if a.get("href", "").startswith("/recipes/")]
    if not recipes:
        if (
            "Nobody has tagged a recipe" not in paragraphs.get("empty", "")
            or shown not in paragraphs["empty"]
        ):
            failed(f"tag {tag!r}: no 'empty' paragraph naming the tag: {paragraphs}")
        if listed:
            failed(f"tag {tag!r}: recipes listed for an unused tag: {listed}")
        return
    if paragraphs.get("count") != f"{len(recipes)} recipes":
        failed(
            f"tag {tag!r}: count paragraph {paragraphs.get('count')!r}, want {len(recipes)} recipes"
        )
    if listed != recipes:
        failed(f"tag {tag!r}: recipes {listed}, want {recipes}")


def run() -> None:
    with start() as app:
        check_page(app, "weeknight", "weeknight", ["Bean chili", "Fish & chips", "Lentil soup"])
        check_page(app, "  VegeTarian ", "vegetarian", ["Bean chili", "Lentil soup"])
        check_page(app, "grandma's", "grandma's", ["Fish & chips"])
        check_page(app, "Family Dinner", "family dinner", ["Crème brûlée"])
        check_page(app, "crème", "crème", ["Crème brûlée"])
        check_page(app, "nothing-here", "nothing-here", [])
    passed("tag pages show the tag, its RSS link, the count and the recipes")


if __name__ == "__main__":
    main(run)
