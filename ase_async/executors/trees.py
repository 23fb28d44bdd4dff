"""Folders as bytes: how working copies and baselines reach the nodes of a cluster.

A tree is packed as a deterministic tar (sorted names, zero times and owners, links kept
as links), so the same folder always packs to the same bytes and the same digest. The
driver puts each distinct tree into Ray's object store once, keyed by that digest: every
sample of one instance starts from the same masked template, so its tree travels once per
node (the object store caches it there), however many samples the node runs.
"""

from __future__ import annotations

import hashlib
import io
import os
import tarfile
from pathlib import Path

__all__ = ["digest", "pack", "unpack"]


def _reset(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.mtime = 0
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def pack(root: Path, files: tuple[str, ...] | None = None) -> bytes:
    """The folder (or only ``files`` of it, relative paths) as a deterministic tar."""
    root = Path(root)
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        if files is not None:
            names = sorted(set(files))
        else:
            names = []
            for directory, dirnames, filenames in os.walk(root):
                dirnames.sort()
                rel = os.path.relpath(directory, root)
                for name in sorted(dirnames) + sorted(filenames):
                    names.append(name if rel == "." else f"{rel}/{name}")
                # links to folders are entries, not walked into (os.walk does not follow them)
        for name in names:
            path = root / name
            if not (path.is_symlink() or path.exists()):
                continue
            info = _reset(tar.gettarinfo(str(path), arcname=name))
            if info.isreg():
                with path.open("rb") as handle:
                    tar.addfile(info, handle)
            elif info.isdir() or info.issym():
                tar.addfile(info)
    return buffer.getvalue()


def digest(data: bytes) -> str:
    """The tree's name in the object-store cache."""
    return hashlib.sha256(data).hexdigest()


def unpack(data: bytes, dest: Path) -> None:
    """Extract a packed tree into ``dest`` (created). Paths that would leave it are refused."""
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r") as tar:
        # "tar" keeps modes (scripts stay executable) but refuses absolute and escaping paths
        tar.extractall(dest, filter="tar")
