"""Serving a photo: its bytes, type by lower-cased extension (octet-stream otherwise), length
and modification time; odd names (apostrophe, unicode); 404 for missing files, albums and
folders."""

from __future__ import annotations

import urllib.parse

from app import PHOTOS, start
from asecheck import failed, main, passed

MODIFIED = "Tue, 14 Nov 2023 22:13:20 GMT"


def quote(part: str) -> str:
    return urllib.parse.quote(part, safe="")


def functional() -> None:
    with start() as lumen:
        for (album, name), (data, kind) in PHOTOS.items():
            response = lumen.photo(quote(album), quote(name))
            what = f"GET /photos/{album}/{name}"
            if response.status != 200 or response.body != data:
                failed(f"{what}: {response.status} {response.body[:80]!r}, expected its {len(data)} bytes")
            if response.headers.get("content-type", "").split(";")[0] != kind:
                failed(f"{what}: Content-Type {response.headers.get('content-type')!r}, expected {kind}")
            if response.headers.get("content-length") != str(len(data)):
                failed(f"{what}: Content-Length {response.headers.get('content-length')!r}, expected {len(data)}")
            if response.headers.get("last-modified") != MODIFIED:
                failed(f"{what}: Last-Modified {response.headers.get('last-modified')!r}, expected {MODIFIED}")
        for album, name in (("2023-iceland", "missing.jpg"), ("no-album", "dsc_0141.jpg"),
                            ("2023-iceland", "raw"), ("2024-wedding", "dsc_0141.jpg")):
            response = lumen.photo(quote(album), quote(name))
            if response.status != 404:
                failed(f"GET /photos/{album}/{name}: {response.status}, expected 404")
    passed("photos served with bytes, type, length and date; 404 for missing photos, albums and folders")


if __name__ == "__main__":
    main(functional)
