"""Generation: each sample's answer, from its solver under its provider's limits.

Samples start as their instance's task arrives, so the first request leaves with the first
task. Task creation is bounded (a 20k-sample run does not hold 20k tasks), and answers go
on through a bounded channel, so generation never runs far ahead of evaluation.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, TypeVar

import anyio
import msgspec
from anyio.abc import ObjectReceiveStream, ObjectSendStream

from .._errors import AuthenticationFailed, FatalModelError, ModelError, RateLimited
from ..adapters import ModelAPI, ModelOutput, ModelRequest
from ..answers import MAX_ANSWER_BYTES
from ..cache import ResponseCache
from ..cache import cache_key as cache_key_for
from ..events import AnswerReceived, InfraFailed, ModelFailed
from ..imports import ImportedAnswer
from ..instance import Instance
from ..limits import ProviderLimiter
from ..pricing import PriceTable
from ..redact import redact
from ..repos import WorkingCopies
from ..results import LogFold
from ..retry import CircuitBreaker, RetryPolicy, call_model
from ..sandboxes import SandboxBackend
from ..solvers import Solver
from ..task import Task
from .sample import Emit, Key, Sample, SampleEnds

__all__ = ["GenerationStage", "LoggedAnswersOnly", "answer_text"]

T = TypeVar("T")


def answer_text(text: str) -> dict[str, Any]:
    """An answer as the log keeps it: valid Unicode, and at most one character past the
    size limit (extraction refuses it all the same, without a 50 MB line in the log)."""
    fields: dict[str, Any] = {}
    if len(text) > MAX_ANSWER_BYTES:
        fields["text_length"] = len(text)
        text = text[: MAX_ANSWER_BYTES + 1]
    # Lone surrogates (bytes that were never UTF-8) cannot be written as JSON; the log and
    # the integration must see the same text, so they become U+FFFD here, once.
    fields["text"] = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return fields


class LoggedAnswersOnly(ModelAPI):
    """Stands for a model whose answers are already in the log (``ase evaluate``)."""

    async def generate(self, request: ModelRequest) -> ModelOutput:
        raise FatalModelError(f"{self.name}: evaluate-only runs call no model")

    def connection_key(self) -> str:
        return f"logged|{self.name}"


class GenerationStage:
    """Asks each system for its answers and sends them on to evaluation.

    Args:
        models: the model of each system.
        solvers: the solver of each system.
        limiters: the provider limiter of each connection key (shared across runs).
        breakers: the circuit breaker of each connection key.
        retry: the retry policy.
        fold: the run's state (answers logged before a crash are evaluated, not asked again).
        emit: logs events.
        ends: ends samples that stop here.
        copies: working copies for solvers that work in the sandbox.
        backend: opens those sandbox sessions.
        cache: the response cache, when the run has one.
        prices: the cost of usage.
        evaluate: the run evaluates answers (no sample ends here without a verdict).
        concurrency: samples in the making at once.
    """

    def __init__(self, *, models: Mapping[str, ModelAPI], solvers: Mapping[str, Solver],
                 limiters: Mapping[str, ProviderLimiter], breakers: Mapping[str, CircuitBreaker], retry: RetryPolicy,
                 fold: LogFold, emit: Emit, ends: SampleEnds, copies: WorkingCopies, backend: SandboxBackend,
                 cache: ResponseCache | None, prices: PriceTable, evaluate: bool, concurrency: int) -> None:
        self.models = models
        self.solvers = solvers
        self.limiters = limiters
        self.breakers = breakers
        self.retry = retry
        self.fold = fold
        self.emit = emit
        self.ends = ends
        self.copies = copies
        self.backend = backend
        self.cache = cache
        self.prices = prices
        self.evaluate = evaluate
        self.concurrency = concurrency
        #: connection key -> the provider's refusal: no other sample asks again
        self.refused_keys: dict[str, str] = {}
        self.imported_now: set[Key] = set()

    async def run(self, tasks: ObjectReceiveStream[tuple[Instance, Task]], plan: Mapping[str, Sequence[tuple[str, int]]],
                  imports: Mapping[str, Sequence[ImportedAnswer]], send: ObjectSendStream[Sample] | None) -> None:
        """Start the planned samples of each instance as its task arrives.

        ``plan`` maps an instance to the (system, cycle) pairs still to do; ``imports``
        holds answers produced elsewhere, logged against the instance's task when it
        arrives. ``send`` is None when nothing is evaluated (``ase generate``).
        """
        gate = anyio.Semaphore(self.concurrency)
        async with contextlib.AsyncExitStack() as stack:
            if send is not None:
                await stack.enter_async_context(send)
            await stack.enter_async_context(tasks)
            group = await stack.enter_async_context(anyio.create_task_group())
            async for instance, task in tasks:
                for imported in imports.get(instance.instance_id, ()):
                    self._import(imported, task)
                for system, cycle in plan.get(instance.instance_id, ()):
                    await gate.acquire()
                    group.start_soon(self._one_gated, system, instance, task, cycle, send, gate)

    async def _one_gated(self, system: str, instance: Instance, task: Task, cycle: int,
                         send: ObjectSendStream[Sample] | None, gate: anyio.Semaphore) -> None:
        try:
            sample = await self.answer(Sample(key=(system, instance.instance_id, cycle), instance=instance, task=task))
        finally:
            gate.release()
        if sample is not None and send is not None:
            await send.send(sample)

    def _import(self, imported: ImportedAnswer, task: Task) -> None:
        """Log an answer produced elsewhere as this run's, against the task just built."""
        key = (imported.model, imported.instance_id, imported.cycle)
        logged = self.fold.samples.get(key)
        if logged is not None and logged.answered:
            return  # imported before; a resumed evaluation keeps what it has
        self.imported_now.add(key)
        self.emit(AnswerReceived(model=key[0], instance_id=key[1], cycle=key[2], task_digest=task.digest,
                                 **answer_text(imported.answer), params={"imported": True}, solver="imported"))

    async def answer(self, sample: Sample) -> Sample | None:
        """The sample with its answer, or None when it ended here (a model failure)."""
        key = sample.key
        system, instance_id, cycle = key
        logged = self.fold.samples.get(key)
        if logged is not None and logged.answer is not None and logged.answer.task_digest == sample.task.digest:
            sample.answer = logged.answer  # answered before a crash: evaluate, do not ask again
            if key not in self.imported_now:
                # Logged again to start this evaluation afresh; an answer imported by this
                # very run is already the last word in the log.
                self.emit(logged.answer)
        else:
            refused = self.refused_keys.get(self.models[system].connection_key())
            result: AnswerReceived | ModelFailed
            try:
                if refused is not None:
                    result = ModelFailed(model=system, instance_id=instance_id, cycle=cycle, kind="auth",
                                         message=refused, attempts=0, setup=True)
                else:
                    result = await self._solve(system, sample)
            except Exception as exc:  # an adapter bug: a model error, not a crash of the run
                result = ModelFailed(model=system, instance_id=instance_id, cycle=cycle,
                                     kind="adapter_error", message=f"{type(exc).__name__}: {exc}"[:2000])
            if isinstance(result, ModelFailed) and result.setup:
                # A key refused or a provider out of reach is the set-up's fault: the sample
                # is left out of the scores and asked again when the run resumes.
                self.emit(InfraFailed(model=system, instance_id=instance_id, cycle=cycle, stage="provider",
                                      message=result.message))
                if self.evaluate:
                    self.ends.score(key)
                return None
            self.emit(result)
            if isinstance(result, ModelFailed):
                if self.evaluate:
                    self.ends.score(key)
                return None
            sample.answer = result
        if not self.evaluate:
            self.fold.samples[key].answer = None  # it is in the log; memory stays flat
            return None
        return sample

    async def _with_limits(self, model: ModelAPI, call: Callable[[], Awaitable[T]], estimated: float) -> tuple[T, int]:
        """One model call under its provider's limiter, retried by the policy."""
        limiter = self.limiters[model.connection_key()]

        async def attempt() -> T:
            await limiter.acquire(estimated)
            used: float | None = None
            try:
                refused = self.refused_keys.get(model.connection_key())
                if refused is not None:  # refused while this call waited for its turn: do not ask
                    raise AuthenticationFailed(refused)
                output = await call()
                usage = getattr(output, "usage", None)
                if usage is not None:
                    used = float(usage.input_tokens + usage.output_tokens)
                limiter.record_success()
                return output
            except RateLimited as exc:
                limiter.record_rate_limited(exc.retry_after)
                raise
            except AuthenticationFailed as exc:
                self._note_setup_fault(model, exc)  # before the release wakes the next caller
                raise
            finally:
                limiter.release(used_tokens=used, estimated_tokens=estimated)

        return await call_model(attempt, policy=self.retry, breaker=self.breakers[model.connection_key()])

    def _note_setup_fault(self, model: ModelAPI, exc: ModelError) -> None:
        if isinstance(exc, AuthenticationFailed):
            self.refused_keys.setdefault(model.connection_key(), redact(str(exc))[:2000])

    async def _solve(self, system: str, sample: Sample) -> AnswerReceived | ModelFailed:
        """Ask the system's solver, under the provider's limiter, with bounded retries."""
        model, solver = self.models[system], self.solvers[system]
        key = sample.key
        fields: dict[str, Any] = {"model": key[0], "instance_id": key[1], "cycle": key[2]}
        task = sample.task
        attempts = 0

        async def call(fn: Callable[[], Awaitable[Any]], estimated: float) -> Any:
            nonlocal attempts
            result, tries = await self._with_limits(model, fn, estimated)
            attempts += tries
            return result

        if not solver.needs_session:
            params = model.params()
            cache_key = None
            if self.cache is not None:
                cache_key = cache_key_for(provider_key=model.connection_key(), model=model.name,
                                          messages=msgspec.to_builtins(task.messages), params=params, cycle=key[2])
                hit = await self.cache.get(cache_key)
                if hit is not None:
                    with contextlib.suppress(msgspec.ValidationError):
                        output = msgspec.convert(hit, ModelOutput)
                        return AnswerReceived(**fields, task_digest=task.digest, **answer_text(output.text),
                                              finish_reason=output.finish_reason, usage=output.usage,
                                              params={**params, **output.params}, cached=True, attempts=0)
            started = time.monotonic()
            try:
                output, _turns = await solver.solve(task, None, call=call, emit=self.emit, cycle=key[2], key=key)
            except ModelError as exc:
                self._note_setup_fault(model, exc)
                return ModelFailed(**fields, kind=exc.kind, message=redact(str(exc))[:2000],
                                   attempts=getattr(exc, "attempts", 1), setup=exc.setup)
            if self.cache is not None and cache_key is not None and len(output.text) <= MAX_ANSWER_BYTES:
                await self.cache.put(cache_key, msgspec.to_builtins(output))
            return AnswerReceived(**fields, task_digest=task.digest, **answer_text(output.text),
                                  finish_reason=output.finish_reason, usage=self._priced(model, output),
                                  params={**params, **output.params}, latency_s=round(time.monotonic() - started, 3),
                                  attempts=attempts)
        # Agents and command-line agents work on their own copy of the masked repository.
        templates = await self.copies.templates(sample.instance)
        workdir = await self.copies.checkout(templates, f"{system}__{key[1]}__c{key[2]}__solver", owner=system)
        started = time.monotonic()
        try:
            async with await self.backend.open(workdir, writable=solver.writable) as session:
                output, turns = await solver.solve(task, session, call=call, emit=self.emit, cycle=key[2], key=key)
        except ModelError as exc:
            self._note_setup_fault(model, exc)
            return ModelFailed(**fields, kind=exc.kind, message=redact(str(exc))[:2000], attempts=max(1, attempts),
                               setup=exc.setup)
        finally:
            await self.ends.remove_path(workdir)
        return AnswerReceived(**fields, task_digest=task.digest, **answer_text(output.text),
                              finish_reason=output.finish_reason, usage=self._priced(model, output),
                              params={**model.params(), "solver": solver.name},
                              latency_s=round(time.monotonic() - started, 3), attempts=max(1, attempts), turns=turns,
                              solver=solver.name)

    def _priced(self, model: ModelAPI, output: ModelOutput) -> Any:
        usage = output.usage
        cost = self.prices.cost(model.name, usage)
        return msgspec.structs.replace(usage, cost_usd=cost) if cost is not None else usage
