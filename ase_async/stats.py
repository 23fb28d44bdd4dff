"""Uncertainty of scores: bootstrap intervals over instances, and paired comparisons.

The unit of resampling is the instance, not the sample: the cycles of one instance share a
prompt and a repository, so they are correlated, and resampling them independently would
give intervals that are too narrow. Each bootstrap replicate draws instances with
replacement and keeps every cycle of a drawn instance together.

The resampling is seeded from the ids of the instances resampled, so the same log always
gives the same intervals and ``ase score`` stays byte-for-byte reproducible. A pair of
systems is resampled with one shared draw of their common instances: that is what makes
the comparison paired, and why it detects smaller differences than two separate
intervals would.

Scores follow :mod:`ase_async.scoring` exactly (micro-averaged security and quality,
min-max normalised stability, overall = 0.6 S + 0.3 Q + 0.1 St), computed from
per-instance sums so that a replicate costs a few C-level passes over a list.
"""

from __future__ import annotations

import hashlib
import math
import random
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Literal

import msgspec

from .scoring import SampleOutcome

__all__ = [
    "BOOTSTRAP_REPLICATES",
    "Bootstrapper",
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
_BITS = 21
_MASK = (1 << _BITS) - 1
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
        n, k = len(cycles), sum(s.secure for _, s in cycles)
        # stdev (ddof=1) of k ones and n - k zeros, in closed form: statistics.stdev works in
        # exact fractions, which is most of the time of a large report
        sigma = math.sqrt(k * (n - k) / (n * (n - 1))) if n >= 2 else 0.0
        out[instance_id] = InstanceStats(secure=k, quality=sum(s.quality for _, s in cycles), samples=n, sigma=sigma)
    return out


class _Columns:
    """Per-instance columns of one system, for fast sums over a replicate's draw."""

    __slots__ = ("flat", "packed", "sigma")

    def __init__(self, stats: Sequence[InstanceStats]) -> None:
        # secure, quality and sample counts packed in one int, so one C-level sum over a
        # draw gives all three (each sum stays below 2**21 samples)
        self.packed = [s.secure | s.quality << _BITS | s.samples << 2 * _BITS for s in stats]
        self.sigma = [s.sigma for s in stats]
        #: every instance equally stable (one cycle, or all alike): stability is 1 in every draw
        self.flat = len(set(self.sigma)) <= 1

    def scores(self, draw: Sequence[int], full: bool = True) -> tuple[float, float, float]:
        """(overall, security, quality) on the 0-1 scale for the instances in ``draw``;
        with ``full`` false only security is computed (the others are 0)."""
        packed = sum(map(self.packed.__getitem__, draw))
        n = packed >> 2 * _BITS
        if not n:
            return 0.0, 0.0, 0.0
        security = (packed & _MASK) / n
        if not full:
            return 0.0, security, 0.0
        quality = (packed >> _BITS & _MASK) / n
        stab = 1.0
        if not self.flat:
            sigmas = list(map(self.sigma.__getitem__, draw))
            low, high = min(sigmas), max(sigmas)
            # mean of 1 - (s - low) / (high - low) over the draw, in one pass
            stab = 1.0 if high == low else (high - sum(sigmas) / len(sigmas)) / (high - low)
        return 0.6 * security + 0.3 * quality + 0.1 * stab, security, quality


def _draws(instances: tuple[str, ...], replicates: int) -> list[list[int]]:
    """``replicates`` draws of positions in ``instances`` with replacement.

    Seeded by the instance ids, so every system scored on the same instances is resampled
    with the same draws (common random numbers): their replicate scores can be reused for
    the paired comparisons, which is what keeps twenty systems' 190 pairs cheap.
    """
    if not instances:
        return []
    digest = hashlib.sha256("\n".join(instances).encode()).hexdigest()
    rng = random.Random(f"ase-bootstrap:{digest}")
    size = len(instances)
    return [rng.choices(range(size), k=size) for _ in range(replicates)]


def _split(total: int, count: int) -> list[float]:
    """The security share of each of ``count`` systems packed side by side in ``total``."""
    values = []
    for j in range(count):
        packed = total >> (2 * _BITS * j)
        n = packed >> _BITS & _MASK
        values.append((packed & _MASK) / n if n else 0.0)
    return values


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


class Bootstrapper:
    """Bootstrap intervals and paired comparisons sharing draws and replicate scores.

    One per report: the draws of an instance set and a system's replicate scores on it are
    computed once, then reused by every interval and every pair that needs them.
    """

    def __init__(self, replicates: int = BOOTSTRAP_REPLICATES) -> None:
        self.replicates = replicates
        self._draws: dict[tuple[str, ...], list[list[int]]] = {}
        self._scores: dict[tuple[str, tuple[str, ...], bool],
                           tuple[tuple[float, float, float], list[tuple[float, float, float]]]] = {}

    def _replicates(self, name: str, stats: dict[str, InstanceStats], instances: tuple[str, ...],
                    full: bool = True) -> tuple[tuple[float, float, float], list[tuple[float, float, float]]]:
        """(point scores, replicate scores) of system ``name`` on ``instances``."""
        key = (name, instances, full)
        if key not in self._scores and (name, instances, True) in self._scores:
            return self._scores[(name, instances, True)]
        if key not in self._scores:
            if instances not in self._draws:
                self._draws[instances] = _draws(instances, self.replicates)
            columns = _Columns([stats[i] for i in instances])
            self._scores[key] = (columns.scores(range(len(instances)), full),
                                 [columns.scores(d, full) for d in self._draws[instances]])
        return self._scores[key]

    def interval(self, name: str, stats: dict[str, InstanceStats], metrics: Sequence[Metric] = _METRICS,
                 ) -> dict[Metric, Estimate]:
        """Scores of one system with 95% intervals over its instances (``metrics`` of them:
        security alone skips the rest of the work)."""
        point, samples = self._replicates(name, stats, tuple(sorted(stats)), full=tuple(metrics) != ("security",))
        return {metric: _estimate(point[i], [s[i] for s in samples])
                for i, metric in enumerate(_METRICS) if metric in metrics}

    def pair(self, a: str, b: str, stats_a: dict[str, InstanceStats], stats_b: dict[str, InstanceStats]) -> PairComparison:
        """A minus B in security and overall, resampling their common instances together.

        The verdict follows the overall difference's interval: "A is ahead" when all of it
        is above zero, "B is ahead" when all of it is below, otherwise not distinguishable.
        Security is shown beside it for the reader; one verdict keeps the matrix readable.
        """
        common = tuple(sorted(set(stats_a) & set(stats_b)))
        pa, ra = self._replicates(a, stats_a, common)
        pb, rb = self._replicates(b, stats_b, common)
        overall = _estimate(pa[0] - pb[0], [x[0] - y[0] for x, y in zip(ra, rb, strict=True)])
        security = _estimate(pa[1] - pb[1], [x[1] - y[1] for x, y in zip(ra, rb, strict=True)])
        verdict: Verdict = "not distinguishable at this size"
        if common and overall.low > 0:
            verdict = "A is ahead"
        elif common and overall.high < 0:
            verdict = "B is ahead"
        return PairComparison(a=a, b=b, instances=len(common), security=security, overall=overall, verdict=verdict)


    def security_intervals(self, systems: dict[str, dict[str, InstanceStats]]) -> dict[str, Estimate]:
        """Security with its 95% interval for several systems at once (one breakdown cell).

        Systems on the same instances share their draws, and their counts are packed side
        by side into one integer per instance, so one C-level sum per draw serves all of
        them: a 20-system report has hundreds of cells, and this is most of its cost.
        """
        groups: dict[tuple[str, ...], list[str]] = {}
        for name, stats in systems.items():
            groups.setdefault(tuple(sorted(stats)), []).append(name)
        width = 2 * _BITS  # secure and sample counts of one system
        out: dict[str, Estimate] = {}
        for instances, names in groups.items():
            if not instances:
                out.update({name: Estimate(0.0, 0.0, 0.0) for name in names})
                continue
            if instances not in self._draws:
                self._draws[instances] = _draws(instances, self.replicates)
            combined = [sum((systems[name][i].secure | systems[name][i].samples << _BITS) << (width * j)
                            for j, name in enumerate(names)) for i in instances]
            count = len(names)
            point = _split(sum(combined), count)
            replicates = [_split(sum(map(combined.__getitem__, d)), count) for d in self._draws[instances]]
            for j, name in enumerate(names):
                out[name] = _estimate(point[j], [r[j] for r in replicates])
        return out


def bootstrap(stats: dict[str, InstanceStats], *, replicates: int = BOOTSTRAP_REPLICATES) -> dict[Metric, Estimate]:
    """Overall, security and quality of one system with 95% intervals over its instances."""
    return Bootstrapper(replicates).interval("", stats)


def compare_pair(a: str, b: str, stats_a: dict[str, InstanceStats], stats_b: dict[str, InstanceStats],
                 *, replicates: int = BOOTSTRAP_REPLICATES) -> PairComparison:
    """A minus B on their common instances (see :meth:`Bootstrapper.pair`)."""
    return Bootstrapper(replicates).pair(a, b, stats_a, stats_b)
