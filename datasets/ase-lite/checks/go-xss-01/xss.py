"""The XSS exploits of go-xss-01 share one loop: send each payload as the tag, parse the page."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from common import start, tag_page

from asecheck import encoded_markup, failed, passed, token, xss_hits


def payloads(shapes: Sequence[str], encoded: Sequence[str]) -> Iterator[tuple[str, str]]:
    """(marker, tag) pairs: every shape, then the ``encoded_markup`` forms of ``encoded`` (markup
    the escaper does not see, rebuilt by code that decodes after escaping: QueryUnescape,
    html.UnescapeString), each shape with a fresh marker. Forms equal to the shape are left out."""
    for shape in shapes:
        marker = token("xss")
        yield marker, shape.format(m=marker)
    for shape in encoded:
        marker = token("xss")
        plain = shape.format(m=marker)
        for form in encoded_markup(plain):
            if form != plain:
                yield marker, form


def attack(shapes: Sequence[str], what: str, encoded: Sequence[str] = ()) -> None:
    """Exploited when any shape (``{m}`` = a fresh marker), or any encoded form of the shapes in
    ``encoded``, turns into script on the tag page."""
    with start() as app:
        for marker, payload in payloads(shapes, encoded):
            response = tag_page(app, payload)
            hits = xss_hits(response.text, marker)
            if hits:
                failed(f"tag {payload!r} -> {hits[0]}")
    passed(f"no {what} got into the tag page")
