"""What flows between the stages of a run: one sample, and how a stage ends it.

A stage never reaches back into the runner. It gets what it needs, an ``emit`` callable
that logs an event (and folds it into the run's state), and a :class:`SampleEnds` that
closes a sample: scores it, or records a failure of the harness, and removes its working
copy.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import anyio
import structlog

from ..events import AnswerReceived, Event, InfraFailed, SampleScored
from ..instance import Instance
from ..results import LogFold
from ..task import Task

__all__ = ["Emit", "Key", "Sample", "SampleEnds"]

T = TypeVar("T")

log = structlog.get_logger()

#: (system, instance id, cycle)
Key = tuple[str, str, int]
#: logs one event and returns it as written (with its time)
Emit = Callable[[Event], Event]


@dataclass
class Sample:
    """One (system, instance, cycle) on its way through the stages."""

    key: Key
    instance: Instance
    task: Task
    answer: AnswerReceived | None = None
    workdir: Path | None = None
    started: float = field(default_factory=time.monotonic)

    @property
    def label(self) -> str:
        """The key as one string (``model|instance|cycle``), as candidates and events name it."""
        return "|".join(map(str, self.key))


class SampleEnds:
    """Ends samples: the one place a ``sample_scored`` or ``infra_failed`` event is made.

    Args:
        emit: logs an event.
        fold: the run's state, which the verdict is derived from.
        remove: removes a working copy (``None`` keeps them, ``--keep-workdirs``).
    """

    def __init__(self, emit: Emit, fold: LogFold, remove: Callable[[Path], Awaitable[None]] | None) -> None:
        self._emit = emit
        self._fold = fold
        self._remove = remove

    def score(self, key: Key) -> None:
        """Log the sample's verdict, derived from its events so far."""
        outcome = self._fold.samples[key].outcome(key)
        self._emit(SampleScored(model=key[0], instance_id=key[1], cycle=key[2], outcome=outcome.outcome,
                                quality=outcome.quality, secure=outcome.secure))

    def infra(self, sample: Sample, stage: str, exc: BaseException) -> None:
        """The harness failed this sample (never the model): logged, scored, redone on resume."""
        log.error("infrastructure failure", sample=sample.key, stage=stage, error=f"{type(exc).__name__}: {exc}")
        model, instance_id, cycle = sample.key
        self._emit(InfraFailed(model=model, instance_id=instance_id, cycle=cycle, stage=stage,
                               message=f"{type(exc).__name__}: {exc}"[:2000]))
        self.score(sample.key)

    async def discard(self, sample: Sample) -> None:
        """Remove the sample's working copy (shielded: cancellation must not leave it behind)."""
        if sample.workdir is not None:
            await self.remove_path(sample.workdir)

    async def remove_path(self, path: Path) -> None:
        """Remove one working copy, unless the run keeps them."""
        if self._remove is not None:
            with anyio.CancelScope(shield=True):
                await self._remove(path)

    async def finish(self, sample: Sample) -> None:
        """Score the sample and remove its working copy."""
        self.score(sample.key)
        await self.discard(sample)


async def gather_batch(receive: Any, batch: list[T], *, size: int, wait: float) -> list[T]:
    """Add to ``batch`` what ``receive`` has ready, up to ``size`` items or ``wait`` seconds.

    Polled, not a cancelled receive(): cancelling a receive can drop an item that was
    already handed over.
    """
    deadline = time.monotonic() + wait
    while len(batch) < size:
        try:
            batch.append(receive.receive_nowait())
        except anyio.WouldBlock:
            if time.monotonic() >= deadline:
                break
            await anyio.sleep(0.02)
        except anyio.EndOfStream:
            break
    return batch
