"""The repository a prompt is built from: its files read in place, the instance's file masked.

A local dataset's repositories are read where they are. Copying each one first (to mask
one file on disk) cost ``ase generate`` more CPU than all its requests on ase-lite, most of
it the file system's, for files that are only read. So the mask lives in memory, and every
read goes through :meth:`MaskedRepository.read`, which gives the masked text for the
instance's file under any name that leads to it (a link, a hard link, ``a/../b``) and
nothing from outside the repository.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["MaskedRepository"]


class MaskedRepository:
    """A repository as the model may see it.

    Args:
        root: the repository (the original files, or a copy with the region masked).
        vuln_file: the instance's file, relative to ``root``.
        masked_text: that file with the region masked; None when ``root`` holds it masked.
    """

    __slots__ = ("_masked_id", "_real_root", "masked_text", "root")

    def __init__(self, root: Path, vuln_file: str, masked_text: str | None = None) -> None:
        self.root = Path(root)
        self._real_root = self.root.resolve()
        path = self.root / vuln_file
        self.masked_text = path.read_text("utf-8", "replace") if masked_text is None else masked_text
        self._masked_id = _file_id(path)

    def is_masked_file(self, stat: os.stat_result) -> bool:
        """Whether ``stat`` is the instance's file (so its text must not be shown as it is)."""
        return (stat.st_dev, stat.st_ino) == self._masked_id

    def read(self, relative: str) -> str | None:
        """The text of a repository file as the model may see it, or None when there is no
        such file inside the repository."""
        try:
            real = (self.root / relative).resolve()
            if self._real_root not in real.parents or not real.is_file():
                return None
            if self.is_masked_file(real.stat()):
                return self.masked_text
            return real.read_text("utf-8", "replace")
        except OSError:
            return None


def _file_id(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_dev, stat.st_ino
