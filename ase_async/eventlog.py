"""``events.jsonl``: append-only, one event per line, safe to kill at any moment.

Each event is written with a single ``write`` of one complete line and flushed, so a
SIGKILL can at worst leave a torn last line. Readers skip a torn last line; a writer that
reopens a log cuts it off first, so appended events always start on a fresh line.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import msgspec

from ._errors import EventLogError
from .events import Event
from .redact import redact_bytes

__all__ = ["EventWriter", "read_events"]

_encoder = msgspec.json.Encoder()
_decoder = msgspec.json.Decoder(Event)


def read_events(path: str | Path) -> Iterator[Event]:
    """Yield the events of a log in order, streaming, tolerating a torn last line.

    Raises:
        EventLogError: the file is missing, or a line other than the last is not an event.
    """
    path = Path(path)
    try:
        handle = open(path, "rb")
    except OSError as exc:
        raise EventLogError(f"{path}: cannot read the event log ({exc.strerror})") from exc
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                yield _decoder.decode(line)
            except msgspec.DecodeError as exc:
                if not line.endswith(b"\n") and not handle.read(1):
                    return  # a write cut short by a crash: the event never happened
                raise EventLogError(f"{path}, line {number}: not an event ({exc})") from exc


def _cut_torn_tail(path: Path) -> None:
    """Drop an incomplete last line left by a killed writer."""
    with open(path, "rb+") as handle:
        handle.seek(0, os.SEEK_END)
        size = handle.tell()
        if size == 0:
            return
        handle.seek(size - 1)
        if handle.read(1) == b"\n":
            return
        # Walk back to the last newline; logs are small enough per line for this to be cheap.
        block = 65536
        position = size
        while position > 0:
            start = max(0, position - block)
            handle.seek(start)
            chunk = handle.read(position - start)
            index = chunk.rfind(b"\n")
            if index >= 0:
                handle.truncate(start + index + 1)
                return
            position = start
        handle.truncate(0)


class EventWriter:
    """Appends events to a log and hands each one to live listeners.

    Writes are synchronous on purpose: one short line into the page cache costs a few
    microseconds, less than a hop to a worker thread, and keeps the order of the log equal
    to the order in which things happened.
    """

    def __init__(self, path: str | Path, *, fsync: bool = False) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.path.exists():
            _cut_torn_tail(self.path)
        self._handle: IO[bytes] | None = open(self.path, "ab")
        self._fsync = fsync
        self._listeners: list[Callable[[Event], None]] = []

    def subscribe(self, listener: Callable[[Event], None]) -> Callable[[], None]:
        """Call ``listener`` with every event from now on; returns the unsubscribe function."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def emit(self, event: Event) -> Event:
        if self._handle is None:
            raise EventLogError(f"{self.path}: the event log is closed")
        if not event.time:
            event = msgspec.structs.replace(event, time=round(time.time(), 3))
        self._handle.write(redact_bytes(_encoder.encode(event)) + b"\n")
        self._handle.flush()
        if self._fsync:
            os.fsync(self._handle.fileno())
        for listener in tuple(self._listeners):
            listener(event)
        return event

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def __enter__(self) -> EventWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
