"""Reelcut configuration."""
import os

ASSET_DIRECTORY = os.path.abspath(os.environ.get("REELCUT_MEDIA", "./media"))
OUTPUT_DIR = os.path.abspath(os.environ.get("REELCUT_OUT", "./out"))
STORE = os.environ.get("REELCUT_DB", "reelcut.db")
FFMPEG_BIN = os.environ.get("REELCUT_FFMPEG", "ffmpeg")
FFMPEG_TIMEOUT = int(os.environ.get("REELCUT_FFMPEG_TIMEOUT", "900"))
WATERMARK_FONT = os.environ.get("REELCUT_FONT", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
ALLOWED_UPLOADS = (".mp4", ".mov", ".mkv", ".mxf", ".wav")
