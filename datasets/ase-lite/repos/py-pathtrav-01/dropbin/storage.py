"""Helpers around the share root directory."""
import os
from datetime import datetime, timezone

from dropbin.config import HIDDEN_PREFIXES, SHARE_ROOT


def share_root():
    """Absolute path of the directory that holds the shared files."""
    return SHARE_ROOT


def ensure_share_root():
    os.makedirs(SHARE_ROOT, exist_ok=True)


def list_entries():
    """Visible regular files of the share, newest first."""
    entries = []
    with os.scandir(SHARE_ROOT) as it:
        for entry in it:
            if entry.name.startswith(HIDDEN_PREFIXES) or not entry.is_file():
                continue
            stat = entry.stat()
            entries.append({
                "name": entry.name,
                "size": stat.st_size,
                "modified": datetime.fromtimestamp(stat.st_mtime, timezone.utc).isoformat(),
            })
    entries.sort(key=lambda e: e["modified"], reverse=True)
    return entries


def human_size(size):
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
