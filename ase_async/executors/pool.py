"""The driver's view of the cluster's workers: who is alive, who has capacity, and calls.

Scheduling is work-conserving and pulled: each worker offers a number of session slots and
scan slots, and whoever needs one takes the first free slot of any live worker, waiting only
when every worker is busy. A fast node frees slots sooner and so takes more work; nothing is
assigned round robin. The driver's own bounded channels and limiters sit in front of the
pool, so a busy cluster pushes back on generation.

A worker whose actor dies (its node was lost) is marked lost: its slots go, and the caller
gets :class:`WorkerLost` to redo its work on another worker.
"""

from __future__ import annotations

from collections import deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, Literal

import anyio
import structlog

from .._errors import SandboxError
from .worker import WorkerInfo

__all__ = ["Slot", "Worker", "WorkerLost", "WorkerPool"]

log = structlog.get_logger()

Slot = Literal["session", "scan"]


class WorkerLost(SandboxError):
    """A worker's actor died (its node is gone); what it held is lost with it."""


@dataclass(eq=False)
class Worker:
    """One actor on one node."""

    handle: Any
    info: WorkerInfo
    alive: bool = True


class WorkerPool:
    """Slots of live workers, taken by whoever asks first.

    Args:
        workers: the started workers.
        sessions: session slots per worker.
        scans: scan slots per worker (a scan is one semgrep process: about a core).
    """

    def __init__(self, workers: list[Worker], *, sessions: int, scans: int) -> None:
        self.workers = workers
        self.per_worker = {"session": max(1, sessions), "scan": max(1, scans)}
        self._free: dict[str, deque[Worker]] = {
            kind: deque(w for _ in range(n) for w in workers) for kind, n in self.per_worker.items()
        }
        self._changed = anyio.Condition()

    @property
    def live(self) -> list[Worker]:
        return [w for w in self.workers if w.alive]

    def capacity(self, kind: Slot) -> int:
        """Slots of this kind across the live workers."""
        return self.per_worker[kind] * len(self.live)

    async def acquire(self, kind: Slot, *, avoid: Worker | None = None) -> Worker:
        """The first free slot of a live worker (waiting while all are busy).

        Raises:
            WorkerLost: no worker is left alive.
        """
        async with self._changed:
            while True:
                free = self._free[kind]
                for _ in range(len(free)):
                    worker = free.popleft()
                    if not worker.alive:
                        continue  # its slots leave with it
                    if worker is avoid and len(self.live) > 1:
                        free.append(worker)
                        continue
                    return worker
                if not self.live:
                    raise WorkerLost("every Ray worker is gone: the cluster lost all its worker nodes")
                await self._changed.wait()

    async def release(self, kind: Slot, worker: Worker) -> None:
        async with self._changed:
            if worker.alive:
                self._free[kind].append(worker)
            self._changed.notify_all()

    @asynccontextmanager
    async def slot(self, kind: Slot) -> AsyncIterator[Worker]:
        worker = await self.acquire(kind)
        try:
            yield worker
        finally:
            with anyio.CancelScope(shield=True):
                await self.release(kind, worker)

    async def lost(self, worker: Worker, reason: BaseException) -> None:
        if worker.alive:
            worker.alive = False
            log.warning("ray worker lost; its work is redone elsewhere", node=worker.info.node,
                        host=worker.info.host, error=f"{type(reason).__name__}: {reason}"[:300])
        async with self._changed:
            self._changed.notify_all()  # waiters re-check: maybe no worker is left

    async def call(self, worker: Worker, method: str, *args: Any) -> Any:
        """Call a worker's method; its own errors come back as they were raised there.

        Raises:
            WorkerLost: the worker's actor died (the worker is marked lost).
        """
        from ray import exceptions as ray_errors

        if not worker.alive:
            raise WorkerLost(f"the worker on node {worker.info.node} is gone")
        try:
            return await getattr(worker.handle, method).remote(*args)
        except ray_errors.RayTaskError as exc:
            cause = getattr(exc, "cause", None)
            if isinstance(cause, Exception):
                raise cause from None  # the worker's own error (a SandboxError), as raised there
            raise SandboxError(f"ray worker failed: {exc}"[:2000]) from None
        except (ray_errors.RayActorError, ray_errors.ObjectLostError) as exc:
            await self.lost(worker, exc)
            raise WorkerLost(f"the worker on node {worker.info.node} ({worker.info.host}) is gone") from exc
