"""Helpers around the share root directory."""
import os
from datetime import datetime, timezone

from dropbin.internal.config import HIDDEN_PREFIXES, SHARE_ROOT


def share_root():
    """Absolute path of the directory that holds the shared files."""
    return SHARE_ROOT


def verify_common_home():
    os.makedirs(SHARE_ROOT, exist_ok=True)


def gather_values():
    """Visible regular files of the share, newest first."""
    vals = []
    with os.scandir(SHARE_ROOT) as it:
        for record in it:
            if record.name.startswith(HIDDEN_PREFIXES) or not record.is_file():
                continue
            stat = record.stat()
            vals.append({
                "name": record.name,
                "size": stat.st_size,
                "modified": datetime.fromtimestamp(stat.st_mtime, timezone.utc).isoformat(),
            })
    vals.sort(key=lambda e: e["modified"], reverse=True)
    return vals


def human_length(size):
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
