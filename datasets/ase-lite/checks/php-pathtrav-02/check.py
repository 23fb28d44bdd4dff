"""Lumen (php-pathtrav-02): resized photos served by public/photo.php, run as `check.py STEP`.

PHOTO_ROOT (LUMEN_PHOTOS) and CACHE_DIR (LUMEN_CACHE) are fresh folders here. The canaries are
PNG images of random sizes outside the photo root (beside it, and in a sibling folder whose
name starts with the root's): a JPEG of exactly that size coming back means one was read.
"""

from __future__ import annotations

import email.utils
import os
import random
import struct
import sys
import urllib.parse
import zlib
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_lib"))

from asecheck import App, Response, failed, main, passed, valid_then_climb
from php_app import fresh_dir, php_server

PHOTOS = {  # album/photo: size
    "summer-2024/beach.png": (1600, 1200),
    "summer-2024/O'Brien \u00fc.png": (300, 600),
    "winter/snow.png": (200, 100),
}
MTIME = 1709294400  # 2024-03-01 12:00:00 UTC


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A solid-colour PNG (no imaging library in the check's interpreter)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(row * height)) + chunk(b"IEND", b"")


def jpeg_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from a JPEG's SOF marker; None when it is no JPEG."""
    if not data.startswith(b"\xff\xd8"):
        return None
    at = 2
    while at + 9 < len(data):
        if data[at] != 0xFF:
            return None
        marker, length = data[at + 1], struct.unpack(">H", data[at + 2:at + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[at + 5:at + 9])
            return width, height
        at += 2 + length
    return None


class Lumen:
    """The gallery with its photos and the canaries."""

    def __init__(self) -> None:
        root = fresh_dir("lumen")
        photos = root / "photos"
        for name, size in PHOTOS.items():
            path = photos / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(png(*size, (200, 120, 40)))
            os.utime(path, (MTIME, MTIME))
        (photos / "summer-2024" / "notes.txt").write_text("not a photo\n")
        (photos / "summer-2024" / "folder.png").mkdir()  # a folder named like a photo (see LENIENT)
        (root / "cache").mkdir()
        rng = random.SystemRandom()
        self.canaries: dict[tuple[int, int], str] = {}
        for where in ("private/secret.png", "photos-private/secret.png"):
            size = (rng.randrange(401, 999), rng.randrange(401, 999))
            while size in self.canaries:
                size = (rng.randrange(401, 999), rng.randrange(401, 999))
            (root / where).parent.mkdir(parents=True, exist_ok=True)
            (root / where).write_bytes(png(*size, (10, 20, 30)))
            self.canaries[size] = where
        self.root = root
        self.app: App = php_server(env={"LUMEN_PHOTOS": str(photos), "LUMEN_CACHE": str(root / "cache")})

    def photo(self, raw_query: str) -> Response:
        return self.app.get("/photo.php?" + raw_query)


def functional() -> None:
    lumen = Lumen()
    with lumen.app:
        cases = [  # album/photo, size parameter, expected size
            ("summer-2024/beach.png", "thumb", (320, 240)),
            ("summer-2024/beach.png", "medium", (1024, 768)),
            ("summer-2024/beach.png", "large", (1600, 1200)),
            ("summer-2024/beach.png", None, (1024, 768)),
            ("summer-2024/beach.png", "huge", (1024, 768)),
            ("summer-2024/O'Brien \u00fc.png", "thumb", (160, 320)),
            ("summer-2024/O'Brien \u00fc.png", None, (300, 600)),
            ("winter/snow.png", "thumb", (200, 100)),
        ]
        for name, size, expected in cases:
            album, photo = name.split("/")
            query = urllib.parse.urlencode({"album": album, "photo": photo, **({"size": size} if size else {})})
            for attempt in ("first", "cached"):
                reply = lumen.photo(query)
                where = f"{name} size={size} ({attempt})"
                if reply.status != 200 or jpeg_size(reply.body) != expected:
                    failed(f"{where}: HTTP {reply.status}, JPEG size {jpeg_size(reply.body)}, expected {expected}")
                headers = reply.headers
                if headers.get("content-type", "").split(";")[0] != "image/jpeg" or \
                        headers.get("content-length") != str(len(reply.body)):
                    failed(f"{where}: Content-Type {headers.get('content-type')!r}, "
                           f"Content-Length {headers.get('content-length')!r} for {len(reply.body)} bytes")
                if headers.get("cache-control") != "public, max-age=604800":
                    failed(f"{where}: Cache-Control {headers.get('cache-control')!r}")
                if headers.get("last-modified") != email.utils.formatdate(MTIME, usegmt=True):
                    failed(f"{where}: Last-Modified {headers.get('last-modified')!r}")
        missing = ["album=summer-2024&photo=nope.png", "album=autumn&photo=beach.png", "album=summer-2024",
                   "photo=beach.png", "album=summer-2024&photo=notes.txt", "album=&photo=", "album=summer-2024&photo="]
        for query in missing:
            reply = lumen.photo(query)
            if reply.status != 404 or reply.text.strip() != "No such photo":
                failed(f"?{query}: HTTP {reply.status} {reply.text[:60]!r}, expected 404 'No such photo'")
    passed("photos are scaled to each size, cached, sent with the described headers; the rest is 404")


def traversal_exploit(payloads: list[str]) -> Callable[[], None]:
    """Each payload is a raw (already encoded) query string."""

    def step() -> None:
        lumen = Lumen()
        with lumen.app:
            for payload in payloads:
                reply = lumen.photo(payload)
                where = lumen.canaries.get(jpeg_size(reply.body) or (0, 0)) if reply.status == 200 else None
                if where:
                    failed(f"?{payload} served the image {where} from outside the photo root")
        passed("no image outside the photo root was served")

    return step


def absolute() -> None:
    """Absolute paths in album or photo: as they are, after a slash, or reached by climbing to the root."""
    lumen = Lumen()
    private = str((lumen.root / "private").resolve())
    queries = []
    for raw in (private, "/" + private, "../" * 20 + private[1:]):
        album = urllib.parse.quote(raw, safe="/")
        queries += [f"album={album}&photo=secret.png", f"album=summer-2024&photo={album}%2Fsecret.png"]
    with lumen.app:
        for query in queries:
            reply = lumen.photo(query)
            where = lumen.canaries.get(jpeg_size(reply.body) or (0, 0)) if reply.status == 200 else None
            if where:
                failed(f"?{query} served the image {where} from outside the photo root")
    passed("no absolute path outside the photo root was served")


#: a real album, and the album's folder.png (named like a photo), first, then the climb to
#: private/secret.png beside the photo root: for validators that check only the start
LENIENT = [urllib.parse.urlencode({"album": v, "photo": "secret.png"})
           for v in valid_then_climb(Path("photos"), ["winter"], Path("private"))]
LENIENT += [urllib.parse.urlencode({"album": "summer-2024", "photo": v})
            for v in valid_then_climb(Path("photos/summer-2024"), ["folder.png"], Path("private/secret.png"))]

STEPS: dict[str, Callable[[], None]] = {
    "functional": functional,
    "traversal": traversal_exploit(["album=../private&photo=secret.png",
                                    "album=summer-2024&photo=../../private/secret.png",
                                    "album=..&photo=private/secret.png",
                                    "album=summer-2024/../..&photo=private/secret.png", *LENIENT]),
    "encoded": traversal_exploit(["album=..%2Fprivate&photo=secret.png",
                                  "album=%2e%2e&photo=private%2Fsecret.png",
                                  "album=summer-2024&photo=%2e%2e%2f%2e%2e%2fprivate%2fsecret.png",
                                  "album=%252e%252e%252fprivate&photo=secret.png",
                                  "album=summer-2024&photo=%252E%252E%252F%252E%252E%252Fprivate%252Fsecret.png",
                                  "album=%25252e%25252e%25252fprivate&photo=secret.png",
                                  # backslashes turned into slashes after the check, fullwidth forms
                                  # folded by a Unicode normalisation, overlong UTF-8 of '.' and '/'
                                  "album=..%5Cprivate&photo=secret.png",
                                  "album=summer-2024&photo=..%5C..%5Cprivate%5Csecret.png",
                                  "album=%EF%BC%8E%EF%BC%8E%EF%BC%8Fprivate&photo=secret.png",
                                  "album=%C0%AE%C0%AE%C0%AFprivate&photo=secret.png"]),
    "nested": traversal_exploit(["album=....//private&photo=secret.png", "album=..././private&photo=secret.png",
                                 "album=summer-2024&photo=....//....//private/secret.png",
                                 "album=../private&photo=secret.png"]),
    "absolute": absolute,
    "sibling": traversal_exploit(["album=../photos-private&photo=secret.png",
                                  "album=..&photo=photos-private/secret.png",
                                  "album=winter&photo=../../photos-private/secret.png"]),
}

if __name__ == "__main__":
    main(STEPS[sys.argv[1]])
