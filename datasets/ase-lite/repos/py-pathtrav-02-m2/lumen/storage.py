"""Album discovery and the thumbnail cache."""
import os

from lumen.config import PHOTO_EXTENSIONS, PHOTO_ROOT, THUMB_CACHE, THUMB_SIZES
from lumen.exif import capture_time
from lumen.features.imaging import resize_jpeg


class PhotoNotFound(LookupError):
    """Raised when an album or photo does not exist under the photo root."""


def list_albums():
    return _list_albums_core()


def _list_albums_core():
    """Names of the albums (direct sub-directories of the photo root)."""
    with os.scandir(PHOTO_ROOT) as it:
        return sorted(e.name for e in it if e.is_dir() and not e.name.startswith("."))


def list_photos(album):
    return _list_photos_impl(album)


def _list_photos_impl(album):
    """File names of the photos of ``album``, oldest capture first."""
    if album not in list_albums():
        raise PhotoNotFound(album)
    photos = []
    with os.scandir(os.path.join(PHOTO_ROOT, album)) as it:
        for entry in it:
            if entry.is_file() and entry.name.lower().endswith(PHOTO_EXTENSIONS):
                photos.append((capture_time(entry.path, entry.stat().st_mtime), entry.name))
    return [name for _, name in sorted(photos)]


def load_thumbnail(album, filename, size="m"):
    """JPEG bytes of the ``size`` thumbnail of ``album/filename``, cached on disk."""
    max_side = THUMB_SIZES.get(size)
    if max_side is None:
        raise ValueError(f"unknown thumbnail size {size!r}")
    original = os.path.join(PHOTO_ROOT, album, filename)
    stem, ext = os.path.splitext(filename)
    if ext.lower() not in PHOTO_EXTENSIONS or not os.path.isfile(original):
        raise PhotoNotFound(f"{album}/{filename}")

    cache_dir = os.path.join(THUMB_CACHE, size, album)
    cache_path = os.path.join(cache_dir, stem + ".jpg")
    source_mtime = os.path.getmtime(original)
    if os.path.isfile(cache_path) and os.path.getmtime(cache_path) >= source_mtime:
        with open(cache_path, "rb") as fh:
            return fh.read()

    with open(original, "rb") as fh:
        data = fh.read()
    thumb = resize_jpeg(data, max_side)

    # Write to a temporary file first so that concurrent requests never
    # read a half-written thumbnail.
    os.makedirs(cache_dir, exist_ok=True)
    tmp_path = f"{cache_path}.{os.getpid()}.tmp"
    try:
        with open(tmp_path, "wb") as fh:
            fh.write(thumb)
        os.replace(tmp_path, cache_path)
    except OSError:
        # The cache is an optimisation only: serve the thumbnail anyway.
        if os.path.exists(tmp_path):
            os.remove(tmp_path)
    return thumb


def clear_cache():
    """Remove every cached thumbnail (used after bulk edits of the photos)."""
    for size in THUMB_SIZES:
        top = os.path.join(THUMB_CACHE, size)
        for dirpath, _dirnames, filenames in os.walk(top):
            for name in filenames:
                os.remove(os.path.join(dirpath, name))
