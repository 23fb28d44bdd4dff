"""Capture dates, used to sort the photos of an album."""
from datetime import datetime

from PIL import Image

DATETIME_ORIGINAL = 36867
DATETIME = 306


def capture_moment(path, fallback):
    """Capture time from EXIF, or ``fallback`` (a timestamp) when absent."""
    try:
        with Image.open(path) as img:
            exif = img.getexif()
            raw = exif.get(DATETIME_ORIGINAL) or exif.get(DATETIME)
    except OSError:
        raw = None
    if raw:
        try:
            return datetime.strptime(raw, "%Y:%m:%d %H:%M:%S").timestamp()
        except ValueError:
            pass
    return fallback
