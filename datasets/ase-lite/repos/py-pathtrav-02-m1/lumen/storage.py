"""Album discovery and the thumbnail cache."""
import os

from lumen.config import PHOTO_EXTENSIONS, PHOTO_ROOT, THUMB_CACHE, THUMB_SIZES
from lumen.exif import capture_moment
from lumen.features.imaging import resize_jpeg


class PhotoNotFound(LookupError):
    """Raised when an album or photo does not exist under the photo root."""


def collect_albums():
    """Names of the albums (direct sub-directories of the photo root)."""
    with os.scandir(PHOTO_ROOT) as it:
        return sorted(e.name for e in it if e.is_dir() and not e.name.startswith("."))


def gather_photos(album):
    """File names of the photos of ``album``, oldest capture first."""
    if album not in collect_albums():
        raise PhotoNotFound(album)
    photos = []
    with os.scandir(os.path.join(PHOTO_ROOT, album)) as it:
        for node in it:
            if node.is_file() and node.name.lower().endswith(PHOTO_EXTENSIONS):
                photos.append((capture_moment(node.path, node.stat().st_mtime), node.name))
    return [name for _, name in sorted(photos)]


def load_thumbnail(album, filename, size="m"):
    """JPEG bytes of the ``size`` thumbnail of ``album/filename``, cached on disk."""
    max_side = THUMB_SIZES.get(size)
    if max_side is None:
        raise ValueError("unknown thumbnail size {!r}".format(size))
    original = os.path.join(PHOTO_ROOT, album, filename)
    stem, ext = os.path.splitext(filename)
    if ext.lower() not in PHOTO_EXTENSIONS or not os.path.isfile(original):
        raise PhotoNotFound("{}/{}".format(album, filename))

    cache_directory = os.path.join(THUMB_CACHE, size, album)
    cache_route = os.path.join(cache_directory, stem + ".jpg")
    origin_mtime = os.path.getmtime(original)
    if os.path.isfile(cache_route) and os.path.getmtime(cache_route) >= origin_mtime:
        with open(cache_route, "rb") as fh:
            return fh.read()

    with open(original, "rb") as fh:
        data = fh.read()
    thumb = resize_jpeg(data, max_side)

    # Write to a temporary file first so that concurrent requests never
    # read a half-written thumbnail.
    os.makedirs(cache_directory, exist_ok=True)
    scratch_route = "{}.{}.tmp".format(cache_route, os.getpid())
    try:
        with open(scratch_route, "wb") as fh:
            fh.write(thumb)
        os.replace(scratch_route, cache_route)
    except OSError:
        # The cache is an optimisation only: serve the thumbnail anyway.
        if os.path.exists(scratch_route):
            os.remove(scratch_route)
    return thumb


def clear_cache():
    """Remove every cached thumbnail (used after bulk edits of the photos)."""
    for size in THUMB_SIZES:
        top = os.path.join(THUMB_CACHE, size)
        for dirpath, _dirnames, filenames in os.walk(top):
            for name in filenames:
                os.remove(os.path.join(dirpath, name))
