"""The conductor of a run: it builds the stages, wires them with bounded channels, and owns
the run's lifecycle (the output-folder lock, the preflight, the event log, closing).

::

    instances ─► tasks ─► [channel] ─► generation ─► [channel] ─► integration ─► [channel] ─► analysis
                  │                   (per-provider              (sandbox sessions,          (batched
                  │                    limiters)                  dynamic checks, reuse)      scans)
                  └─► [channel] ─► baselines (per instance, as its working copies appear)

Every stage is a set of tasks in one task group (structured concurrency: nothing outlives
the run). Channels are bounded, so generation never runs far ahead of evaluation and
memory stays flat however large the run. Each sample ends in exactly one ``sample_scored``
event; a failure of the harness around one sample ends that sample as an infrastructure
error and the run goes on. The stages themselves are in ``ase_async/stages/``; the sandbox
backend and the analyzer are built here (or injected) and handed to them.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import anyio
import msgspec
import structlog

from . import __version__
from ._errors import AnalyzerError, DatasetError, EventLogError
from .adapters import ModelAPI, get_model
from .cache import ResponseCache
from .config import RunConfig
from .dataset import Dataset, load_dataset, rule_packs_root
from .eventlog import EventWriter, read_events
from .events import Event, InstanceMeta, RunFinished, RunStarted
from .imports import ImportedAnswer
from .instance import Instance
from .limits import LimitSettings, ProviderLimiter, limiter_for
from .outputs import write_outputs
from .preflight import check_tools, require
from .pricing import load_prices
from .repos import InstanceTemplates, WorkingCopies
from .results import LogFold, Results, fold_events
from .retry import CircuitBreaker, breaker_for
from .rules import Analyzer, Candidate, SemgrepAnalyzer
from .rules._containers import BackendImages, CliImages
from .rules.composite import CompositeAnalyzer
from .rules.dynamic import checks_folder, harness_digest
from .rules.semgrep import semgrep_command
from .rules.upstream import DynamicAnalyzer
from .runlock import RunLock
from .sandboxes import SandboxBackend, get_backend
from .solvers import Solver, make_solver
from .stages import (
    AnalysisStage,
    BaselineStage,
    DynamicChecksStage,
    GenerationStage,
    IntegrationStage,
    LoggedAnswersOnly,
    Sample,
    SampleEnds,
    TaskOptions,
    TaskStage,
    Verdicts,
    folder_digest,
)
from .task import Task
from .upstream.repocache import RepoCache

__all__ = ["Runner", "run"]

log = structlog.get_logger()

class Runner:
    """One run: its config, dataset, event log and the seams it drives.

    Args:
        config: the run's settings.
        listener: called with every event as it is logged.
        adapters: ready-made model adapters, beside the models the config names.
        on_plan: called with (samples in the run, samples still to do) once they are known.
        backend: the sandbox backend to use instead of the config's (the caller closes it).
        analyzer: the analyzer to use instead of the run's own (the caller closes it).
    """

    def __init__(
        self,
        config: RunConfig,
        *,
        listener: Callable[[Event], None] | None = None,
        adapters: Sequence[ModelAPI] = (),
        on_plan: Callable[[int, int], None] | None = None,
        backend: SandboxBackend | None = None,
        analyzer: Analyzer | None = None,
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
        self.writer: EventWriter | None = None
        self.given_backend = backend
        self.given_analyzer = analyzer
        self.backend: SandboxBackend | None = backend
        self.analyzer: Analyzer | None = analyzer
        self.copies: WorkingCopies | None = None
        self.models: dict[str, ModelAPI] = {}
        self.solvers: dict[str, Solver] = {}
        self.limiters: dict[str, ProviderLimiter] = {}
        self.breakers: dict[str, CircuitBreaker] = {}
        self.verdicts: Verdicts | None = None
        self.cache = ResponseCache(config.cache_dir) if config.cache_dir else None
        self.prices = load_prices(config.prices_file)
        self.total_samples = 0
        self.pending_samples = 0

    # -- setup -------------------------------------------------------------------------

    def _emit(self, event: Event) -> Event:
        assert self.writer is not None
        event = self.writer.emit(event)
        self.fold.add(event)
        if self.verdicts is not None:
            self.verdicts.observe(event)
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

    def _make_model(self, spec: str) -> ModelAPI:
        if self.config.phase == "evaluate":
            return LoggedAnswersOnly(spec)
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

    def _make_backend(self) -> SandboxBackend:
        options: dict[str, Any] = {"hide": [Path(self.dataset.root), rule_packs_root(), self.out.resolve()]}
        if self.config.sandbox in ("local", "flaky"):
            options.update(self.config.sandbox_options)
        else:
            options = dict(self.config.sandbox_options)
            if self.config.sandbox == "docker":
                options.setdefault("run_label", self.run_id)  # labels every container of this run
        return get_backend(self.config.sandbox, **options)

    def _make_analyzer(self, backend: SandboxBackend) -> Analyzer:
        semgrep = SemgrepAnalyzer(backend, self.work_root, experimental=self.config.semgrep_experimental)
        if any(i.rule is None for i in self.dataset.instances):
            # Upstream instances: their analyzers are images (v1 static, v2 dynamic, command tools).
            return CompositeAnalyzer(
                semgrep, images=BackendImages(run_label=self.run_id),
                dynamic=DynamicAnalyzer(CliImages(run_label=self.run_id), verdict=self.config.dynamic_verdict),  # type: ignore[arg-type]
                command_tools=self.config.command_tools,
            )
        return semgrep

    async def _setup(self) -> None:
        self.out.mkdir(parents=True, exist_ok=True)
        self.lock.acquire()  # before anything in the folder is touched
        shutil.rmtree(self.work_root, ignore_errors=True)  # leftovers of a killed run
        self.work_root.mkdir(parents=True)
        self.backend = self.given_backend or self._make_backend()
        if self.config.phase != "generate":
            # Before the log is opened and any model is called: a missing tool is a set-up
            # fault that would otherwise turn every sample into a failure of the model's.
            languages = {i.language for i in self.dataset.instances}
            try:
                semgrep = semgrep_command()
            except AnalyzerError:
                semgrep = "semgrep"  # not on this host: the preflight says so, with the fix
            dynamic = {i.language for i in self.dataset.instances if checks_folder(self.dataset.root, i) is not None}
            require(await check_tools(self.backend, languages, scratch_parent=self.work_root, semgrep=semgrep,
                                      dynamic=dynamic))
        resumed = self._open_log()
        self.analyzer = self.given_analyzer or self._make_analyzer(self.backend)
        cache = RepoCache(Path(self.config.repo_cache)) if self.config.repo_cache else None
        self.copies = WorkingCopies(self.dataset, self.work_root, repo_cache=cache, exports=self.config.exports)
        for spec in dict.fromkeys([*self.config.models, *self.given_adapters]):
            model = self.given_adapters.get(spec) or self._make_model(spec)
            for solver in self.config.solvers:
                system = spec if solver == "single" or self.config.phase == "evaluate" else f"{spec}+{solver}"
                self.models[system] = model
                self.solvers[system] = make_solver("single" if system == spec else solver, model,
                                                   budgets=self.config.agent_budgets, cost=self.prices.cost,
                                                   sandbox=self.config.sandbox)
            key = model.connection_key()
            if key not in self.limiters:
                settings = LimitSettings(
                    max_in_flight=self.config.max_connections or model.max_connections(),
                    requests_per_minute=self.config.requests_per_minute,
                    tokens_per_minute=self.config.tokens_per_minute,
                )
                self.limiters[key] = limiter_for(key, settings)
                self.breakers[key] = breaker_for(key)
        described = self.analyzer.describe()
        if self.config.phase != "generate":
            judge = msgspec.json.encode(described)
            # Across runs, verdicts are reused only where answers are (opt-in: --cache).
            store = ResponseCache(Path(self.config.cache_dir) / "verdicts") if self.config.cache_dir else None
            self.verdicts = Verdicts(lambda instance: self._judge_digest(judge, instance), store=store,
                                     run_id=self.run_id)
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
                    # what each system's model is really sent: the run's settings with its own
                    # laid over them, as the adapter maps them for its provider
                    "model_generation": {system: model.params() for system, model in self.models.items()},
                    "sandbox": self.backend.describe(),
                    "analyzer": described,
                    "prompt_budget": self.config.prompt_budget,
                    "tokenizer": self.config.tokenizer,
                    "batch_size": self.config.batch_size,
                },
                version=__version__,
                resumed=resumed,
            )
        )

    def _judge_digest(self, analyzer: bytes, instance: Instance) -> str:
        """How one instance is judged: the analyzer, its rule file, its dynamic checks."""
        import hashlib

        rule = self.dataset.rule_path(instance)
        checks = DynamicChecksStage(Path(self.dataset.root), runtime="", emit=self._emit).folder(instance)
        parts = [analyzer, rule.read_bytes() if rule is not None else b"", folder_digest(checks).encode()]
        if checks is not None:
            parts.append(folder_digest(checks.parent / "_lib").encode())
            parts.append(harness_digest().encode())  # how the harness runs them
        return hashlib.sha256(b"\0".join(parts)).hexdigest()

    # -- the plan --------------------------------------------------------------------------

    def _plan(self) -> tuple[dict[str, list[tuple[str, int]]], dict[str, list[ImportedAnswer]]]:
        """The (system, cycle) pairs still to do per instance, and the answers to import."""
        known = {i.instance_id for i in self.dataset.instances}
        imports: dict[str, list[ImportedAnswer]] = {}
        imported: set[tuple[str, str, int]] = set()
        for answer in self.config.imported_answers:
            if answer.instance_id not in known:
                raise DatasetError(f"answer for unknown instance {answer.instance_id!r}", file=self.dataset.root,
                                   record=answer.instance_id)
            imports.setdefault(answer.instance_id, []).append(answer)
            imported.add((answer.model, answer.instance_id, answer.cycle))
        phase = self.config.phase
        if phase == "generate":
            done = {k for k, st in self.fold.samples.items() if st.answered or st.model_failed is not None}
        else:
            done = self.fold.finished()
        answered = {k for k, st in self.fold.samples.items() if st.answered} | imported
        plan: dict[str, list[tuple[str, int]]] = {}
        self.total_samples = self.pending_samples = 0
        for model in self.models:
            for instance in self.dataset.instances:
                for cycle in range(self.config.cycles):
                    key = (model, instance.instance_id, cycle)
                    if phase == "evaluate" and key not in answered:
                        continue  # nothing to evaluate, and no model may be called
                    self.total_samples += 1
                    if key not in done:
                        plan.setdefault(instance.instance_id, []).append((model, cycle))
                        self.pending_samples += 1
        return plan, imports

    # -- the run ---------------------------------------------------------------------------

    async def run(self) -> Results:
        interrupted = True
        try:
            await self._setup()
            await self._conduct()
            interrupted = False
            with anyio.CancelScope(shield=True):
                await self._close(interrupted)
            return self.write_outputs()
        finally:
            if interrupted:
                with anyio.CancelScope(shield=True):
                    await self._close(interrupted)
            self.lock.release()

    async def _conduct(self) -> None:
        """Run the stages, and the store of verdicts beside them while they run."""
        if self.verdicts is None or not self.config.cache_dir:
            await self._stages()
            return
        verdicts = self.verdicts
        async with anyio.create_task_group() as group:
            group.start_soon(verdicts.store_verdicts)
            try:
                await self._stages()
            finally:
                verdicts.close()

    async def _stages(self) -> None:
        """Build the stages and wire them; returns when every sample has ended."""
        assert self.copies is not None and self.backend is not None and self.analyzer is not None
        config = self.config
        evaluate = config.phase != "generate"
        plan, imports = self._plan()
        if self.on_plan is not None:
            self.on_plan(self.total_samples, self.pending_samples)
        log.info("run", run_id=self.run_id, samples=self.total_samples, pending=self.pending_samples)
        copies = self.copies
        ends = SampleEnds(self._emit, self.fold, None if config.keep_workdirs else copies.remove)
        instances = self.dataset.instances
        # Instances with nothing left to do still get their task built: a resumed run's
        # prompts are checked against the log (and logged again when they changed).
        options = TaskOptions(contract=config.contract, budget=config.prompt_budget, tokenizer=config.tokenizer,
                              prompt_style=config.prompt_style, context_source=config.context_source)
        processes = config.task_processes
        tasks = TaskStage(copies, options, self._emit, known=self.fold.task_digests, processes=processes,
                          concurrency=config.exports + max(1, processes))
        in_flight = sum(lim.settings.max_in_flight for lim in self.limiters.values())
        generation = GenerationStage(
            models=self.models, solvers=self.solvers, limiters=self.limiters, breakers=self.breakers,
            retry=config.retry, fold=self.fold, emit=self._emit, ends=ends, copies=copies, backend=self.backend,
            cache=self.cache, prices=self.prices, evaluate=evaluate, concurrency=max(64, in_flight * 2),
        )
        tasks_send, tasks_receive = anyio.create_memory_object_stream[tuple[Instance, Task]](max(1, len(instances)))
        async with anyio.create_task_group() as group:
            if not evaluate:
                group.start_soon(tasks.stream, instances, tasks_send)
                await generation.run(tasks_receive, plan, imports, None)
                return
            baselines = BaselineStage(analyzer=self.analyzer, copies=copies, rule_path=self.dataset.rule_path,
                                      emit=self._emit, batch=config.batch_size * 4, wait=config.batch_wait)
            checks = DynamicChecksStage(Path(self.dataset.root), runtime=self.backend.check_runtime, emit=self._emit)
            integration = IntegrationStage(copies=copies, backend=self.backend, checks=checks,
                                           rule_path=self.dataset.rule_path, emit=self._emit, ends=ends,
                                           sessions=config.sandbox_sessions, time_limit=config.sample_eval_seconds,
                                           verdicts=self.verdicts)
            paced = any(checks.folder(i) is not None or i.dynamic is not None for i in instances)
            analysis = AnalysisStage(analyzer=self.analyzer, baselines=baselines, emit=self._emit, ends=ends,
                                     batch=config.batch_size, workers=config.analyzer_processes,
                                     wait=config.paced_batch_wait if paced else config.batch_wait)
            templates_send, templates_receive = anyio.create_memory_object_stream[InstanceTemplates](
                max(1, len(instances)))
            answers_send, answers_receive = anyio.create_memory_object_stream[Sample](config.sandbox_sessions * 2)
            candidates_send, candidates_receive = anyio.create_memory_object_stream[tuple[Sample, Candidate]](
                config.batch_size * 2)
            group.start_soon(tasks.stream, instances, tasks_send, templates_send)
            group.start_soon(baselines.run, templates_receive)
            group.start_soon(generation.run, tasks_receive, plan, imports, answers_send)
            group.start_soon(integration.run, answers_receive, candidates_send)
            group.start_soon(analysis.run, candidates_receive)

    async def _close(self, interrupted: bool) -> None:
        if not self.lock.held:
            return  # the folder is another run's: touch nothing of it
        if self.writer is not None:
            self._emit(RunFinished(run_id=self.run_id, samples=self.total_samples, interrupted=interrupted))
            self.writer.close()
        for model in self.models.values():
            await model.aclose()
        if self.analyzer is not None and self.given_analyzer is None:
            await self.analyzer.aclose()
        if self.backend is not None and self.given_backend is None:
            await self.backend.aclose()
        if not self.config.keep_workdirs:
            await anyio.to_thread.run_sync(lambda: shutil.rmtree(self.work_root, ignore_errors=True))

    def write_outputs(self) -> Results:
        """Write ``results.json`` and the reports from the log (as ``ase score`` does)."""
        return write_outputs(self.out)


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

