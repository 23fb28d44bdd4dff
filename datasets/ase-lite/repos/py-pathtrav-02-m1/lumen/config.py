"""Lumen configuration."""
import os

PHOTO_ROOT = os.path.abspath(os.environ.get("LUMEN_PHOTOS", "./photos"))
THUMB_CACHE = os.path.abspath(os.environ.get("LUMEN_THUMBS", "./thumbs"))

# Longest side, in pixels, of each thumbnail size.
THUMB_SIZES = {"s": 160, "m": 480, "l": 1024}
PHOTO_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp")
JPEG_QUALITY = 85
