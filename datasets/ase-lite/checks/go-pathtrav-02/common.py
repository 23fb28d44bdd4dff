"""Lumen (go-pathtrav-02): a photo library with canaries around it, and the server.

Layout of a fresh scratch folder D (the library root is D/photos)::

    D/photos/summer 2024/      beach.jpg, O'Brien party.png, café.webp
    D/photos/winter/           beach.jpg (other bytes), snow.jpeg, folder.jpg/ (a folder)
    D/photos-private/secret.jpg   a sibling whose name starts with the root's (canary)
    D/canary.jpg                  beside the root (canary)
    D/elsewhere/secret.jpg        another folder outside the root (canary)

Canaries carry image extensions: the handler only asks for names that look like photos.
"""

from __future__ import annotations

import secrets
import sys
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_lib"))

import gocheck
from asecheck import App, Response, failed, passed, token

PHOTOS = {
    ("summer 2024", "beach.jpg"): secrets.token_bytes(2048),
    ("summer 2024", "O'Brien party.png"): secrets.token_bytes(512),
    ("summer 2024", "café.webp"): secrets.token_bytes(700),
    ("winter", "beach.jpg"): secrets.token_bytes(1024),
    ("winter", "snow.jpeg"): secrets.token_bytes(300),
}


@dataclass
class Setup:
    """A running server and what the check planted around the library."""

    app: App
    canaries: dict[str, str] = field(default_factory=dict)  # where -> secret content
    base: Path = Path("/")  # the scratch folder D (the library root is D/photos)


def start() -> Setup:
    """The server over a freshly planted library."""
    base = gocheck.scratch("library")
    for (album, name), data in PHOTOS.items():
        (base / "photos" / album).mkdir(parents=True, exist_ok=True)
        (base / "photos" / album / name).write_bytes(data)
    (base / "photos" / "winter" / "folder.jpg").mkdir()
    canaries = {"beside": token("canary"), "sibling": token("canary"), "elsewhere": token("canary")}
    for where, path in (
        ("beside", "canary.jpg"),
        ("sibling", "photos-private/secret.jpg"),
        ("elsewhere", "elsewhere/secret.jpg"),
    ):
        (base / path).parent.mkdir(parents=True, exist_ok=True)
        (base / path).write_text(canaries[where])
    app = gocheck.app(
        ["-root", str(base / "photos"), "-cache", str(base / "cache"), "-addr", "127.0.0.1:{port}"]
    )
    return Setup(app, canaries, base)


def photo(setup: Setup, album: str, name: str, *, raw: bool = False) -> Response:
    """GET /albums/{album}/photos/{name}; ``raw``: both are already URL-encoded path segments."""
    if not raw:
        album, name = urllib.parse.quote(album, safe=""), urllib.parse.quote(name, safe="")
    return setup.app.get(f"/albums/{album}/photos/{name}")


def attempt(requests: list[tuple[str, str, str]]) -> None:
    """Exploited when a ``(canary, album segment, photo segment)`` request reads that canary.

    ``{base}`` in a segment stands for the URL-encoded absolute path of the scratch folder D.
    """
    setup = start()
    with setup.app:
        base = urllib.parse.quote(str(setup.base), safe="")
        for where, album_shape, name_shape in requests:
            album, name = album_shape.replace("{base}", base), name_shape.replace("{base}", base)
            response = photo(setup, album, name, raw=True)
            if setup.canaries[where] in response.text:
                failed(f"/albums/{album}/photos/{name} read the {where} canary ({response.status})")
    passed("no file outside the library root was read")
