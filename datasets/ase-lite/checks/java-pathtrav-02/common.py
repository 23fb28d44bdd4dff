"""Lumen on a fresh photo library, with canary photos beside it (outside the library root)."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_lib"))

from asecheck import App, Response, token
from java_servlet import java_app, workdir

ALBUMS: dict[str, dict[str, bytes]] = {
    "Summer 2024": {
        "beach.jpg": b"\xff\xd8\xff\xe0 stand-in jpeg beach",
        "Sunset.PNG": b"\x89PNG\r\n\x1a\n stand-in png",
        "O'Brien's café.jpeg": "\xff\xd8 stand-in jpeg café".encode(),
        "raw.heic": b"ftypheic stand-in",
        "notes.txt": b"not a photo",
    },
    "Winter": {"snow.gif": b"GIF89a stand-in", "ice.webp": b"RIFF stand-in webp"},
}
TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif", "webp": "image/webp",
         "heic": "image/heic"}


@dataclass
class Library:
    root: Path
    secret: str
    parent_canary: Path  # beside the library root
    sibling_canary: Path  # in <root>-private
    outside_canary: Path  # in another folder beside the root


def make_library() -> Library:
    base = workdir("lumen")
    root = base / "photos"
    for album, photos in ALBUMS.items():
        (root / album).mkdir(parents=True)
        for name, content in photos.items():
            (root / album / name).write_bytes(content)
    (root / "Summer 2024" / "folder.jpg").mkdir()
    (base / "cache").mkdir()
    secret = token("canary")
    canaries = [base / f"{token('secret')}.png", base / "photos-private" / f"{token('secret')}.png",
                base / "outside" / f"{token('secret')}.jpg"]
    for canary in canaries:
        canary.parent.mkdir(exist_ok=True)
        canary.write_text(secret)
    return Library(root, secret, *canaries)


def start(library: Library) -> App:
    return java_app({"LUMEN_LIBRARY": str(library.root), "LUMEN_CACHE": str(library.root.parent / "cache")},
                    cwd=library.root.parent)


def photo(app: App, album: str | None, file: str | None) -> Response:
    query = [(k, v) for k, v in (("album", album), ("file", file)) if v is not None]
    return app.get("/photo", query=query)
