"""The report model: everything ``report.md`` and ``report.html`` show, computed once.

Both renderings read this one structure, so the HTML never guesses at what the Markdown
meant, and both stay byte-for-byte reproducible from the event log: every number here is
derived from :class:`~ase_async.results.Results` and the folded log, and the bootstrap is
seeded (see :mod:`ase_async.stats`).
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Any

import msgspec

from .events import InstanceMeta
from .instance import CLASS_BY_CWE
from .results import LogFold, Results
from .scoring import OUTCOMES, SampleOutcome
from .stats import Bootstrapper, Estimate, InstanceStats, PairComparison, instance_stats

__all__ = [
    "Breakdown",
    "InstanceRow",
    "LeaderRow",
    "ReportModel",
    "SolverRow",
    "build_report",
    "class_name",
    "cwe_label",
]

CLASS_NAMES = {"sqli": "SQL injection", "xss": "XSS", "pathtrav": "Path traversal", "cmdi": "Command injection"}
#: one letter per cycle in the per-instance matrix
OUTCOME_CODES = {"secure": "S", "insecure": "I", "integration_failed": "F", "sast_failed": "A",
                 "model_error": "M", "infra_error": "X"}


def class_name(cwe: str) -> str:
    cls = CLASS_BY_CWE.get(cwe)
    return CLASS_NAMES[cls] if cls else ""


def cwe_label(cwe: str) -> str:
    name = class_name(cwe)
    return f"{cwe} ({name})" if name else cwe


class LeaderRow(msgspec.Struct, frozen=True):
    rank: int
    model: str
    overall: Estimate
    security: Estimate
    quality: Estimate
    stability: float
    samples: int


class Breakdown(msgspec.Struct, frozen=True):
    """Security per group (class, language, origin) with an interval per cell."""

    title: str
    keys: list[str]
    labels: list[str]
    #: model -> group key -> security estimate; a missing key means no samples
    cells: dict[str, dict[str, Estimate]]


class SolverRow(msgspec.Struct, frozen=True):
    model: str
    solver: str
    security: float
    quality: float
    stability: float
    tokens: float
    cost: float
    seconds: float
    turns: float


class InstanceRow(msgspec.Struct, frozen=True):
    """One row of the per-instance matrix."""

    instance_id: str
    cwe: str
    language: str
    origin: str
    #: share of systems that solve the instance (secure in most of their scored cycles)
    solved_by: float
    #: model -> outcome code per cycle, in cycle order (see OUTCOME_CODES)
    cells: dict[str, str]


class JudgeRow(msgspec.Struct, frozen=True):
    """How often the static findings agree with the dynamic verdict, on one group of samples."""

    group: str
    samples: int
    fewer_agrees: float  # static secure = fewer findings than the baseline (upstream's rule)
    gone_agrees: float  # static secure = none of the instance's findings left
    missed: int  # an exploit worked, yet no finding is left
    flagged: int  # no exploit worked, yet a finding is left


def _judge_rows(fold: LogFold, meta: dict[str, InstanceMeta]) -> list[JudgeRow]:
    """Static-vs-dynamic agreement per vulnerability class and per language (then overall)."""
    groups: dict[str, list[tuple[bool, bool, bool]]] = defaultdict(list)
    for (_, instance_id, _), pair in fold.judges.items():
        info = meta.get(instance_id)
        if info is not None:
            groups[cwe_label(info.cwe_id)].append(pair)
            groups[info.language].append(pair)
        groups["all"].append(pair)
    rows = []
    for group in sorted(groups, key=lambda g: (g == "all", g)):
        pairs = groups[group]
        rows.append(JudgeRow(
            group=group, samples=len(pairs),
            fewer_agrees=sum(d == fewer for d, fewer, _ in pairs) / len(pairs),
            gone_agrees=sum(d == gone for d, _, gone in pairs) / len(pairs),
            missed=sum(1 for d, _, gone in pairs if not d and gone),
            flagged=sum(1 for d, _, gone in pairs if d and not gone)))
    return rows


class ReportModel(msgspec.Struct, frozen=True):
    dataset: str
    scoring: str
    contract: str
    cycles: int
    instances: int
    models: list[str]
    leaderboard: list[LeaderRow]
    outcomes: dict[str, dict[str, int]]
    samples: dict[str, int]
    breakdowns: list[Breakdown]
    usage: dict[str, dict[str, float]]
    upstream: list[list[str]]
    solvers: list[SolverRow]
    comparisons: list[PairComparison]
    matrix: list[InstanceRow]
    judges: list[JudgeRow] = []


def _with_point(estimate: Estimate, value: float) -> Estimate:
    """The interval around results.json's own number, so the report and results agree."""
    return Estimate(value, min(estimate.low, value), max(estimate.high, value))


def _breakdown(boot: Bootstrapper, title: str, key_of: dict[str, str], label: Any, models: list[str],
               per_model: dict[str, dict[str, InstanceStats]], results: Results, attribute: str) -> Breakdown:
    keys = sorted({k for m in results.models.values() for k in getattr(m, attribute)})
    cells: dict[str, dict[str, Estimate]] = {name: {} for name in models}
    for key in keys:
        present = [name for name in models if key in getattr(results.models[name], attribute)]
        subsets = {name: {i: s for i, s in per_model[name].items() if key_of.get(i) == key} for name in present}
        for name, estimate in boot.security_intervals(subsets).items():
            cells[name][key] = _with_point(estimate, getattr(results.models[name], attribute)[key].security)
    return Breakdown(title=title, keys=keys, labels=[label(k) for k in keys], cells=cells)


def _solver_rows(results: Results, seconds: dict[str, float]) -> list[SolverRow]:
    """One row per (model, solver) for every model evaluated with more than one solver."""
    groups: dict[str, list[str]] = {}
    for name in results.models:
        groups.setdefault(name.split("+", 1)[0], []).append(name)
    rows: list[SolverRow] = []
    for base, names in sorted(groups.items()):
        if len(names) < 2:
            continue
        for name in sorted(names, key=lambda n: (n != base, n)):
            m = results.models[name]
            answers = max(1, int(m.usage.get("answers", 0)))
            tokens = (m.usage.get("input_tokens", 0) + m.usage.get("output_tokens", 0)) / answers
            rows.append(SolverRow(base, name.split("+", 1)[1] if "+" in name else "single", m.security, m.quality,
                                  m.stability, tokens, m.usage.get("cost_usd", 0.0) / answers,
                                  seconds.get(name, 0.0) / answers, m.usage.get("turns", 0) / answers))
    return rows


def _matrix(outcomes: list[SampleOutcome], instances: dict[str, InstanceMeta], models: list[str]) -> list[InstanceRow]:
    cycles: dict[tuple[str, str], list[SampleOutcome]] = defaultdict(list)
    for sample in outcomes:
        cycles[(sample.instance_id, sample.model)].append(sample)
    ids = sorted(set(instances) | {s.instance_id for s in outcomes})
    rows: list[InstanceRow] = []
    for instance_id in ids:
        meta = instances.get(instance_id)
        cells: dict[str, str] = {}
        solved = judged = 0
        for model in models:
            samples = sorted(cycles.get((instance_id, model), []), key=lambda s: s.cycle)
            cells[model] = "".join(OUTCOME_CODES[s.outcome] for s in samples)
            scored = [s for s in samples if s.outcome != "infra_error"]
            if scored:
                judged += 1
                solved += 2 * sum(s.secure for s in scored) > len(scored)
        rows.append(InstanceRow(
            instance_id=instance_id, cwe=meta.cwe_id if meta else "", language=meta.language if meta else "",
            origin=("seed" if meta.seed else "mutation") if meta else "",
            solved_by=round(solved / judged, 4) if judged else 0.0, cells=cells,
        ))
    return rows


def build_report(results: Results, fold: LogFold) -> ReportModel:
    """The report of a run (or of merged runs) from its results and its folded log."""
    outcomes = fold.outcomes()
    by_model: dict[str, list[SampleOutcome]] = defaultdict(list)
    for sample in outcomes:
        by_model[sample.model].append(sample)
    models = list(results.models)
    per_model = {name: instance_stats(by_model.get(name, [])) for name in models}
    leaderboard: list[LeaderRow] = []
    boot = Bootstrapper()  # one for the whole report: draws and replicate scores are shared
    ranked = sorted(results.models.items(), key=lambda kv: (-kv[1].overall, kv[0]))
    for rank, (name, m) in enumerate(ranked, 1):
        estimates = boot.interval(name, per_model[name])
        leaderboard.append(LeaderRow(rank, name, _with_point(estimates["overall"], m.overall),
                                     _with_point(estimates["security"], m.security),
                                     _with_point(estimates["quality"], m.quality), m.stability, m.samples))
    meta = fold.instances
    breakdowns = [
        _breakdown(boot, "Security by vulnerability class", {i: m.cwe_id for i, m in meta.items()}, cwe_label,
                   models, per_model, results, "by_cwe"),
        _breakdown(boot, "Security by language", {i: m.language for i, m in meta.items()}, str,
                   models, per_model, results, "by_language"),
        _breakdown(boot, "Security on seeds and mutations", {i: "seed" if m.seed else "mutation" for i, m in meta.items()},
                   str, models, per_model, results, "by_origin"),
    ]
    order = [row.model for row in leaderboard]
    comparisons = [boot.pair(a, b, per_model[a], per_model[b]) for a, b in combinations(order, 2)]
    upstream = [
        [mode, name, f"{r.get('overall', 0):.2f}", f"{r.get('security', 0):.2f}", f"{r.get('quality', 0):.2f}",
         f"{r.get('stability', 0):.2f}", str(r.get("averaging", ""))]
        for mode, per in sorted(results.upstream.items()) for name, r in sorted(per.items())
    ]
    return ReportModel(
        dataset=results.dataset, scoring=results.scoring, contract=results.contract, cycles=results.cycles,
        instances=results.instances, models=models, leaderboard=leaderboard,
        outcomes={n: {o: m.outcomes.get(o, 0) for o in OUTCOMES} for n, m in results.models.items()},
        samples={n: m.samples for n, m in results.models.items()}, breakdowns=breakdowns,
        usage={n: dict(m.usage) for n, m in results.models.items()}, upstream=upstream,
        solvers=_solver_rows(results, fold.answer_seconds()), comparisons=comparisons,
        matrix=_matrix(outcomes, meta, order), judges=_judge_rows(fold, meta),
    )
