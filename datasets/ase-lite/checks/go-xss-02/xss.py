"""The reflected XSS exploits of go-xss-02 share one loop: payloads in ``q`` and ``branch``."""

from __future__ import annotations

from collections.abc import Sequence

from common import dashboard, post_build, start

from asecheck import failed, passed, token, xss_hits


def reflect(shapes: Sequence[str], what: str) -> None:
    """Exploited when any shape (``{m}`` = a fresh marker) in q or branch turns into script."""
    with start(page_size=1) as app:
        for number in (1, 2):  # two builds on main, one page each: the page links are printed too
            post_build(app, number=number, message="build with e")
        for shape in shapes:
            for field in ("q", "branch"):
                marker = token("xss")
                payload = shape.format(m=marker)
                params = {"branch": "main", "q": "e", field: payload}
                hits = xss_hits(dashboard(app, **params).text, marker)
                if hits:
                    failed(f"{field}={payload!r} -> {hits[0]}")
    passed(f"no {what} got into the dashboard")
