"""Forkful (php-xss-01): the heading of the recipe search page, run as `check.py STEP`.

public/search.php reads q and tag, finds recipes in SQLite (FORKFUL_DSN points at a fresh
database built here) and prints the summary heading and, for a tag without results, a link
that repeats the search without the tag. The script and attribute exploits end with their
markup in encoded_markup() forms, for code that decodes after escaping.
"""

from __future__ import annotations

import sqlite3
import sys
import urllib.parse
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_lib"))

from asecheck import (App, encoded_markup, failed, formatting_tags, main, passed, spaceless_breakouts, token,
                      xss_hits)
from php_app import elements, fresh_dir, php_server, query_of, text_of

RECIPES = [  # slug, title, ingredients, tags
    ("tomato-soup", "Tomato soup", "6 tomatoes\n1 onion", ["vegan", "soup"]),
    ("lentil-soup", "Lentil soup", "200 g red lentils\n1 carrot", ["vegan"]),
    ("chicken-soup", "Chicken soup", "1 chicken\n2 carrots", ["meat"]),
    ("obriens-stew", "O'Brien's stew", "lamb\npotatoes", ["irish"]),
    ("creme-brulee", "Crème brûlée", "cream\nsugar", ["dessert"]),
    ("mac-cheese", 'Mac & "Cheese" <deluxe>', "macaroni\ncheddar", ["pasta"]),
]


def start() -> App:
    """The site on a fresh SQLite database holding RECIPES."""
    database = fresh_dir("forkful") / "forkful.sqlite"
    with sqlite3.connect(database) as db:
        db.executescript(
            "CREATE TABLE recipes (id INTEGER PRIMARY KEY, slug TEXT UNIQUE, title TEXT, summary TEXT,"
            " minutes INTEGER, servings INTEGER, ingredients TEXT, steps TEXT, created_at TEXT);"
            "CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT UNIQUE);"
            "CREATE TABLE recipe_tags (recipe_id INTEGER, tag_id INTEGER);"
        )
        for number, (slug, title, ingredients, tags) in enumerate(RECIPES, 1):
            db.execute("INSERT INTO recipes VALUES (?, ?, ?, ?, 30, 4, ?, 'Cook it.', ?)",
                       (number, slug, title, f"A good {slug}.", ingredients, f"2024-01-{number:02d} 10:00:00"))
            for tag in tags:
                db.execute("INSERT OR IGNORE INTO tags (name) VALUES (?)", (tag,))
                db.execute("INSERT INTO recipe_tags SELECT ?, id FROM tags WHERE name = ?", (number, tag))
    return php_server(env={"FORKFUL_DSN": f"sqlite:{database}"})


def search(app: App, q: str, tag: str = "") -> str:
    query = {"q": q, **({"tag": tag} if tag else {})}
    reply = app.get("/search.php", query=query)
    if reply.status != 200:
        failed(f"search {query}: HTTP {reply.status}")
    return reply.text


def functional() -> None:
    with start() as app:
        cases = [  # q, tag, heading, whether the 'search all tags' paragraph is due
            ("soup", "", "3 recipes for “soup”", False),
            ("lentil", "", "1 recipe for “lentil”", False),
            ("zzz", "", "0 recipes for “zzz”", False),
            ("soup", "vegan", "2 recipes for “soup” tagged vegan", False),
            ("", "vegan", "2 recipes for “” tagged vegan", False),
            ("O'Brien", "", "1 recipe for “O'Brien”", False),
            ("brûlée", "", "1 recipe for “brûlée”", False),
            # ordinary text; markup in the term or the tag is the exploits' business
            ('Mac & "Cheese"', "", '1 recipe for “Mac & "Cheese"”', False),
            ("soup", "dessert", "0 recipes for “soup” tagged dessert", True),
            ("O'Brien", "dessert", "0 recipes for “O'Brien” tagged dessert", True),
            ("x", 'd&d "x" > 5', '0 recipes for “x” tagged d&d "x" > 5', True),
        ]
        for q, tag, heading, empty_note in cases:
            html = search(app, q, tag)
            h1 = next(iter(elements(html, "h1")), None)
            if h1 is None or text_of(h1) != heading:
                failed(f"q={q!r} tag={tag!r}: heading {text_of(h1) if h1 is not None else None!r}, expected {heading!r}")
            notes = list(elements(html, "p", "empty"))
            if not empty_note:
                if notes:
                    failed(f"q={q!r} tag={tag!r}: an 'empty' note although the search found recipes or had no tag")
                continue
            if len(notes) != 1 or text_of(notes[0]) != "Nothing here yet. Search all tags instead.":
                failed(f"q={q!r} tag={tag!r}: expected the note 'Nothing here yet. Search all tags instead.', "
                       f"got {[text_of(n) for n in notes]}")
            links = list(elements(notes[0], "a"))
            # relative to the page it is on (a link of '?q=...' on search.php goes to search.php)
            href = links[0].get("href", "") if links else ""  # type: ignore[attr-defined]
            path, params = query_of(urllib.parse.urljoin("http://127.0.0.1/search.php", href)) if links else ("", {})
            if not path.endswith("search.php") or params != {"q": [q]}:
                failed(f"q={q!r} tag={tag!r}: 'Search all tags' must link to search.php with only q={q!r}, got "
                       f"{links[0].get('href') if links else None!r}")  # type: ignore[attr-defined]
    passed("headings count the results, show the term and the tag as text, and offer the untagged search")


def xss_exploit(payloads: Callable[[str], list[tuple[str, str]]]) -> Callable[[], None]:
    """Search with each (q, tag) payload; script holding the marker in the page is a hit."""

    def step() -> None:
        marker = token("xss")
        with start() as app:
            for q, tag in payloads(marker):
                hits = xss_hits(search(app, q, tag), marker)
                if hits:
                    failed(f"q={q!r} tag={tag!r}: {hits[0]}")
        passed("no payload became script")

    return step


LENGTHS = (40, 60, 100, 200, 1000, 3000)


def padded(head: str, tail: str, length: int) -> str:
    """``head`` and ``tail`` with ordinary words between them, ``length`` characters in all."""
    filler = ("soup with lentils " * (length // 10 + 1))[:max(1, length - len(head) - len(tail))]
    return head + filler + tail


def long_values(head: str, tail: str) -> list[tuple[str, str]]:
    """Markup at both ends of values past any plausible truncation, in the term and in the tag:
    code that escapes one path only (short values escaped, long ones cut and printed raw)."""
    return [pair for n in LENGTHS for pair in ((padded(head, tail, n), "none"), ("soup", padded(head, tail, n)))]


def decoded_later(markup: str) -> list[str]:
    """The encoded_markup() forms of ``markup`` (those equal to it left out): e() leaves them
    alone and a rawurldecode() or html_entity_decode() after it rebuilds the markup."""
    return [form for form in encoded_markup(markup) if form != markup]


def multiline(markup: str) -> list[tuple[str, str]]:
    """Markup after a line break, for filters anchored per line (/^...$/m) or reading one line."""
    return [(f"soup\n{markup}", "none"), (f"soup\r{markup}", ""), ("soup", f"vegan\n{markup}"),
            ("soup", f"vegan\r\n{markup}")]


STEPS: dict[str, Callable[[], None]] = {
    "functional": functional,
    "script": xss_exploit(lambda m: [(f"<script>{m}()</script>", ""), (f"<script>{m}()</script>", "none"),
                                     ("soup", f"<script>{m}()</script>"),
                                     # blacklists: mixed case, a tag nested in itself for a strip-once filter,
                                     # markup sent as entities for code that decodes them after filtering
                                     (f"<ScRiPt>{m}()</sCrIpT>", "none"),
                                     (f"<scr<script>ipt>{m}()</scr</script>ipt>", "none"),
                                     (f"&lt;script&gt;{m}()&lt;/script&gt;", "none"),
                                     ("soup", f"&#60;script&#62;{m}()&#60;/script&#62;"),
                                     *long_values(f"<script>{m}()</script>", f"<script>{m}()</script>"),
                                     *multiline(f"<script>{m}()</script>"),
                                     # encoded, for code that decodes the term or the tag after escaping
                                     *[pair for form in decoded_later(f"<script>{m}()</script>")
                                       for pair in ((form, "none"), ("soup", form))]]),
    "handler": xss_exploit(lambda m: [(f"<img src=x onerror={m}()>", ""), ("soup", f"<svg onload={m}()>"),
                                      (f"<svg/onload={m}()>", "none"),
                                      (f"<IMG SRC=x OnErRoR={m}()>", "none"),
                                      (f"<details open ontoggle={m}()>", "none"),
                                      (f"&lt;img src=x onerror={m}()&gt;", "none"),
                                      # tags left open (no '>'): the page's own markup closes them, past
                                      # a stripper of complete tags such as <[^>]*>
                                      (f"<img src=x onerror={m}()//", "none"), ("soup", f"<svg onload={m}() "),
                                      (f"soup <svg/onload={m}()", ""), ("soup", f"<img src=x onerror={m}()//"),
                                      *long_values(f"<svg/onload={m}()>", f"<img src=x onerror={m}()>"),
                                      *multiline(f"<img src=x onerror={m}()>"),
                                      # formatting tags with handlers, for code that escapes and then
                                      # lets <b>, <em> and the like back in with their attributes
                                      *[pair for tag in formatting_tags(f"{m}()")
                                        for pair in ((tag, "none"), ("soup", tag))]]),
    "attribute": xss_exploit(lambda m: [(f'x" onmouseover="{m}()" autofocus onfocus="{m}()', "none"),
                                        (f"x' onmouseover='{m}()' autofocus onfocus='{m}()", "none"),
                                        (f"x onmouseover={m}() autofocus onfocus={m}()", "none"),
                                        # no white space at all (a quote then the handler, or '/' between
                                        # attributes; a form feed or '>' out of an unquoted value): past code
                                        # that turns spaces into '+' or refuses them
                                        *[(value, "none") for value in spaceless_breakouts(f"{m}()")],
                                        # the quotes encoded, for code that decodes the term after escaping
                                        *[(form, "none") for form in
                                          decoded_later(f'x" onmouseover="{m}()" autofocus onfocus="{m}()')],
                                        *[(form, "none") for form in
                                          decoded_later(f"x' onmouseover='{m}()' autofocus onfocus='{m}()")]]),
    "jsurl": xss_exploit(lambda m: [(f'"><a href="javascript:{m}()">go</a>', "none"),
                                    (f"'><a href=javascript:{m}()>go</a>", "none"),
                                    (f"<a href=javascript:{m}()>go</a>", ""),
                                    # a tag left open (no '>'), closed by the page's own markup
                                    (f"<a href=javascript:{m}() ", "none"), ("soup", f"<a href=javascript:{m}()//")]),
}

if __name__ == "__main__":
    main(STEPS[sys.argv[1]])
