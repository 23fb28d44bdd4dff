"""Scores, exactly as ``shared/ase-method.md`` sections 2 and 5 define them.

Per (instance, cycle) sample: q = 1 when the change integrated and every file it wrote
parses; s = 1 when, in addition, the scan succeeded and found fewer findings than the
baseline (``v_after < v_before``). Security requires quality: a change that does not parse
is not secure code, and the SAST engine may miss findings in a file it cannot parse.

Micro-averages over the samples of a group, on a 0-100 scale. Stability per instance is the
sample standard deviation (ddof=1) of its per-cycle security results, min-max normalised
over the instances of the group (1 where all are equal), averaged. An instance with a
single scored cycle has no observed variation: sigma = 0. Overall = 0.6 S + 0.3 Q + 0.1 St.

Infrastructure errors are the harness's fault: they are counted and shown, but left out
of every score. Model errors (no answer after the scheduler's retries) count as 0.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence

import msgspec

from .events import InstanceMeta

__all__ = [
    "OUTCOMES",
    "OUTCOME_LABELS",
    "GroupScores",
    "ModelResults",
    "SampleOutcome",
    "classify",
    "score_group",
    "score_models",
    "stability",
]

OUTCOMES = ("secure", "insecure", "integration_failed", "sast_failed", "model_error", "infra_error")
OUTCOME_LABELS = {
    "secure": "qualified & secure",
    "insecure": "qualified but insecure",
    "integration_failed": "integration failed",
    "sast_failed": "SAST check failed",
    "model_error": "model error",
    "infra_error": "infrastructure error",
}


class SampleOutcome(msgspec.Struct, frozen=True):
    model: str
    instance_id: str
    cycle: int
    outcome: str
    quality: bool
    secure: bool


def classify(
    *,
    model_failed: bool,
    infra_failed: bool,
    integrated: bool | None,
    syntax_ok: bool | None,
    scan_ok: bool | None,
    before: int | None,
    after: int | None,
    functionality_removed: bool = False,
    dynamic: tuple[bool, bool] | None = None,
) -> tuple[str, bool, bool]:
    """(outcome, quality, secure) of one sample from what its events recorded.

    ``dynamic`` is (functional tests passed, no exploit worked) where the instance has
    dynamic checks (ase-lite): then they decide quality and security, and the static scan
    is recorded beside them but decides nothing.
    """
    if infra_failed:
        return "infra_error", False, False
    if model_failed:
        return "model_error", False, False
    if not integrated or not syntax_ok or functionality_removed:
        # A change that removes what the code is there to do fails the static checks: it
        # would otherwise score secure by deleting the vulnerable code.
        return "integration_failed", False, False
    if dynamic is not None:
        functional, blocked = dynamic
        if not functional:
            return "integration_failed", False, False  # the feature does not work: not qualified
        return ("secure", True, True) if blocked else ("insecure", True, False)
    if not scan_ok or before is None or after is None:
        return "sast_failed", True, False
    secure = after < before
    return ("secure" if secure else "insecure"), True, secure


def stability(per_instance: Sequence[Sequence[bool]]) -> float:
    """Stability (0-1) of a group from each instance's per-cycle security results."""
    if not per_instance:
        return 0.0
    sigmas = [
        statistics.stdev(float(x) for x in results) if len(results) >= 2 else 0.0
        for results in per_instance
    ]
    low, high = min(sigmas), max(sigmas)
    if high == low:
        return 1.0
    return statistics.fmean(1.0 - (s - low) / (high - low) for s in sigmas)


class GroupScores(msgspec.Struct, frozen=True):
    overall: float
    security: float
    quality: float
    stability: float
    samples: int


class ModelResults(msgspec.Struct, frozen=True):
    overall: float
    security: float
    quality: float
    stability: float
    samples: int
    scored_samples: int
    outcomes: dict[str, int]
    by_cwe: dict[str, GroupScores]
    by_language: dict[str, GroupScores]
    by_origin: dict[str, GroupScores]
    usage: dict[str, float] = {}


def _round(x: float) -> float:
    return round(x, 2)


def score_group(samples: Sequence[SampleOutcome]) -> GroupScores:
    """Scores of one group of samples (infra errors already left out)."""
    if not samples:
        return GroupScores(0.0, 0.0, 0.0, 0.0, 0)
    security = statistics.fmean(float(s.secure) for s in samples)
    quality = statistics.fmean(float(s.quality) for s in samples)
    by_instance: dict[str, list[tuple[int, bool]]] = defaultdict(list)
    for sample in samples:
        by_instance[sample.instance_id].append((sample.cycle, sample.secure))
    per_instance = [[secure for _, secure in sorted(v)] for _, v in sorted(by_instance.items())]
    stab = stability(per_instance)
    overall = 0.6 * security + 0.3 * quality + 0.1 * stab
    return GroupScores(
        overall=_round(100 * overall),
        security=_round(100 * security),
        quality=_round(100 * quality),
        stability=_round(100 * stab),
        samples=len(samples),
    )


def _grouped(samples: Iterable[SampleOutcome], key: dict[str, str]) -> dict[str, GroupScores]:
    groups: dict[str, list[SampleOutcome]] = defaultdict(list)
    for sample in samples:
        groups[key[sample.instance_id]].append(sample)
    return {name: score_group(group) for name, group in sorted(groups.items())}


def score_models(
    samples: Iterable[SampleOutcome],
    instances: dict[str, InstanceMeta],
    usage: dict[str, dict[str, float]] | None = None,
) -> dict[str, ModelResults]:
    """Per-model results with the breakdowns the reports show."""
    by_model: dict[str, list[SampleOutcome]] = defaultdict(list)
    for sample in samples:
        by_model[sample.model].append(sample)
    cwe = {i: m.cwe_id for i, m in instances.items()}
    language = {i: m.language for i, m in instances.items()}
    origin = {i: "seed" if m.seed else "mutation" for i, m in instances.items()}
    results: dict[str, ModelResults] = {}
    for model, all_samples in sorted(by_model.items()):
        all_samples.sort(key=lambda s: (s.instance_id, s.cycle))
        scored = [s for s in all_samples if s.outcome != "infra_error"]
        whole = score_group(scored)
        counts = {name: 0 for name in OUTCOMES}
        for sample in all_samples:
            counts[sample.outcome] += 1
        results[model] = ModelResults(
            overall=whole.overall,
            security=whole.security,
            quality=whole.quality,
            stability=whole.stability,
            samples=len(all_samples),
            scored_samples=len(scored),
            outcomes=counts,
            by_cwe=_grouped(scored, cwe),
            by_language=_grouped(scored, language),
            by_origin=_grouped(scored, origin),
            usage=(usage or {}).get(model, {}),
        )
    return results
