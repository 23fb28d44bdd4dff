"""The XSS exploits of go-xss-01 share one loop: send each payload as the tag, parse the page."""

from __future__ import annotations

from collections.abc import Sequence

from common import start, tag_page

from asecheck import failed, passed, token, xss_hits


def attack(shapes: Sequence[str], what: str) -> None:
    """Exploited when any shape (``{m}`` = a fresh marker) turns into script on the tag page."""
    with start() as app:
        for shape in shapes:
            marker = token("xss")
            payload = shape.format(m=marker)
            response = tag_page(app, payload)
            hits = xss_hits(response.text, marker)
            if hits:
                failed(f"tag {payload!r} -> {hits[0]}")
    passed(f"no {what} got into the tag page")
