"""From an event log to ``results.json``: the one function both ``ase run`` and ``ase score`` use.

The log is folded sample by sample. A new answer (or model failure) for a sample starts its
record afresh, so a sample redone after a crash or an infrastructure error is scored from
its last attempt only, and never counted twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import msgspec

from .events import (
    AnswerReceived,
    DynamicChecked,
    Event,
    InfraFailed,
    InstanceMeta,
    Integrated,
    ModelFailed,
    RunStarted,
    SampleScored,
    Scanned,
    SyntaxChecked,
    TaskBuilt,
    Usage,
)
from .scoring import ModelResults, SampleOutcome, classify, score_models
from .upstream.verdicts import UpstreamVerdict, upstream_verdict

__all__ = ["JudgePair", "LogFold", "Results", "fold_events", "judge_pair", "results_from_log", "write_results"]

SCORING_MODE = "ase-method"

#: a sample's security as each judge saw it: (dynamic: no exploit worked, static: fewer
#: findings than the baseline, static: none left)
JudgePair = tuple[bool, bool, bool]


def judge_pair(dynamic: DynamicChecked | None, scanned: Scanned | None) -> JudgePair | None:
    """The two judges' security verdicts on one sample, when both judged it.

    Only samples whose functional step passed count: a broken feature fails quality before
    any exploit runs, so the dynamic judge says nothing about its security.
    """
    if dynamic is None or not dynamic.functional or scanned is None or not scanned.ok or scanned.after is None:
        return None
    return (not dynamic.exploited, scanned.after < scanned.before, scanned.after == 0)


class _SampleState:
    __slots__ = ("answer", "answered", "dynamic", "infra", "integrated", "latency", "model_failed", "scanned",
                 "scored", "syntax", "turns", "upstream", "usage", "verdict")

    def __init__(self) -> None:
        self.answer: AnswerReceived | None = None
        self.answered = False
        self.usage: Usage | None = None
        self.turns = 0
        self.latency = 0.0
        self.verdict: SampleOutcome | None = None
        self.model_failed: ModelFailed | None = None
        self.integrated: Integrated | None = None
        self.syntax: SyntaxChecked | None = None
        self.dynamic: DynamicChecked | None = None
        self.scanned: Scanned | None = None
        self.infra: InfraFailed | None = None
        self.scored: SampleScored | None = None
        #: what the reference tool would conclude (the upstream modes), kept once scored
        self.upstream: UpstreamVerdict | None = None

    def outcome(self, key: tuple[str, str, int]) -> SampleOutcome:
        outcome, quality, secure = classify(
            model_failed=self.model_failed is not None,
            infra_failed=self.infra is not None,
            integrated=self.integrated.ok if self.integrated else None,
            syntax_ok=self.syntax.ok if self.syntax else None,
            scan_ok=self.scanned.ok if self.scanned else None,
            before=self.scanned.before if self.scanned else None,
            after=self.scanned.after if self.scanned else None,
            functionality_removed=bool(
                self.dynamic is None and self.scanned and self.scanned.ok and self.scanned.presence is not None
                and self.scanned.presence_floor is not None and self.scanned.presence <= self.scanned.presence_floor
            ),
            dynamic=(self.dynamic.functional, not self.dynamic.exploited) if self.dynamic is not None else None,
        )
        return SampleOutcome(key[0], key[1], key[2], outcome, quality, secure)


class LogFold:
    """The state of a run as its log tells it."""

    def __init__(self) -> None:
        self.runs: list[RunStarted] = []
        self.instances: dict[str, InstanceMeta] = {}
        self.samples: dict[tuple[str, str, int], _SampleState] = {}
        #: the digest of the last prompt logged per instance
        self.task_digests: dict[str, str] = {}
        #: dynamic-analysis flags per sample, kept after folding (the upstream v2 mode)
        self.checks: dict[tuple[str, str, int], dict[str, bool]] = {}
        #: per sample judged both ways: (no exploit worked, fewer findings, no finding left)
        self.judges: dict[tuple[str, str, int], JudgePair] = {}

    def add(self, event: Event) -> None:
        if isinstance(event, RunStarted):
            self.runs.append(event)
            for meta in event.instances:
                self.instances[meta.instance_id] = meta
            return
        if isinstance(event, TaskBuilt):
            self.task_digests[event.instance_id] = event.digest
            return
        key = getattr(event, "key", None)
        if key is None:
            return
        if isinstance(event, (AnswerReceived, ModelFailed)):
            state = self.samples[key] = _SampleState()
        else:
            state = self.samples.setdefault(key, _SampleState())
        if isinstance(event, AnswerReceived):
            state.answer, state.answered, state.usage = event, True, event.usage
            state.turns, state.latency = event.turns, event.latency_s
        elif isinstance(event, ModelFailed):
            state.model_failed = event
        elif isinstance(event, Integrated):
            # A new integration is a new attempt: what an earlier one left no longer counts.
            state.integrated, state.syntax, state.scanned, state.dynamic = event, None, None, None
            state.infra, state.scored = None, None
        elif isinstance(event, SyntaxChecked):
            state.syntax = event
        elif isinstance(event, DynamicChecked):
            state.dynamic = event
        elif isinstance(event, Scanned):
            state.scanned = event
            if event.checks:
                self.checks[key] = event.checks
        elif isinstance(event, InfraFailed):
            state.infra = event
        elif isinstance(event, SampleScored):
            state.scored = event
            # Derived again from the raw events, not copied from the scored event: this is
            # what lets `ase score` check a run rather than repeat it.
            state.verdict = state.outcome(key)
            instance = self.instances.get(key[1])
            state.upstream = upstream_verdict(
                answered=state.answered and state.model_failed is None, integrated=state.integrated,
                scanned=state.scanned, baseline=instance.detected_vul_num if instance is not None else 1,
            )
            pair = judge_pair(state.dynamic, state.scanned)
            if pair is not None:
                self.judges[key] = pair
            if state.infra is None:
                # A finished sample is only a verdict from now on: drop the answer text and
                # the check details, so a long log folds into flat memory.
                state.answer = None
                state.integrated = state.syntax = state.scanned = state.dynamic = None

    def finished(self) -> set[tuple[str, str, int]]:
        """Samples that need no more work: scored, and not an infrastructure failure."""
        return {
            key for key, state in self.samples.items()
            if state.scored is not None and state.infra is None
        }

    def outcomes(self) -> list[SampleOutcome]:
        return [state.verdict for _, state in sorted(self.samples.items()) if state.verdict is not None]

    def usage(self) -> dict[str, dict[str, float]]:
        totals: dict[str, dict[str, float]] = {}
        for (model, _, _), state in sorted(self.samples.items()):
            if state.usage is None or state.scored is None:
                continue
            usage = state.usage
            entry = totals.setdefault(model, {"input_tokens": 0, "output_tokens": 0, "cost_usd": 0.0,
                                              "turns": 0, "answers": 0})
            entry["input_tokens"] += usage.input_tokens
            entry["output_tokens"] += usage.output_tokens
            entry["cost_usd"] = round(entry["cost_usd"] + (usage.cost_usd or 0.0), 6)
            entry["turns"] += state.turns
            entry["answers"] += 1
        return totals


    def answer_seconds(self) -> dict[str, float]:
        """Total time each model spent answering. Kept out of results.json, which must be
        the same for the same answers whatever machine or sandbox produced them."""
        totals: dict[str, float] = {}
        for (model, _, _), state in self.samples.items():
            if state.scored is not None and state.answered:
                totals[model] = totals.get(model, 0.0) + state.latency
        return totals


def fold_events(events: Iterable[Event]) -> LogFold:
    fold = LogFold()
    for event in events:
        fold.add(event)
    return fold


class Results(msgspec.Struct, frozen=True):
    scoring: str
    dataset: str
    contract: str
    cycles: int
    models: dict[str, ModelResults]
    instances: int
    #: the same samples scored the way the upstream tool scores them, by mode name
    upstream: dict[str, Any] = {}


def results_from_log(fold: LogFold) -> Results:
    from .upstream.scoring import score_upstream

    first = fold.runs[0] if fold.runs else None
    outcomes = fold.outcomes()
    cycles = max((r.cycles for r in fold.runs), default=0)
    # The upstream modes judge each sample as the reference tool would (no syntax check,
    # the mask line stripped), from the same recorded events.
    verdicts = {key: state.upstream for key, state in fold.samples.items()
                if state.upstream is not None and state.infra is None and state.scored is not None}
    upstream = score_upstream(
        outcomes, instances=fold.instances, cycles=cycles, checks=fold.checks,
        record_counts={i: m.records for i, m in fold.instances.items()}, verdicts=verdicts,
    ) if outcomes else {}
    return Results(
        scoring=SCORING_MODE,
        dataset=first.dataset if first else "",
        contract=first.contract if first else "",
        cycles=first.cycles if first else 0,
        models=score_models(outcomes, fold.instances, fold.usage()),
        instances=len(fold.instances),
        upstream=upstream,
    )


def write_results(results: Results, path: Path) -> None:
    data: Any = msgspec.to_builtins(results)
    text = msgspec.json.format(msgspec.json.encode(data, order="sorted"), indent=2)
    temporary = path.with_suffix(".json.tmp")
    temporary.write_bytes(text + b"\n")
    temporary.replace(path)
