"""Task building: each instance's prompt, streamed as it is ready, then its working copies.

::

    instances ──► prompt (BM25 + tokens, from the repository read in place) ──► [channel]
                       └──► templates (copies, clones, exports: their own limit) ──► baselines

Instances are built concurrently, so the first request leaves as soon as the first task is
ready rather than after the last. Ranking and token counting are CPU-bound pure Python. The
first task is built in a thread (its request does not wait for a worker process to start),
and what it cost decides where the others go: when the whole build would hold the event
loop's GIL for long (large repositories, the published data), the rest run in a pool of
worker processes sized to the cores; when it is light (ase-lite: about 8 ms a prompt), they
stay in threads, because starting and feeding the workers would cost more CPU than the
prompts themselves.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Iterable, Sized

import anyio
import anyio.to_process
import msgspec
from anyio.abc import ObjectSendStream

from ..events import TaskBuilt
from ..instance import Instance
from ..maskedrepo import MaskedRepository
from ..repos import InstanceTemplates, WorkingCopies
from ..task import ContextSource, Contract, PromptStyle, Task, build_task
from ..tokens import get_tokenizer
from .sample import Emit

__all__ = ["TaskOptions", "TaskStage"]

#: CPU seconds of prompt building in all (estimated from the first prompt) above which the
#: worker processes pay: below it, threads interleave it with the event loop unnoticed, and
#: two workers would cost more to start than it (measured on ase-lite, 120 prompts of about
#: 8 ms each: 0.75 s more CPU per ``ase generate`` with the pool than without)
POOL_WORTH_CPU_SECONDS = 5.0


class TaskOptions(msgspec.Struct, frozen=True, kw_only=True):
    """How prompts are built (the run's settings that decide a task's digest)."""

    contract: Contract
    budget: int
    tokenizer: str
    prompt_style: PromptStyle
    context_source: ContextSource


class TaskStage:
    """Builds each instance's task once, logs it once, and streams it on.

    Args:
        copies: makes the instance templates (clones and exports go under its own limit).
        options: prompt settings.
        emit: logs ``task_built`` events.
        known: the task digest already logged per instance (a resumed run logs a prompt once).
        processes: worker processes for ranking and counting; 0 builds in threads.
        concurrency: instances in the making at once.
    """

    def __init__(self, copies: WorkingCopies, options: TaskOptions, emit: Emit, *, known: dict[str, str],
                 processes: int, concurrency: int) -> None:
        self.copies = copies
        self.options = options
        self.emit = emit
        self.known = known
        self.tasks: dict[str, Task] = {}
        self._pool = anyio.CapacityLimiter(processes) if processes > 0 else None
        # Building a prompt is CPU work under the GIL: in threads, one at a time. More threads
        # only pass the GIL to and fro with the event loop (ase generate on ase-lite: a third
        # fewer context switches with one, and no later request).
        self._threads = anyio.CapacityLimiter(1)
        self._concurrency = max(1, concurrency)
        self._first_done = False
        self._expected = 0

    async def stream(self, instances: Iterable[Instance],
                     send: ObjectSendStream[tuple[Instance, Task]],
                     templates_ready: ObjectSendStream[InstanceTemplates] | None = None) -> None:
        """Build every instance's task, sending each on as soon as it is ready.

        ``templates_ready`` gets each instance's templates as they appear (the baselines
        stage measures them while prompts are still being built).

        Raises:
            DatasetError: an instance's repository or region cannot be prepared.
        """
        gate = anyio.Semaphore(self._concurrency)
        self._expected = len(instances) if isinstance(instances, Sized) else 0
        async with send:
            try:
                async with anyio.create_task_group() as group:
                    # Loading the encoding reads a large file: overlap it with the first clone.
                    group.start_soon(anyio.to_thread.run_sync, get_tokenizer, self.options.tokenizer)
                    for n, instance in enumerate(instances):
                        await gate.acquire()
                        if n == 0:
                            # The first task alone: its request leaves before the others
                            # compete with it for the disk and the interpreter.
                            await self._one(instance, send, templates_ready, gate)
                        else:
                            group.start_soon(self._one, instance, send, templates_ready, gate)
            finally:
                if templates_ready is not None:
                    await templates_ready.aclose()

    async def _one(self, instance: Instance, send: ObjectSendStream[tuple[Instance, Task]],
                   templates_ready: ObjectSendStream[InstanceTemplates] | None, gate: anyio.Semaphore) -> None:
        try:
            task = await self.build(instance, await self.copies.prompt_repository(instance))
        finally:
            gate.release()
        await send.send((instance, task))
        if templates_ready is not None:
            # after the request is on its way: the copies are for the baselines and the samples
            await templates_ready.send(await self.copies.templates(instance, committed=False))

    async def build(self, instance: Instance, repository: MaskedRepository) -> Task:
        """The instance's task, logged when its prompt is new to the log."""
        # ``build_task`` itself goes to the workers: they import ``ase_async.task`` alone.
        options = self.options
        call = functools.partial(build_task, instance, repository, contract=options.contract,
                                 budget=options.budget, tokenizer=options.tokenizer,
                                 prompt_style=options.prompt_style, context_source=options.context_source)
        if not self._first_done:
            self._first_done = True
            task, cpu = await anyio.to_thread.run_sync(_timed, call, limiter=self._threads)
            if self._pool is not None and cpu * (self._expected - 1) < POOL_WORTH_CPU_SECONDS:
                self._pool = None
        elif self._pool is None:
            task = await anyio.to_thread.run_sync(call, limiter=self._threads)
        else:
            task = await anyio.to_process.run_sync(call, limiter=self._pool)
        self.tasks[instance.instance_id] = task
        if self.known.get(instance.instance_id) != task.digest:
            self.emit(TaskBuilt(
                instance_id=instance.instance_id, contract=task.contract, digest=task.digest,
                messages=list(task.messages), prompt_tokens=task.prompt_tokens, tokenizer=task.tokenizer,
                context_files=list(task.context_files), dropped_files=list(task.dropped_files),
            ))
        return task


def _timed(call: functools.partial[Task]) -> tuple[Task, float]:
    """The task and the CPU seconds this thread spent building it."""
    started = time.thread_time()
    task = call()
    return task, time.thread_time() - started
