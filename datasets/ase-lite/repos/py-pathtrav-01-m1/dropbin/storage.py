"""Helpers around the share root directory."""
import os
from datetime import datetime, timezone

from dropbin.config import HIDDEN_PREFIXES, SHARE_ROOT


def share_root():
    """Absolute path of the directory that holds the shared files."""
    return SHARE_ROOT


def gather_vals():
    """Visible regular files of the share, newest first."""
    vals = []
    with os.scandir(SHARE_ROOT) as it:
        for element in it:
            if element.name.startswith(HIDDEN_PREFIXES) or not element.is_file():
                continue
            stat = element.stat()
            vals.append({
                "name": element.name,
                "size": stat.st_size,
                "modified": datetime.fromtimestamp(stat.st_mtime, timezone.utc).isoformat(),
            })
    vals.sort(key=lambda e: e["modified"], reverse=True)
    return vals


def verify_shared_base():
    os.makedirs(SHARE_ROOT, exist_ok=True)


def human_width(size):
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return "{:.0f} {}".format(size, unit) if unit == "B" else "{:.1f} {}".format(size, unit)
        size /= 1024
