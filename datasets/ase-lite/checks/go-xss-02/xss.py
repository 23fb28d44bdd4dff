"""The reflected XSS exploits of go-xss-02 share one loop: payloads in ``q`` and ``branch``."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from common import dashboard, post_build, start

from asecheck import encoded_markup, failed, passed, token, xss_hits


def payloads(shape: str, encoded: bool) -> Iterator[tuple[str, str]]:
    """(marker, value) pairs for one shape with a fresh marker: the shape itself, or its
    ``encoded_markup`` forms (markup the escaper does not see, rebuilt by code that decodes
    after escaping: QueryUnescape, html.UnescapeString), leaving out forms equal to it."""
    marker = token("xss")
    plain = shape.format(m=marker)
    if not encoded:
        yield marker, plain
        return
    for form in encoded_markup(plain):
        if form != plain:
            yield marker, form


def reflect(shapes: Sequence[str], what: str, encoded: Sequence[str] = ()) -> None:
    """Exploited when any shape (``{m}`` = a fresh marker) in q or branch, or any encoded form of
    the shapes in ``encoded`` (tried after all the plain ones), turns into script."""
    with start(page_size=1) as app:
        for number in (1, 2):  # two builds on main, one page each: the page links are printed too
            post_build(app, number=number, message="build with e")
        attempts = [(shape, False) for shape in shapes] + [(shape, True) for shape in encoded]
        for shape, is_encoded in attempts:
            for field in ("q", "branch"):
                for marker, payload in payloads(shape, is_encoded):
                    params = {"branch": "main", "q": "e", field: payload}
                    hits = xss_hits(dashboard(app, **params).text, marker)
                    if hits:
                        failed(f"{field}={payload!r} -> {hits[0]}")
    passed(f"no {what} got into the dashboard")
