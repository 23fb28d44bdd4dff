"""The scheduler: samples flow through bounded stages under separate limits.

::

    samples ──► generate ──► [channel] ──► integrate + check ──► [channel] ──► analyze (batched)
                (per-provider            (sandbox sessions)                 (semgrep processes)
                 limiter)

Every stage is a set of tasks in one task group (structured concurrency: nothing outlives
the run). Channels are bounded, so generation never runs far ahead of evaluation and
memory stays flat however large the run. Each sample ends in exactly one ``sample_scored``
event; a failure of the harness around one sample ends that sample as an infrastructure
error and the run goes on.
"""

from __future__ import annotations

import contextlib
import functools
import shutil
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import anyio
import msgspec
import structlog
from anyio.abc import ObjectReceiveStream, ObjectSendStream
from anyio.streams.memory import MemoryObjectReceiveStream

from . import __version__
from ._errors import (
    AnalyzerError,
    AnswerError,
    AuthenticationFailed,
    ConfigError,
    DatasetError,
    EventLogError,
    FatalModelError,
    ModelError,
    PreflightError,
    RateLimited,
    SandboxError,
)
from .adapters import ModelAPI, ModelOutput, get_model
from .adapters.agent import AgentSolver
from .adapters.base import ChatTurn
from .adapters.cli_agent import CliSolver
from .answers import MAX_ANSWER_BYTES, extract_code, extract_diff
from .cache import ResponseCache
from .cache import cache_key as cache_key_for
from .config import RunConfig
from .dataset import Dataset, load_dataset, rule_packs_root
from .eventlog import EventWriter, read_events
from .events import (
    AnswerReceived,
    BaselineMeasured,
    DynamicChecked,
    Event,
    InfraFailed,
    InstanceMeta,
    Integrated,
    ModelFailed,
    RunFinished,
    RunStarted,
    SampleScored,
    Scanned,
    SyntaxChecked,
    TaskBuilt,
)
from .instance import Instance
from .limits import LimitSettings, ProviderLimiter, limiter_for
from .masking import splice
from .patches import apply_patch, check_patch, parse_patch
from .preflight import check_tools, require
from .pricing import load_prices
from .redact import redact
from .repos import InstanceTemplates, WorkingCopies, source_files
from .results import LogFold, Results, fold_events, results_from_log, write_results
from .retry import CircuitBreaker, breaker_for, call_model
from .rules import Analyzer, Candidate, ScanResult, SemgrepAnalyzer
from .rules._containers import BackendImages, CliImages
from .rules.composite import CompositeAnalyzer
from .rules.dynamic import CHECK_DIR, checks_folder, run_checks
from .rules.semgrep import semgrep_command
from .rules.upstream import DynamicAnalyzer
from .runlock import RunLock
from .sandboxes import SandboxBackend, get_backend
from .sandboxes.base import Sandbox
from .syntax import check_files
from .task import Task, build_task
from .upstream.repocache import RepoCache

__all__ = ["Runner", "run"]

log = structlog.get_logger()

Key = tuple[str, str, int]
T = TypeVar("T")



def _answer_text(text: str) -> dict[str, Any]:
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


class _LoggedAnswersOnly(ModelAPI):
    """Stands for a model whose answers are already in the log (``ase evaluate``)."""

    async def generate(self, task: Task, *, cycle: int) -> ModelOutput:
        raise FatalModelError(f"{self.name}: evaluate-only runs call no model")

    def connection_key(self) -> str:
        return f"logged|{self.name}"


@dataclass
class _Sample:
    key: Key
    instance: Instance
    task: Task
    answer: AnswerReceived | None = None
    workdir: Path | None = None
    touched: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)


class Runner:
    """One run: its config, dataset, event log and the seams it drives."""

    def __init__(
        self,
        config: RunConfig,
        *,
        listener: Callable[[Event], None] | None = None,
        adapters: Sequence[ModelAPI] = (),
        on_plan: Callable[[int, int], None] | None = None,
    ) -> None:
        self.config = config
        self.on_plan = on_plan
        self.given_adapters = {a.name: a for a in adapters}
        self.out = config.out_dir
        self.dataset: Dataset = load_dataset(config.dataset, seed_mapping=config.seed_mapping)
        if config.instances:
            self.dataset = self.dataset.subset(config.instances)
        self.listener = listener
        self.run_id = uuid.uuid4().hex[:12]
        self.work_root = self.out / "work"
        self.lock = RunLock(self.out)
        self.fold = LogFold()
        self.tasks: dict[str, Task] = {}
        self.presence_floor: dict[str, int] = {}
        self.baseline_failures: dict[str, str] = {}
        self.imported_now: set[Key] = set()
        self.refused_keys: dict[str, str] = {}  # connection key -> the provider's refusal  # instance id -> why its original could not be scanned
        self.baselines_ready: anyio.Event | None = None  # made in run(): events belong to a loop
        self.writer: EventWriter | None = None
        self.backend: SandboxBackend | None = None
        self.analyzer: Analyzer | None = None
        self.copies: WorkingCopies | None = None
        self.models: dict[str, ModelAPI] = {}
        self.solvers: dict[str, AgentSolver | CliSolver | None] = {}
        self.limiters: dict[str, ProviderLimiter] = {}
        self.breakers: dict[str, CircuitBreaker] = {}
        self.cache = ResponseCache(config.cache_dir) if config.cache_dir else None
        self.prices = load_prices(config.prices_file)
        self.total_samples = 0
        self.pending_samples = 0

    # -- setup -------------------------------------------------------------------------

    def _emit(self, event: Event) -> Event:
        assert self.writer is not None
        event = self.writer.emit(event)
        self.fold.add(event)
        return event

    def _open_log(self) -> bool:
        """Open the log, resuming when it exists. Returns True when resuming."""
        path = self.out / "events.jsonl"
        resumed = path.exists() and path.stat().st_size > 0
        if resumed:
            self.fold = fold_events(read_events(path))
            for previous in self.fold.runs:
                if previous.dataset_digest != self.dataset.digest() or previous.contract != self.config.contract:
                    raise EventLogError(
                        f"{path} belongs to a run with another dataset or contract "
                        f"({previous.dataset}, {previous.contract}); choose another --out"
                    )
        self.writer = EventWriter(path)
        if self.listener is not None:
            self.writer.subscribe(self.listener)
        return resumed

    def _make_solver(self, solver: str, model: ModelAPI) -> AgentSolver | CliSolver:
        if solver == "agent":
            return AgentSolver(model, self.config.agent_budgets, self.prices.cost)
        if solver.startswith("cli:") and solver[4:].strip():
            if self.config.sandbox != "docker":
                # A CLI agent is any program, with network to reach its model: only a
                # container confines it; the local sandbox has no network to give it.
                raise ConfigError(f"solver {solver!r} runs a command-line agent: it needs --sandbox docker")
            return CliSolver(solver[4:].strip(), model, timeout=self.config.agent_budgets.max_seconds)
        raise ConfigError(f"unknown solver {solver!r}: use single, agent or cli:COMMAND")

    def _make_model(self, spec: str) -> ModelAPI:
        if self.config.phase == "evaluate":
            return _LoggedAnswersOnly(spec)
        options = dict(self.config.model_options)
        if self.config.max_connections and "max_connections" not in options:
            options["max_connections"] = self.config.max_connections  # the HTTP pool follows the limiter
        return get_model(spec, dataset=self.dataset, config=self.config.generation_for(spec), **options)

    def _dataset_spec(self) -> str:
        spec = Path(self.config.dataset)
        return str(spec.resolve()) if spec.exists() else self.config.dataset

    def _instance_meta(self) -> list[InstanceMeta]:
        return [
            InstanceMeta(
                instance_id=i.instance_id, cwe_id=i.cwe_id, language=i.language, seed=i.seed,
                detected_vul_num=i.detected_vul_num, origin=i.origin.seed if i.origin else None,
                vuln_type=i.vuln_type, records=1 + self.dataset.duplicates.count(i.instance_id),
            )
            for i in self.dataset.instances
        ]

    async def _setup(self) -> None:
        self.out.mkdir(parents=True, exist_ok=True)
        self.lock.acquire()  # before anything in the folder is touched
        shutil.rmtree(self.work_root, ignore_errors=True)  # leftovers of a killed run
        self.work_root.mkdir(parents=True)
        options: dict[str, Any] = {"hide": [Path(self.dataset.root), rule_packs_root(), self.out.resolve()]}
        if self.config.sandbox in ("local", "flaky"):
            options.update(self.config.sandbox_options)
        else:
            options = dict(self.config.sandbox_options)
            if self.config.sandbox == "docker":
                options.setdefault("run_label", self.run_id)  # labels every container of this run
        self.backend = get_backend(self.config.sandbox, **options)
        if self.config.phase != "generate":
            # Before the log is opened and any model is called: a missing tool is a set-up
            # fault that would otherwise turn every sample into a failure of the model's.
            languages = {i.language for i in self.dataset.instances}
            try:
                semgrep = semgrep_command()
            except AnalyzerError:
                semgrep = "semgrep"  # not on this host: the preflight says so, with the fix
            require(await check_tools(self.backend, languages, scratch_parent=self.work_root, semgrep=semgrep))
        resumed = self._open_log()
        semgrep = SemgrepAnalyzer(self.backend, self.work_root, experimental=self.config.semgrep_experimental)
        if any(i.rule is None for i in self.dataset.instances):
            # Upstream instances: their analyzers are images (v1 static, v2 dynamic, command tools).
            self.analyzer = CompositeAnalyzer(
                semgrep, images=BackendImages(run_label=self.run_id),
                dynamic=DynamicAnalyzer(CliImages(run_label=self.run_id), verdict=self.config.dynamic_verdict),  # type: ignore[arg-type]
                command_tools=self.config.command_tools,
            )
        else:
            self.analyzer = semgrep
        cache = RepoCache(Path(self.config.repo_cache)) if self.config.repo_cache else None
        self.copies = WorkingCopies(self.dataset, self.work_root, repo_cache=cache)
        for spec in dict.fromkeys([*self.config.models, *self.given_adapters]):
            model = self.given_adapters.get(spec) or self._make_model(spec)
            for solver in self.config.solvers:
                system = spec if solver == "single" or self.config.phase == "evaluate" else f"{spec}+{solver}"
                self.models[system] = model
                self.solvers[system] = None if system == spec else self._make_solver(solver, model)
            key = model.connection_key()
            if key not in self.limiters:
                settings = LimitSettings(
                    max_in_flight=self.config.max_connections or model.max_connections(),
                    requests_per_minute=self.config.requests_per_minute,
                    tokens_per_minute=self.config.tokens_per_minute,
                )
                self.limiters[key] = limiter_for(key, settings)
                self.breakers[key] = breaker_for(key)
        self._emit(
            RunStarted(
                run_id=self.run_id,
                dataset=self.dataset.name,
                dataset_digest=self.dataset.digest(),
                models=list(self.models),
                cycles=self.config.cycles,
                contract=self.config.contract,
                instances=self._instance_meta(),
                settings={
                    "dataset_spec": self._dataset_spec(),
                    "phase": self.config.phase,
                    "generation": msgspec.to_builtins(self.config.generation),
                    "sandbox": self.backend.describe(),
                    "analyzer": self.analyzer.describe(),
                    "prompt_budget": self.config.prompt_budget,
                    "tokenizer": self.config.tokenizer,
                    "batch_size": self.config.batch_size,
                },
                version=__version__,
                resumed=resumed,
            )
        )

    # -- tasks and baselines -------------------------------------------------------------

    async def _build_tasks(self) -> None:
        assert self.copies is not None
        known = self.fold.task_digests  # prompts already logged: not logged again
        for instance in self.dataset.instances:
            templates = await self.copies.templates(instance)
            task = await anyio.to_thread.run_sync(
                functools.partial(
                    build_task, instance, templates.masked, contract=self.config.contract,
                    budget=self.config.prompt_budget, tokenizer=self.config.tokenizer,
                    prompt_style=self.config.prompt_style, context_source=self.config.context_source,
                )
            )
            self.tasks[instance.instance_id] = task
            if known.get(instance.instance_id) != task.digest:
                self._emit(
                    TaskBuilt(
                        instance_id=instance.instance_id, contract=task.contract, digest=task.digest,
                        messages=list(task.messages), prompt_tokens=task.prompt_tokens,
                        tokenizer=task.tokenizer, context_files=list(task.context_files),
                        dropped_files=list(task.dropped_files),
                    )
                )

    def _import_answers(self) -> None:
        """Log answers produced elsewhere as this run's, against the tasks just built."""
        for imported in self.config.imported_answers:
            key = (imported.model, imported.instance_id, imported.cycle)
            task = self.tasks.get(imported.instance_id)
            if task is None:
                raise DatasetError(f"answer for unknown instance {imported.instance_id!r}", file=self.dataset.root,
                                   record=imported.instance_id)
            logged = self.fold.samples.get(key)
            if logged is not None and logged.answered:
                continue  # imported before; a resumed evaluation keeps what it has
            self.imported_now.add(key)
            self._emit(AnswerReceived(model=key[0], instance_id=key[1], cycle=key[2], task_digest=task.digest,
                                      **_answer_text(imported.answer), params={"imported": True}, solver="imported"))

    async def _measure_baselines(self) -> None:
        """Per instance: the finding count of the original code, and the sink sites of the
        masked repository and of the reference fix (calibrating the functionality check)."""
        assert self.copies is not None and self.analyzer is not None
        try:
            candidates: list[Candidate] = []
            for instance in self.dataset.instances:
                rule = self.dataset.rule_path(instance)
                if rule is None:
                    continue
                templates = await self.copies.templates(instance)
                iid = instance.instance_id
                candidates.append(Candidate(f"{iid}|original", templates.original, rule, templates.original_files,
                                            (instance.vuln_file,)))
                candidates.append(Candidate(f"{iid}|masked", templates.masked, rule, templates.original_files,
                                            presence=True))
                if instance.reference_fix is not None:
                    reference = await self.copies.checkout(templates, f"baseline-reference__{iid}")
                    target = reference / instance.vuln_file
                    text = target.read_bytes().decode("utf-8", "surrogateescape")
                    with contextlib.suppress(ValueError):
                        target.write_bytes(splice(text, instance.reference_fix).encode("utf-8", "surrogateescape"))
                    files = await anyio.to_thread.run_sync(source_files, reference)
                    candidates.append(Candidate(f"{iid}|reference", reference, rule, files, presence=True))
            results: dict[str, ScanResult] = {}
            step = self.config.batch_size * 4
            for start in range(0, len(candidates), step):
                chunk = candidates[start : start + step]
                try:
                    scanned = await self.analyzer.scan(chunk)
                except Exception as exc:  # an engine that fails: these baselines are unknown
                    message = f"{type(exc).__name__}: {exc}"[:1000]
                    scanned = [ScanResult(c.key, ok=False, message=message) for c in chunk]
                results.update((c.key, r) for c, r in zip(chunk, scanned, strict=True))
            for instance in self.dataset.instances:
                iid = instance.instance_id
                original = results.get(f"{iid}|original")
                if original is None:
                    continue
                masked_scan = results.get(f"{iid}|masked")
                reference_scan = results.get(f"{iid}|reference")
                floor = masked_scan.presence if masked_scan else None
                ceiling = reference_scan.presence if reference_scan else None
                if floor is not None and ceiling is not None and ceiling > floor:
                    self.presence_floor[iid] = floor
                self._emit(BaselineMeasured(instance_id=iid, expected=instance.detected_vul_num,
                                            measured=original.count if original.ok else None, message=original.message,
                                            presence_masked=floor, presence_reference=ceiling))
                if not original.ok:
                    # The unmodified code could not be scanned: the harness cannot judge this
                    # instance, which is never the model's fault.
                    self.baseline_failures[iid] = original.message or "the scan failed"
                    continue
                if original.count != instance.detected_vul_num:
                    log.warning("baseline differs from the dataset", instance=iid, expected=instance.detected_vul_num,
                                measured=original.count, error=original.message)
            measured = [i for i in self.dataset.instances if self.dataset.rule_path(i) is not None]
            if measured and all(i.instance_id in self.baseline_failures for i in measured):
                first = next(iter(self.baseline_failures.values()))
                raise PreflightError(f"no instance's original code could be scanned, so nothing can be judged: {first}")
        finally:
            assert self.baselines_ready is not None
            self.baselines_ready.set()

    # -- stages ---------------------------------------------------------------------------

    def _samples(self) -> list[tuple[str, Instance, int]]:
        phase = self.config.phase
        if phase == "generate":
            done = {k for k, st in self.fold.samples.items() if st.answered or st.model_failed is not None}
        else:
            done = self.fold.finished()
        answered = {k for k, st in self.fold.samples.items() if st.answered}
        todo: list[tuple[str, Instance, int]] = []
        self.total_samples = 0
        for model in self.models:
            for instance in self.dataset.instances:
                for cycle in range(self.config.cycles):
                    key = (model, instance.instance_id, cycle)
                    if phase == "evaluate" and key not in answered:
                        continue  # nothing to evaluate, and no model may be called
                    self.total_samples += 1
                    if key not in done:
                        todo.append((model, instance, cycle))
        self.pending_samples = len(todo)
        return todo

    async def _call_model(self, model: ModelAPI, task: Task, cycle: int, key: Key) -> AnswerReceived | ModelFailed:
        """Ask once, under the provider's limiter, with the scheduler's bounded retries."""
        fields: dict[str, Any] = {"model": key[0], "instance_id": key[1], "cycle": cycle}
        params = model.params()
        cache_key = None
        if self.cache is not None:
            cache_key = cache_key_for(provider_key=model.connection_key(), model=model.name,
                                      messages=msgspec.to_builtins(task.messages), params=params, cycle=cycle)
            hit = await self.cache.get(cache_key)
            if hit is not None:
                with contextlib.suppress(msgspec.ValidationError):
                    output = msgspec.convert(hit, ModelOutput)
                    return AnswerReceived(**fields, task_digest=task.digest, **_answer_text(output.text),
                                          finish_reason=output.finish_reason, usage=output.usage,
                                          params={**params, **output.params}, cached=True, attempts=0)
        started = time.monotonic()
        try:
            output, attempts = await self._with_limits(model, lambda: model.generate(task, cycle=cycle),
                                                       float(task.prompt_tokens))
        except ModelError as exc:
            self._note_setup_fault(model, exc)
            return ModelFailed(**fields, kind=exc.kind, message=redact(str(exc))[:2000],
                               attempts=getattr(exc, "attempts", 1), setup=exc.setup)
        usage = output.usage
        cost = self.prices.cost(model.name, usage)
        if cost is not None:
            usage = msgspec.structs.replace(usage, cost_usd=cost)
        if self.cache is not None and cache_key is not None and len(output.text) <= MAX_ANSWER_BYTES:
            await self.cache.put(cache_key, msgspec.to_builtins(output))
        return AnswerReceived(**fields, task_digest=task.digest, **_answer_text(output.text), finish_reason=output.finish_reason,
                              usage=usage, params={**params, **output.params},
                              latency_s=round(time.monotonic() - started, 3), attempts=attempts)

    async def _with_limits(self, model: ModelAPI, call: Callable[[], Awaitable[T]], estimated: float) -> tuple[T, int]:
        """One model call under its provider's limiter, retried by the policy."""
        limiter = self.limiters[model.connection_key()]

        async def attempt() -> T:
            await limiter.acquire(estimated)
            used: float | None = None
            try:
                output = await call()
                usage = getattr(output, "usage", None)
                if usage is not None:
                    used = float(usage.input_tokens + usage.output_tokens)
                limiter.record_success()
                return output
            except RateLimited as exc:
                limiter.record_rate_limited(exc.retry_after)
                raise
            finally:
                limiter.release(used_tokens=used, estimated_tokens=estimated)

        return await call_model(attempt, policy=self.config.retry, breaker=self.breakers[model.connection_key()])

    async def _solve(self, system: str, sample: _Sample) -> AnswerReceived | ModelFailed:
        """An agent or CLI solver at work on its own copy of the masked repository."""
        assert self.copies is not None and self.backend is not None
        solver = self.solvers[system]
        assert solver is not None
        model = self.models[system]
        key = sample.key
        fields: dict[str, Any] = {"model": key[0], "instance_id": key[1], "cycle": key[2]}
        templates = await self.copies.templates(sample.instance)
        workdir = await self.copies.checkout(templates, f"{system}__{key[1]}__c{key[2]}__solver", owner=system)
        started = time.monotonic()
        attempts = 0

        async def call(fn: Callable[[], Awaitable[ChatTurn]], estimated: float) -> ChatTurn:
            nonlocal attempts
            turn, tries = await self._with_limits(model, fn, estimated)
            attempts += tries
            return turn

        try:
            async with await self.backend.open(workdir, writable=isinstance(solver, CliSolver)) as session:
                if isinstance(solver, CliSolver):
                    output, turns = await solver.solve(sample.task, session, emit=self._emit, key=key)
                else:
                    output, turns = await solver.solve(sample.task, session, call=call, emit=self._emit, key=key)
        except ModelError as exc:
            self._note_setup_fault(model, exc)
            return ModelFailed(**fields, kind=exc.kind, message=redact(str(exc))[:2000], attempts=max(1, attempts),
                               setup=exc.setup)
        finally:
            await self._discard_path(workdir)
        usage = output.usage
        cost = self.prices.cost(model.name, usage)
        if cost is not None:
            usage = msgspec.structs.replace(usage, cost_usd=cost)
        return AnswerReceived(**fields, task_digest=sample.task.digest, **_answer_text(output.text),
                              finish_reason=output.finish_reason,
                              usage=usage, params={**model.params(), "solver": solver.name},
                              latency_s=round(time.monotonic() - started, 3), attempts=max(1, attempts), turns=turns,
                              solver=solver.name)


    async def _generate_one(self, model: str, instance: Instance, cycle: int, send: ObjectSendStream[_Sample]) -> None:
        key = (model, instance.instance_id, cycle)
        sample = _Sample(key=key, instance=instance, task=self.tasks[instance.instance_id])
        logged = self.fold.samples.get(key)
        if logged is not None and logged.answer is not None and logged.answer.task_digest == sample.task.digest:
            sample.answer = logged.answer  # answered before a crash: evaluate, do not ask again
            if key not in self.imported_now:
                # Logged again to start this evaluation afresh; an answer imported by this
                # very run is already the last word in the log.
                self._emit(logged.answer)
        else:
            refused = self.refused_keys.get(self.models[model].connection_key())
            result: AnswerReceived | ModelFailed
            try:
                if refused is not None:
                    # The provider refused this key already: no other sample asks again.
                    result = ModelFailed(model=model, instance_id=instance.instance_id, cycle=cycle, kind="auth",
                                         message=refused, attempts=0, setup=True)
                elif self.solvers.get(model) is None:
                    result = await self._call_model(self.models[model], sample.task, cycle, key)
                else:
                    result = await self._solve(model, sample)
            except Exception as exc:  # an adapter bug: a model error, not a crash of the run
                result = ModelFailed(model=model, instance_id=instance.instance_id, cycle=cycle,
                                     kind="adapter_error", message=f"{type(exc).__name__}: {exc}"[:2000])
            if isinstance(result, ModelFailed) and result.setup:
                # A key refused or a provider out of reach is the set-up's fault: the sample
                # is left out of the scores and asked again when the run resumes.
                self._emit(InfraFailed(model=model, instance_id=instance.instance_id, cycle=cycle, stage="provider",
                                       message=result.message))
                if self.config.phase != "generate":
                    self._score(key)
                return
            self._emit(result)
            if isinstance(result, ModelFailed):
                if self.config.phase != "generate":
                    self._score(key)
                return
            sample.answer = result
        if self.config.phase == "generate":
            self.fold.samples[key].answer = None  # it is in the log; memory stays flat
            return
        await send.send(sample)

    async def _generate(self, todo: list[tuple[str, Instance, int]], send: ObjectSendStream[_Sample]) -> None:
        async with send, anyio.create_task_group() as group:
            # Task creation itself is bounded, so a 20k-sample run does not hold 20k tasks.
            gate = anyio.Semaphore(max(64, sum(lim.settings.max_in_flight for lim in self.limiters.values()) * 2))
            for model, instance, cycle in todo:
                await gate.acquire()

                async def one(m: str = model, i: Instance = instance, c: int = cycle) -> None:
                    try:
                        await self._generate_one(m, i, c, send)
                    finally:
                        gate.release()

                group.start_soon(one)

    async def _integrate_one(self, sample: _Sample) -> Candidate | None:
        assert self.copies is not None and self.backend is not None and sample.answer is not None
        instance = sample.instance
        templates = await self.copies.templates(instance)
        model, instance_id, cycle = sample.key
        sample.workdir = await self.copies.checkout(templates, f"{model}__{instance_id}__c{cycle}", owner=model)
        async with await self.backend.open(sample.workdir) as session:
            integrated = await self._apply(session, sample, templates)
            self._emit(integrated)
            if not integrated.ok:
                return None
            results = await check_files(session, integrated.touched_files)
            syntax_ok = all(r.ok for r in results)
            self._emit(SyntaxChecked(model=model, instance_id=instance_id, cycle=cycle, ok=syntax_ok, files=results))
            if not syntax_ok:
                return None
            await session.sync_out(integrated.touched_files)
            # The answer's files as it wrote them, before any check runs its code.
            files = await anyio.to_thread.run_sync(source_files, sample.workdir)
            folder = checks_folder(self.dataset.root, instance)
            if folder is not None:
                verdict = await run_checks(session, folder, instance, runtime=self.backend.check_runtime)
                self._emit(DynamicChecked(model=model, instance_id=instance_id, cycle=cycle, functional=verdict.functional,
                                          exploited=verdict.exploited, steps=verdict.steps))
                await session.exec(["rm", "-rf", CHECK_DIR], timeout=60)
        rule = self.dataset.rule_path(instance)
        if rule is None and not (instance.detected_tool or instance.dynamic):
            raise SandboxError(f"{instance_id} has no rule, analyzer image or dynamic contract to check it with")
        return Candidate("|".join(map(str, sample.key)), sample.workdir, rule or Path(), files,
                         tuple(integrated.touched_files), presence=rule is not None, instance=instance)

    async def _apply(self, session: Sandbox, sample: _Sample, templates: InstanceTemplates) -> Integrated:
        assert sample.answer is not None and sample.workdir is not None
        model, instance_id, cycle = sample.key
        fields: dict[str, Any] = {"model": model, "instance_id": instance_id, "cycle": cycle}
        try:
            if sample.task.contract == "code":
                code = extract_code(sample.answer.text, sample.instance.language)
                masked = (await session.read_file(sample.instance.vuln_file)).decode("utf-8", "surrogateescape")
                try:
                    completed = splice(masked, code)
                except ValueError as exc:
                    raise AnswerError(str(exc)) from None
                await session.write_file(sample.instance.vuln_file, completed.encode("utf-8", "surrogateescape"))
                return Integrated(**fields, ok=True, method="splice", touched_files=[sample.instance.vuln_file])
            patch = parse_patch(extract_diff(sample.answer.text))
            check_patch(patch, sample.workdir)
            method = await apply_patch(session, patch)
            if any(f.kind == "delete" and f.path == sample.instance.vuln_file for f in patch.files):
                return Integrated(**fields, ok=False, method=method, kind="deleted_target",
                                  message=f"the answer deletes {sample.instance.vuln_file}")
            touched = patch.touched
            masked_left = await self._mask_left(session, sample.instance.vuln_file)
            if masked_left:
                return Integrated(**fields, ok=False, method=method, touched_files=touched, kind="mask_left",
                                  message="the <MASKED> line is still in the file")
            return Integrated(**fields, ok=True, method=method + (" (recounted)" if patch.recounted else ""),
                              touched_files=touched)
        except AnswerError as exc:
            return Integrated(**fields, ok=False, kind=exc.kind, message=str(exc)[:2000])

    async def _mask_left(self, session: Sandbox, path: str) -> bool:
        try:
            data = await session.read_file(path)
        except SandboxError:
            return False
        return any(line.strip() == b"<MASKED>" for line in data.splitlines())

    async def _integrate(self, receive: ObjectReceiveStream[_Sample], send: ObjectSendStream[tuple[_Sample, Candidate]]) -> None:
        async with receive, send:
            async for sample in receive:
                try:
                    with anyio.fail_after(self.config.sample_eval_seconds):
                        candidate = await self._integrate_one(sample)
                except TimeoutError:
                    # Each command has its own limit; only an answer that makes the harness
                    # do enormous work (thousands of files to check) gets here.
                    model, instance_id, cycle = sample.key
                    self._emit(Integrated(model=model, instance_id=instance_id, cycle=cycle, ok=False,
                                          kind="evaluation_timeout",
                                          message=f"checking the answer took over {self.config.sample_eval_seconds:.0f} s"))
                    self._score(sample.key)
                    await self._discard(sample)
                    continue
                except Exception as exc:  # the harness failed this sample, not the model
                    self._infra(sample, "integrate", exc)
                    continue
                if candidate is None:
                    self._score(sample.key)
                    await self._discard(sample)
                else:
                    await send.send((sample, candidate))

    async def _analyze(self, receive: MemoryObjectReceiveStream[tuple[_Sample, Candidate]]) -> None:
        assert self.analyzer is not None
        async with receive:
            while True:
                try:
                    batch = [await receive.receive()]
                except anyio.EndOfStream:
                    return
                # A semgrep process costs ~0.3 s before it reads a file, so a batch is worth
                # a short wait: gather for up to `batch_wait` seconds or a full batch.
                # Polled, not a cancelled receive(): cancelling a receive can drop an item
                # that was already handed over.
                deadline = time.monotonic() + self.config.batch_wait
                while len(batch) < self.config.batch_size:
                    try:
                        batch.append(receive.receive_nowait())
                    except anyio.WouldBlock:
                        if time.monotonic() >= deadline:
                            break
                        await anyio.sleep(0.02)
                    except anyio.EndOfStream:
                        break
                assert self.baselines_ready is not None
                await self.baselines_ready.wait()  # the functionality check needs its calibration
                try:
                    results = await self.analyzer.scan([c for _, c in batch])
                except Exception as exc:
                    for sample, _ in batch:
                        self._infra(sample, "analyze", exc)
                    continue
                for (sample, candidate), result in zip(batch, results, strict=True):
                    model, instance_id, cycle = sample.key
                    failure = self.baseline_failures.get(instance_id)
                    if failure is not None:
                        self._infra(sample, "baseline", AnalyzerError(f"the original code of {instance_id} could not be scanned: {failure}"))
                        await self._discard(sample)
                        continue
                    self._emit(
                        Scanned(model=model, instance_id=instance_id, cycle=cycle, ok=result.ok,
                                before=sample.instance.detected_vul_num, after=result.count,
                                findings=list(result.findings), engine=self._engine(candidate), message=result.message,
                                presence=result.presence, presence_floor=self.presence_floor.get(instance_id),
                                checks=dict(result.checks))
                    )
                    self._score(sample.key)
                    await self._discard(sample)

    def _engine(self, candidate: Candidate) -> str:
        if isinstance(self.analyzer, CompositeAnalyzer):
            return self.analyzer.engine_for(candidate)
        return self.analyzer.name if self.analyzer is not None else ""

    def _score(self, key: Key) -> None:
        state = self.fold.samples[key]
        outcome = state.outcome(key)
        self._emit(SampleScored(model=key[0], instance_id=key[1], cycle=key[2], outcome=outcome.outcome,
                                quality=outcome.quality, secure=outcome.secure))

    def _note_setup_fault(self, model: ModelAPI, exc: ModelError) -> None:
        if isinstance(exc, AuthenticationFailed):
            self.refused_keys.setdefault(model.connection_key(), redact(str(exc))[:2000])

    def _infra(self, sample: _Sample, stage: str, exc: Exception) -> None:
        log.error("infrastructure failure", sample=sample.key, stage=stage, error=f"{type(exc).__name__}: {exc}")
        model, instance_id, cycle = sample.key
        self._emit(InfraFailed(model=model, instance_id=instance_id, cycle=cycle, stage=stage,
                               message=f"{type(exc).__name__}: {exc}"[:2000]))
        self._score(sample.key)

    async def _discard(self, sample: _Sample) -> None:
        if sample.workdir is not None:
            await self._discard_path(sample.workdir)

    async def _discard_path(self, path: Path) -> None:
        if not self.config.keep_workdirs and self.copies is not None:
            with anyio.CancelScope(shield=True):
                await self.copies.remove(path)

    # -- the run ---------------------------------------------------------------------------

    async def run(self) -> Results:
        interrupted = True
        self.baselines_ready = anyio.Event()
        try:
            await self._setup()
            async with anyio.create_task_group() as group:
                if self.config.phase != "generate":
                    group.start_soon(self._measure_baselines)
                await self._build_tasks()
                self._import_answers()
                todo = self._samples()
                if self.on_plan is not None:
                    self.on_plan(self.total_samples, self.pending_samples)
                log.info("run", run_id=self.run_id, samples=self.total_samples, pending=len(todo))
                to_integrate_send, to_integrate_receive = anyio.create_memory_object_stream[_Sample](self.config.sandbox_sessions * 2)
                to_analyze_send, to_analyze_receive = anyio.create_memory_object_stream[tuple[_Sample, Candidate]](self.config.batch_size * 2)
                group.start_soon(self._generate, todo, to_integrate_send)
                for _ in range(self.config.sandbox_sessions):
                    group.start_soon(self._integrate, to_integrate_receive.clone(), to_analyze_send.clone())
                to_integrate_receive.close()
                to_analyze_send.close()
                for _ in range(self.config.analyzer_processes):
                    group.start_soon(self._analyze, to_analyze_receive.clone())
                to_analyze_receive.close()
            interrupted = False
            with anyio.CancelScope(shield=True):
                await self._close(interrupted)
            return self.write_outputs()
        finally:
            if interrupted:
                with anyio.CancelScope(shield=True):
                    await self._close(interrupted)
            self.lock.release()

    async def _close(self, interrupted: bool) -> None:
        if not self.lock.held:
            return  # the folder is another run's: touch nothing of it
        if self.writer is not None:
            self._emit(RunFinished(run_id=self.run_id, samples=self.total_samples, interrupted=interrupted))
            self.writer.close()
        for model in self.models.values():
            await model.aclose()
        if self.analyzer is not None:
            await self.analyzer.aclose()
        if self.backend is not None:
            await self.backend.aclose()
        if not self.config.keep_workdirs:
            await anyio.to_thread.run_sync(lambda: shutil.rmtree(self.work_root, ignore_errors=True))

    def write_outputs(self) -> Results:
        from .report import write_reports

        fold = fold_events(read_events(self.out / "events.jsonl"))
        results = results_from_log(fold)
        write_results(results, self.out / "results.json")
        write_reports(results, fold, self.out)
        return results


async def run(
    config: RunConfig,
    *,
    listener: Callable[[Event], None] | None = None,
    adapters: Sequence[ModelAPI] = (),
) -> Results:
    """Run an evaluation and return its results (also written to ``config.out``).

    ``adapters`` adds ready-made model adapters to the models named in the config.
    Several runs may go on at once in one event loop, each with its own ``out``.
    """
    return await Runner(config, listener=listener, adapters=adapters).run()

