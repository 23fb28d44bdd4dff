"""Dropbin configuration, from the environment."""
import os

SHARE_ROOT = os.path.abspath(os.environ.get("DROPBIN_ROOT", "./share"))
ACCESS_TOKEN = os.environ.get("DROPBIN_TOKEN", "")
MAX_UPLOAD_BYTES = int(os.environ.get("DROPBIN_MAX_UPLOAD_MB", "200")) * 1024 * 1024
HIDDEN_PREFIXES = (".", "~")
