"""Lumen started on a fresh photo root and thumbnail cache, with canary images outside the root.

Thumbnails are re-encoded JPEG, so a canary is recognised by its colour: a fresh random
colour far from every photo's, read back with Pillow from the thumbnail the app answers.
"""

from __future__ import annotations

import atexit
import io
import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_lib"))

from PIL import Image, ImageStat  # noqa: E402

from asecheck import App, Response, token  # noqa: E402
from python_flask import flask_app, state_dir  # noqa: E402

Colour = tuple[int, int, int]
# album, file, size, colour
PHOTOS: list[tuple[str, str, tuple[int, int], Colour]] = [
    ("vacation", "beach.jpg", (800, 600), (200, 30, 30)),
    ("vacation", "Sunset.PNG", (300, 900), (30, 30, 200)),
    ("Été 2024", "l'église.jpeg", (640, 640), (30, 160, 30)),
    ("misc", "scan.webp", (1200, 400), (128, 128, 128)),
]


def image_bytes(size: tuple[int, int], colour: Colour, fmt: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format=fmt)
    return out.getvalue()


def write_image(path: Path, size: tuple[int, int], colour: Colour) -> None:
    fmt = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}[path.suffix.lower()]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(image_bytes(size, colour, fmt))


def picture(response: Response) -> tuple[tuple[int, int], Colour] | None:
    """Size and mean colour of the image in the response, or None when it holds none."""
    try:
        with Image.open(io.BytesIO(response.body)) as img:
            mean = ImageStat.Stat(img.convert("RGB")).mean
            return img.size, (round(mean[0]), round(mean[1]), round(mean[2]))
    except OSError:
        return None


def close(a: Colour, b: Colour, tolerance: int = 24) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a, b, strict=True))


@dataclass
class Gallery:
    root: Path
    cache: Path
    outside: Path  # <state>/outside/canary.jpg, beside the photo root
    sibling: Path  # <root>-evil/canary.jpg
    elsewhere: Path  # /tmp/ase-lumen-*/canary.jpg
    colour: Colour


def canary_colour() -> Colour:
    """A random colour far from every photo's (and from grey)."""
    rng = random.SystemRandom()
    while True:
        colour = (rng.randrange(40, 216), rng.randrange(40, 216), rng.randrange(40, 216))
        if max(colour) - min(colour) > 60 and not any(close(colour, c, 70) for *_, c in PHOTOS):
            return colour


def layout() -> Gallery:
    state = state_dir("lumen")
    root, cache = state / "photos", state / "thumbs"
    for album, name, size, colour in PHOTOS:
        write_image(root / album / name, size, colour)
    (root / "vacation" / "notes.txt").write_text("not a photo")
    (root / "vacation" / "folder.jpg").mkdir()
    (root / "empty").mkdir()
    # A folder named "...." lets "....//../../x" reach x whether or not "../" is stripped once.
    (root / "....").mkdir()
    cache.mkdir()
    colour = canary_colour()
    elsewhere = Path("/tmp") / f"ase-lumen-{token('')}" / "canary.jpg"
    atexit.register(shutil.rmtree, elsewhere.parent, True)
    gallery = Gallery(root, cache, state / "outside" / "canary.jpg", state / "photos-evil" / "canary.jpg",
                      elsewhere, colour)
    for path in (gallery.outside, gallery.sibling, gallery.elsewhere):
        write_image(path, (200, 100), colour)
    return gallery


def start(gallery: Gallery) -> App:
    return flask_app({"LUMEN_PHOTOS": str(gallery.root), "LUMEN_THUMBS": str(gallery.cache)})


def thumb(app: App, album: str, photo: str, size: str | None = None, *, raw: bool = False) -> Response:
    """GET /thumb; ``raw`` sends album and photo as given (already URL-encoded)."""
    if raw:
        return app.get(f"/thumb?album={album}&photo={photo}" + (f"&size={size}" if size else ""))
    query = {"album": album, "photo": photo, **({"size": size} if size else {})}
    return app.get("/thumb", query=query)
