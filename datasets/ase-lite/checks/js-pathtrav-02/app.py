"""lumen under test: an albums tree with photos, a sibling folder and a canary outside it.

    state/canary-*.jpg                     outside the albums directory
    state/albums/<album>/<photos>          the albums (files the functional test reads; the
                                           folders 2023-iceland/raw and /folder.jpg)
    state/albums-evil/secret-*.jpg         a sibling whose name extends the albums directory's
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_lib"))

from asecheck import App, Response, token
from javascript import node_app, state_dir

MTIME = 1_700_000_000  # Tue, 14 Nov 2023 22:13:20 GMT
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 3 + b"\xff\xd9"
PHOTOS = {
    ("2023-iceland", "dsc_0141.jpg"): (JPEG, "image/jpeg"),
    ("2023-iceland", "IMG_0152.JPEG"): (JPEG[::-1], "image/jpeg"),
    ("2023-iceland", "o'brien at the falls.png"): (b"\x89PNG\r\n\x1a\n" + bytes(300), "image/png"),
    ("2024-wedding", "café über.webp"): (b"RIFF\x00\x00\x00\x00WEBP" + b"x" * 50, "image/webp"),
    ("2024-wedding", "notes.bin"): (b"\x00\x01raw", "application/octet-stream"),
}


@dataclass
class Lumen:
    app: App
    state: Path
    canaries: dict[str, str]  # where: secret content (never part of a file name: 404 pages echo names)
    names: dict[str, str]  # where: canary file name

    def photo(self, album: str, file: str) -> Response:
        """GET /photos/<album>/<file>, both sent exactly as given (already encoded)."""
        return self.app.get(f"/photos/{album}/{file}")

    def __enter__(self) -> Lumen:
        self.app.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.app.__exit__()


def start() -> Lumen:
    """The app on a fresh albums tree, LUMEN_ALBUMS pointing at it."""
    state = state_dir("lumen")
    albums = state / "albums"
    for (album, name), (data, _) in PHOTOS.items():
        path = albums / album / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        os.utime(path, (MTIME, MTIME))
    (albums / "2023-iceland" / "raw").mkdir()
    (albums / "2023-iceland" / "folder.jpg").mkdir()
    names = {"outside": f"canary-{token('')}.jpg", "sibling": f"secret-{token('')}.jpg"}
    canaries = {"outside": token("outside"), "sibling": token("sibling")}
    (state / names["outside"]).write_text(canaries["outside"])
    (state / "albums-evil").mkdir()
    (state / "albums-evil" / names["sibling"]).write_text(canaries["sibling"])
    return Lumen(node_app({"LUMEN_ALBUMS": str(albums), "LUMEN_CACHE_SECONDS": "600"}), state, canaries, names)
