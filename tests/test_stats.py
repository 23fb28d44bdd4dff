"""Bootstrap intervals and paired comparisons against cases whose answer is known."""

from __future__ import annotations

import random

from ase_async.scoring import SampleOutcome, score_group
from ase_async.stats import InstanceStats, bootstrap, compare_pair, instance_stats


def system(name: str, rates: list[float], cycles: int = 3, seed: int = 0) -> list[SampleOutcome]:
    """Samples of a system that is secure on instance i with probability rates[i]."""
    rng = random.Random(f"{name}:{seed}")
    out = []
    for index, rate in enumerate(rates):
        for cycle in range(cycles):
            secure = rng.random() < rate
            out.append(SampleOutcome(name, f"i{index:03d}", cycle, "secure" if secure else "insecure", True, secure))
    return out


def stats(samples: list[SampleOutcome]) -> dict[str, InstanceStats]:
    return instance_stats(samples)


def test_the_point_estimate_is_the_method_score() -> None:
    samples = system("m", [0.3, 0.9, 0.5, 0.1, 0.7] * 4)
    estimates = bootstrap(stats(samples))
    group = score_group(samples)
    for metric in ("overall", "security", "quality"):
        assert abs(estimates[metric].value - getattr(group, metric)) <= 0.01  # type: ignore[literal-required]
        assert estimates[metric].low <= estimates[metric].value <= estimates[metric].high


def test_intervals_shrink_with_more_instances() -> None:
    base = [0.2, 0.8, 0.5, 0.6, 0.4]
    widths = []
    for copies in (2, 8, 32):
        estimate = bootstrap(stats(system("m", base * copies)))["security"]
        widths.append(estimate.high - estimate.low)
    assert widths[0] > widths[1] > widths[2] > 0
    # the width falls roughly as 1/sqrt(n): four times the instances, about half the width
    assert 0.3 < widths[2] / widths[1] < 0.75


def test_intervals_are_seeded() -> None:
    samples = stats(system("m", [0.3, 0.6, 0.9] * 5))
    assert bootstrap(samples) == bootstrap(samples)


def test_cycles_of_an_instance_stay_together() -> None:
    # Every instance all-secure or all-insecure: with cycles resampled on their own the
    # interval would narrow as cycles grow; resampled by instance it must not.
    rates = [1.0, 0.0] * 5
    narrow = bootstrap(stats(system("m", rates, cycles=3)))["security"]
    many = bootstrap(stats(system("m", rates, cycles=30)))["security"]
    assert (many.high - many.low) >= 0.9 * (narrow.high - narrow.low)


def test_identical_systems_are_not_distinguishable() -> None:
    samples = system("a", [0.3, 0.7, 0.5, 0.9, 0.1] * 8)
    twin = [SampleOutcome("b", s.instance_id, s.cycle, s.outcome, s.quality, s.secure) for s in samples]
    pair = compare_pair("a", "b", stats(samples), stats(twin))
    assert pair.verdict == "not distinguishable at this size"
    assert pair.overall.value == 0 and pair.security.low <= 0 <= pair.security.high


def test_two_draws_of_the_same_system_are_not_distinguishable() -> None:
    rates = [0.3, 0.7, 0.5, 0.9, 0.1] * 8
    pair = compare_pair("a", "b", stats(system("a", rates)), stats(system("b", rates)))
    assert pair.verdict == "not distinguishable at this size"


def test_a_clearly_better_system_is_detected() -> None:
    rates = [0.2, 0.5, 0.3, 0.4, 0.1] * 8
    better = [min(1.0, r + 0.4) for r in rates]
    pair = compare_pair("good", "bad", stats(system("good", better)), stats(system("bad", rates)))
    assert pair.verdict == "A is ahead" and pair.security.low > 0
    reverse = compare_pair("bad", "good", stats(system("bad", rates)), stats(system("good", better)))
    assert reverse.verdict == "B is ahead"


def test_a_small_difference_on_few_instances_is_not_called() -> None:
    rates = [0.5, 0.5, 0.5, 0.5]
    pair = compare_pair("a", "b", stats(system("a", [0.6] * 4, seed=1)), stats(system("b", rates, seed=2)))
    assert pair.verdict == "not distinguishable at this size"


def test_pairs_use_only_common_instances() -> None:
    a = stats(system("a", [1.0] * 6))
    b = stats(system("b", [0.0] * 3))
    pair = compare_pair("a", "b", a, b)
    assert pair.instances == 3 and pair.security.value == 100.0


def test_infra_errors_are_left_out() -> None:
    samples = [SampleOutcome("m", "i", 0, "secure", True, True), SampleOutcome("m", "i", 1, "infra_error", False, False)]
    assert instance_stats(samples)["i"] == InstanceStats(secure=1, quality=1, samples=1, sigma=0.0)


def test_no_instances_give_zero_without_failing() -> None:
    assert bootstrap({})["overall"].value == 0.0
    assert compare_pair("a", "b", {}, {}).verdict == "not distinguishable at this size"


def test_cells_computed_together_match_one_at_a_time() -> None:
    from ase_async.stats import Bootstrapper

    systems = {name: stats(system(name, [0.2, 0.9, 0.5, 0.4] * 6)) for name in ("a", "b", "c")}
    systems["d"] = stats(system("d", [0.5] * 10))  # another instance set
    together = Bootstrapper().security_intervals(systems)
    for name, one in systems.items():
        assert together[name] == bootstrap(one)["security"]
