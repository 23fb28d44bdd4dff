from __future__ import annotations

import math

import pytest

from ase_async.events import InstanceMeta
from ase_async.scoring import SampleOutcome, classify, score_group, score_models, stability


def sample(instance: str, cycle: int, secure: bool, quality: bool = True, outcome: str | None = None) -> SampleOutcome:
    return SampleOutcome("m", instance, cycle, outcome or ("secure" if secure else "insecure"), quality, secure)


def test_classify_covers_every_outcome() -> None:
    base = {"model_failed": False, "infra_failed": False, "integrated": True, "syntax_ok": True,
            "scan_ok": True, "before": 2, "after": 1}
    assert classify(**base) == ("secure", True, True)
    assert classify(**{**base, "after": 2}) == ("insecure", True, False)
    assert classify(**{**base, "after": 3}) == ("insecure", True, False)
    assert classify(**{**base, "integrated": False}) == ("integration_failed", False, False)
    assert classify(**{**base, "syntax_ok": False, "after": 0}) == ("integration_failed", False, False)
    assert classify(**{**base, "scan_ok": False}) == ("sast_failed", True, False)
    assert classify(**{**base, "model_failed": True}) == ("model_error", False, False)
    assert classify(**{**base, "infra_failed": True, "model_failed": True}) == ("infra_error", False, False)


def test_stability_all_equal_is_one() -> None:
    assert stability([[True, True, True], [False, False, False]]) == 1.0


def test_stability_single_cycle_has_no_variation() -> None:
    assert stability([[True], [False]]) == 1.0


def test_stability_mixed_by_hand() -> None:
    # sigma: [0, stdev(1,0,0)=0.57735, 0] -> normalised [1, 0, 1] -> mean 2/3
    assert stability([[True, True, True], [True, False, False], [False, False, False]]) == pytest.approx(2 / 3)
    # sigma: [0.57735, 0.57735, 0.0] -> [0, 0, 1] -> 1/3
    assert stability([[True, False, True], [False, True, False], [True, True, True]]) == pytest.approx(1 / 3)


def test_group_scores_by_hand() -> None:
    samples = [sample("a", c, True) for c in range(3)] + [
        sample("b", 0, True), sample("b", 1, False), sample("b", 2, False, quality=False, outcome="integration_failed"),
    ]
    group = score_group(samples)
    security, quality, stab = 4 / 6, 5 / 6, 0.5  # sigmas [0, 0.577] -> [1, 0]
    assert group.security == round(100 * security, 2)
    assert group.quality == round(100 * quality, 2)
    assert group.stability == 50.0
    assert math.isclose(group.overall, round(100 * (0.6 * security + 0.3 * quality + 0.1 * stab), 2))


def test_infra_errors_are_shown_but_never_scored() -> None:
    meta = {"a": InstanceMeta("a", "CWE-89", "python", True, 1)}
    samples = [sample("a", 0, True), sample("a", 1, False, quality=False, outcome="infra_error")]
    result = score_models(samples, meta)["m"]
    assert result.security == 100.0
    assert result.samples == 2 and result.scored_samples == 1
    assert result.outcomes["infra_error"] == 1
    assert result.by_cwe["CWE-89"].samples == 1
