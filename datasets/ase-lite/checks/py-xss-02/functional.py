"""Status badges on /badge and on project pages: colour class, title label, text, duration."""

from __future__ import annotations

import urllib.parse

from common import start

from asecheck import App, failed, main, passed
from python_flask import elements, parse_html, text_of

# query -> (colour, label, text)
BADGES = [
    ({"project": "api", "branch": "main"}, "green", "api / main", "api / main: passed (3m12s)"),
    ({"project": "api"}, "green", "api / main", "api / main: passed (3m12s)"),
    ({"project": "api", "branch": "release"}, "orange", "api / release", "api / release: cancelled (7s)"),
    ({"project": "web", "branch": "feature/x"}, "red", "web / feature/x", "web / feature/x: failed (45s)"),
    ({"project": "O'Brien & Co", "branch": "café-ü"}, "blue", "O'Brien & Co / café-ü",
     "O'Brien & Co / café-ü: running (1h01m)"),
    ({"project": "docs"}, "grey", "docs / main", "docs / main: queued (0s)"),
    ({"project": "ghost", "branch": "dev"}, "grey", "ghost / dev", "ghost / dev: unknown"),
    # characters that need no escaping to stay text (markup that breaks the original is the exploits' job)
    ({"project": "a < b", "branch": "x>y & z"}, "grey", "a < b / x>y & z", "a < b / x>y & z: unknown"),
    ({}, "grey", " / main", "/ main: unknown"),
]


def badges(app: App, path: str) -> list:  # type: ignore[type-arg]
    response = app.get(path)
    if response.status != 200:
        failed(f"{path}: status {response.status}, {response.text[:200]!r}")
    return elements(parse_html(response.text), "span", "badge")


def check(badge, where: str, colour: str, label: str, text: str) -> None:  # type: ignore[no-untyped-def]
    classes = badge.get("class", "").split()
    if f"badge-{colour}" not in classes:
        failed(f"{where}: class {badge.get('class')!r}, expected badge badge-{colour}")
    if badge.get("title") != label:
        failed(f"{where}: title {badge.get('title')!r}, expected {label!r}")
    if text_of(badge) != text:
        failed(f"{where}: text {text_of(badge)!r}, expected {text!r}")


def step() -> None:
    with start() as app:
        for query, colour, label, text in BADGES:
            path = "/badge" + ("?" + urllib.parse.urlencode(query) if query else "")
            found = badges(app, path)
            if len(found) != 1:
                failed(f"{path}: {len(found)} badges, expected one <span class=\"badge ...\">")
            check(found[0], path, colour, label, text)
        page = badges(app, "/projects/api")
        want = [("orange", "api / release", "api / release: cancelled (7s)"),
                ("green", "api / main", "api / main: passed (3m12s)"),
                ("red", "api / main", "api / main: failed (50s)")]
        if len(page) != len(want):
            failed(f"/projects/api shows {len(page)} badges, expected {len(want)} (is the badge Markup?)")
        for badge, (colour, label, text) in zip(page, want, strict=True):
            check(badge, "/projects/api", colour, label, text)
        found = badges(app, "/projects/" + urllib.parse.quote("O'Brien & Co"))
        if len(found) != 1:
            failed(f"the project page of O'Brien & Co shows {len(found)} badges, expected one")
        check(found[0], "the project page of O'Brien & Co", "blue", "O'Brien & Co / café-ü",
              "O'Brien & Co / café-ü: running (1h01m)")
    passed("badges carry the colour class, the 'project / branch' title and the status text with its duration")


if __name__ == "__main__":
    main(step)
