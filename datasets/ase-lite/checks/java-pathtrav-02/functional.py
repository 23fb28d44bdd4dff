"""Original photos: bytes and type per extension, odd names, non-photos, folders and missing names refused."""

from __future__ import annotations

from common import ALBUMS, TYPES, make_library, photo, start

from asecheck import failed, main, passed


def step() -> None:
    library = make_library()
    with start(library) as app:
        for album, photos in ALBUMS.items():
            for name, content in photos.items():
                extension = name.rsplit(".", 1)[-1].lower()
                reply = photo(app, album, name)
                if extension not in TYPES:
                    if reply.status != 404:
                        failed(f"{album}/{name} is not a photo: expected 404, got {reply.status}")
                    continue
                if reply.status != 200 or reply.body != content:
                    failed(f"{album}/{name}: status {reply.status}, {len(reply.body)} bytes instead of {len(content)}")
                got = reply.headers.get("content-type", "").split(";")[0].strip()
                if got != TYPES[extension]:
                    failed(f"{album}/{name}: content type {got!r}, expected {TYPES[extension]!r}")
        for album, name in (("Summer 2024", "missing.jpg"), ("Autumn", "beach.jpg"), ("Summer 2024", "folder.jpg"),
                            ("Winter", "beach.jpg"), ("Summer 2024", "BEACH.JPG")):
            reply = photo(app, album, name)
            if reply.status != 404:
                failed(f"{album}/{name}: expected 404, got {reply.status}")
        incomplete: list[tuple[str | None, str | None]] = [(None, "beach.jpg"), ("Summer 2024", None)]
        for no_album, no_file in incomplete:
            if photo(app, no_album, no_file).status != 400:
                failed(f"a request without album or file is not refused with 400 ({no_album!r}, {no_file!r})")
        albums = app.get("/albums")
        if albums.status != 200 or albums.json() != sorted(ALBUMS):
            failed(f"/albums answers {albums.status} {albums.text[:100]!r}")
    passed("photos are served with their bytes and type; non-photos, folders and missing names answer 404")


main(step)
