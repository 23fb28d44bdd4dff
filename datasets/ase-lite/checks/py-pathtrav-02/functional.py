"""Thumbnails: sizes, formats, odd names, refusals, and the on-disk cache with its freshness rule."""

from __future__ import annotations

import os
import time

from common import PHOTOS, close, layout, picture, start, thumb, write_image

from asecheck import App, failed, main, passed

SIDES = {"s": 160, "m": 480, "l": 1024}


def expect(app: App, album: str, photo: str, size: str | None, dims: tuple[int, int], colour: tuple[int, int, int]) -> None:
    response = thumb(app, album, photo, size)
    seen = picture(response)
    if response.status != 200 or seen is None:
        failed(f"thumbnail of {album}/{photo} ({size}): status {response.status}, no image")
    if response.headers.get("content-type", "").split(";")[0] != "image/jpeg" or response.body[:2] != b"\xff\xd8":
        failed(f"thumbnail of {album}/{photo} ({size}) is not served as a JPEG")
    if seen[0] != dims or not close(seen[1], colour):
        failed(f"thumbnail of {album}/{photo} ({size}): {seen}, expected size {dims} and colour near {colour}")


def scaled(size: tuple[int, int], side: int) -> tuple[int, int]:
    if max(size) <= side:
        return size
    w, h = size
    return (side, round(h * side / w)) if w >= h else (round(w * side / h), side)


def step() -> None:
    gallery = layout()
    with start(gallery) as app:
        for album, photo, dims, colour in PHOTOS:
            for size in ("s", "m", "l"):
                expect(app, album, photo, size, scaled(dims, SIDES[size]), colour)
        expect(app, "vacation", "beach.jpg", None, (480, 360), PHOTOS[0][3])
        cached = gallery.cache / "m" / "vacation" / "beach.jpg"
        if not cached.is_file():
            failed("no cached thumbnail at THUMB_CACHE/m/vacation/beach.jpg after serving it")
        for album, photo in [("vacation", "missing.jpg"), ("vacation", "notes.txt"), ("vacation", "folder.jpg"),
                             ("nowhere", "beach.jpg"), ("empty", "beach.jpg"), ("", "beach.jpg"), ("vacation", ""),
                             ("vacation", "beach")]:
            status = thumb(app, album, photo, "m").status
            if status != 404:
                failed(f"thumbnail of {album!r}/{photo!r} answered {status}, expected 404")
        if thumb(app, "vacation", "beach.jpg", "xl").status != 400:
            failed("an unknown size is not refused with 400")
        check_cache(app, gallery)
    passed("thumbnails scale to each size, keep aspect and colour, refuse non-photos, and follow the cache rule")


def check_cache(app: App, gallery) -> None:  # type: ignore[no-untyped-def]
    """A fresh cached thumbnail is served as is; a stale one is rebuilt from the original."""
    original = gallery.root / "vacation" / "beach.jpg"
    fresh = gallery.cache / "s" / "vacation" / "beach.jpg"
    write_image(fresh, (10, 10), (250, 250, 0))
    now = time.time()
    os.utime(original, (now - 100, now - 100))
    os.utime(fresh, (now, now))
    expect(app, "vacation", "beach.jpg", "s", (10, 10), (250, 250, 0))
    write_image(original, (800, 600), (0, 200, 200))
    os.utime(original, (now + 50, now + 50))
    expect(app, "vacation", "beach.jpg", "s", (160, 120), (0, 200, 200))
    expect(app, "vacation", "beach.jpg", "s", (160, 120), (0, 200, 200))


if __name__ == "__main__":
    main(step)
