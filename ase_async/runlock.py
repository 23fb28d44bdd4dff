"""One run per output folder at a time: an exclusive lock on ``<out>/.lock``.

A second ``ase run`` on a folder in use would wipe the first one's working copies and
interleave two writers in one event log; the lock makes it stop with a clear error instead.
The kernel drops the lock with the process, so a killed run never leaves a stale one.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from ._errors import ConfigError

__all__ = ["RunLock"]


class RunLock:
    def __init__(self, out: Path) -> None:
        self.path = Path(out) / ".lock"
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock, or fail at once.

        Raises:
            ConfigError: another run holds the folder.
        """
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise ConfigError(
                f"another ase run is using {self.path.parent}: wait for it to end, or choose another --out"
            ) from None
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
