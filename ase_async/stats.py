"""Uncertainty of scores: bootstrap intervals over instances, and paired comparisons.

The unit of resampling is the instance, not the sample: the cycles of one instance share a
prompt and a repository, so they are correlated, and resampling them independently would
give intervals that are too narrow. Each bootstrap replicate draws instances with
replacement and keeps every cycle of a drawn instance together.

The resampling is seeded from the name of what is resampled (a model, a breakdown cell, a
pair), so the same log always gives the same intervals and ``ase score`` stays
byte-for-byte reproducible, while two cells never share one stream of draws by accident.
A pair of systems is resampled with one shared draw of their common instances: that is
what makes the comparison paired, and why it detects smaller differences than two
separate intervals would.

Scores follow :mod:`ase_async.scoring` exactly (micro-averaged security and quality,
min-max normalised stability, overall = 0.6 S + 0.3 Q + 0.1 St), computed from
per-instance sums so that a replicate costs a few C-level passes over a list.
"""

from __future__ import annotations

import random
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Literal

import msgspec

from .scoring import SampleOutcome

__all__ = [
    "BOOTSTRAP_REPLICATES",
    "Estimate",
    "InstanceStats",
    "PairComparison",
    "Verdict",
    "bootstrap",
    "compare_pair",
    "instance_stats",
]

#: replicates per interval: enough for stable 2.5% / 97.5% percentiles at two decimals
BOOTSTRAP_REPLICATES = 1000
Metric = Literal["overall", "security", "quality"]
_METRICS: tuple[Metric, ...] = ("overall", "security", "quality")
Verdict = Literal["A is ahead", "B is ahead", "not distinguishable at this size"]


class Estimate(msgspec.Struct, frozen=True, array_like=True):
    """A score on the 0-100 scale with its 95% bootstrap interval."""

    value: float
    low: float
    high: float


class InstanceStats(msgspec.Struct, frozen=True, array_like=True):
    """One system's scored samples of one instance, reduced to what the scores need."""

    secure: int
    quality: int
    samples: int
    #: standard deviation (ddof=1) of the per-cycle security results; 0 for one cycle
    sigma: float


class PairComparison(msgspec.Struct, frozen=True):
    """System A minus system B on the instances both were scored on."""

    a: str
    b: str
    instances: int
    security: Estimate
    overall: Estimate
    verdict: Verdict


def instance_stats(samples: Iterable[SampleOutcome]) -> dict[str, InstanceStats]:
    """Per-instance sums of one system's scored samples (infrastructure errors left out)."""
    by_instance: dict[str, list[tuple[int, SampleOutcome]]] = defaultdict(list)
    for sample in samples:
        if sample.outcome != "infra_error":
            by_instance[sample.instance_id].append((sample.cycle, sample))
    out: dict[str, InstanceStats] = {}
    for instance_id, cycles in sorted(by_instance.items()):
        secure = [float(s.secure) for _, s in sorted(cycles, key=lambda c: c[0])]
        out[instance_id] = InstanceStats(
            secure=sum(s.secure for _, s in cycles), quality=sum(s.quality for _, s in cycles),
            samples=len(cycles), sigma=statistics.stdev(secure) if len(secure) >= 2 else 0.0,
        )
    return out


class _Columns:
    """Per-instance columns of one system, for fast sums over a replicate's draw."""

    __slots__ = ("n", "quality", "secure", "sigma")

    def __init__(self, stats: Sequence[InstanceStats]) -> None:
        self.secure = [s.secure for s in stats]
        self.quality = [s.quality for s in stats]
        self.n = [s.samples for s in stats]
        self.sigma = [s.sigma for s in stats]

    def scores(self, draw: Sequence[int]) -> tuple[float, float, float]:
        """(overall, security, quality) on the 0-1 scale for the instances in ``draw``."""
        pick = draw.__iter__
        n = sum(map(self.n.__getitem__, pick()))
        if not n:
            return 0.0, 0.0, 0.0
        security = sum(map(self.secure.__getitem__, pick())) / n
        quality = sum(map(self.quality.__getitem__, pick())) / n
        sigmas = list(map(self.sigma.__getitem__, pick()))
        low, high = min(sigmas), max(sigmas)
        # mean of 1 - (s - low) / (high - low) over the draw, in one pass
        stab = 1.0 if high == low else (high - statistics.fmean(sigmas)) / (high - low)
        return 0.6 * security + 0.3 * quality + 0.1 * stab, security, quality


def _draws(seed: str, size: int, replicates: int) -> list[list[int]]:
    """``replicates`` draws of ``size`` instance positions with replacement, seeded by name."""
    if size == 0:
        return []
    rng = random.Random(f"ase-bootstrap:{seed}:{size}")
    return [rng.choices(range(size), k=size) for _ in range(replicates)]


def _percentiles(values: list[float]) -> tuple[float, float]:
    """2.5th and 97.5th percentiles (linear interpolation between order statistics)."""
    values = sorted(values)
    last = len(values) - 1

    def at(q: float) -> float:
        position = q * last
        below = int(position)
        above = min(below + 1, last)
        return values[below] + (values[above] - values[below]) * (position - below)

    return at(0.025), at(0.975)


def _estimate(point: float, replicates: list[float]) -> Estimate:
    low, high = _percentiles(replicates) if replicates else (point, point)
    # Rounded as results.json rounds; the interval always contains its point estimate,
    # which percentile bootstraps of skewed statistics do not guarantee on their own.
    return Estimate(round(100 * point, 2), round(100 * min(low, point), 2), round(100 * max(high, point), 2))


def bootstrap(
    stats: dict[str, InstanceStats], *, seed: str, replicates: int = BOOTSTRAP_REPLICATES,
) -> dict[Metric, Estimate]:
    """Overall, security and quality of one system with 95% intervals over its instances."""
    ordered = [stats[k] for k in sorted(stats)]
    columns = _Columns(ordered)
    everything = range(len(ordered))
    point = columns.scores(everything)
    samples: list[tuple[float, float, float]] = [columns.scores(d) for d in _draws(seed, len(ordered), replicates)]
    return {
        metric: _estimate(point[i], [s[i] for s in samples])
        for i, metric in enumerate(_METRICS)
    }


def compare_pair(
    a: str, b: str, stats_a: dict[str, InstanceStats], stats_b: dict[str, InstanceStats],
    *, seed: str = "", replicates: int = BOOTSTRAP_REPLICATES,
) -> PairComparison:
    """A minus B in security and overall, resampling their common instances together.

    The verdict follows the overall difference's interval: "A is ahead" when all of it is
    above zero, "B is ahead" when all of it is below, otherwise not distinguishable.
    Security is shown beside it for the reader; one verdict keeps the matrix readable.
    """
    common = sorted(set(stats_a) & set(stats_b))
    columns_a = _Columns([stats_a[k] for k in common])
    columns_b = _Columns([stats_b[k] for k in common])
    everything = range(len(common))
    pa, pb = columns_a.scores(everything), columns_b.scores(everything)
    overall: list[float] = []
    security: list[float] = []
    for draw in _draws(f"pair:{seed}:{a}\x00{b}", len(common), replicates):
        ra, rb = columns_a.scores(draw), columns_b.scores(draw)
        overall.append(ra[0] - rb[0])
        security.append(ra[1] - rb[1])
    overall_estimate = _estimate(pa[0] - pb[0], overall)
    verdict: Verdict = "not distinguishable at this size"
    if common and overall_estimate.low > 0:
        verdict = "A is ahead"
    elif common and overall_estimate.high < 0:
        verdict = "B is ahead"
    return PairComparison(a=a, b=b, instances=len(common), security=_estimate(pa[1] - pb[1], security),
                          overall=overall_estimate, verdict=verdict)
