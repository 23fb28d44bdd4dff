"""The programmatic API, for other async services.

``await evaluate(config)`` runs an evaluation and returns its results. ``open_run`` hands
out the events as they happen::

    async with ase_async.open_run(config) as handle:
        async for event in handle.events():
            ...
    print(handle.results)

Any number of runs may go on at once in one event loop (each with its own ``out``); they
share the provider limiters of the keys they have in common. Cancelling a run (leaving the
``async with`` early, or cancelling the task that awaits ``evaluate``) stops it cleanly:
the event log stays resumable and no process is left behind.

``executor="ray"`` runs the sandbox sessions and scans on a Ray cluster (``ray`` options:
its address, the workers' resources); the models, limiters, log and scoring stay here.
"""

from __future__ import annotations

import math
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

import anyio
from anyio.streams.memory import MemoryObjectReceiveStream

from .adapters import ModelAPI
from .config import RunConfig
from .events import Event
from .executors import Executor, RayOptions
from .results import Results
from .runner import Runner

__all__ = ["RunHandle", "evaluate", "open_run"]


async def evaluate(config: RunConfig, *, adapters: Sequence[ModelAPI] = (), executor: Executor = "local",
                   ray: RayOptions | None = None) -> Results:
    """Run an evaluation to the end and return its results (``executor="ray"``: on a Ray cluster)."""
    if executor == "ray" and config.phase != "generate":
        from .executors.ray_run import ray_seams

        async with ray_seams(config, ray) as seams:
            return await Runner(seams.config, adapters=adapters, backend=seams.backend, analyzer=seams.analyzer).run()
    return await Runner(config, adapters=adapters).run()


class RunHandle:
    def __init__(self, runner: Runner | None, receive: MemoryObjectReceiveStream[Event]) -> None:
        self.runner = runner
        self._receive = receive
        self.results: Results | None = None

    async def events(self) -> AsyncIterator[Event]:
        """Every event of the run, in order, until it ends."""
        async with self._receive:
            async for event in self._receive:
                yield event


@asynccontextmanager
async def open_run(config: RunConfig, *, adapters: Sequence[ModelAPI] = (), executor: Executor = "local",
                   ray: RayOptions | None = None) -> AsyncIterator[RunHandle]:
    # Unbounded on purpose: events are emitted synchronously from the run and must never be
    # dropped; a consumer that reads slower than the run holds them in memory.
    send, receive = anyio.create_memory_object_stream[Event](math.inf)

    def deliver(event: Event) -> None:
        try:
            send.send_nowait(event)
        except (anyio.BrokenResourceError, anyio.ClosedResourceError):
            pass  # the consumer stopped reading; the run's own log still has every event

    on_ray = executor == "ray" and config.phase != "generate"
    handle = RunHandle(None if on_ray else Runner(config, adapters=adapters, listener=deliver), receive)

    async def drive() -> None:
        async with send:
            if handle.runner is not None:
                handle.results = await handle.runner.run()
                return
            from .executors.ray_run import ray_seams

            async with ray_seams(config, ray) as seams:
                handle.runner = Runner(seams.config, adapters=adapters, listener=deliver, backend=seams.backend,
                                       analyzer=seams.analyzer)
                handle.results = await handle.runner.run()

    async with anyio.create_task_group() as group:
        group.start_soon(drive)
        try:
            yield handle
        finally:
            if handle.results is None:
                group.cancel_scope.cancel()  # the caller left early: stop the run cleanly
