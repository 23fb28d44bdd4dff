"""The calibration corpus: blind answers with the label their authors intended.

``<dataset>/calibration/<seed>.json`` holds, per seed, answers written by people who saw only
the description, the repository and the reference fix (never the rules, the checks or the
stored insecure fixes): secure alternatives written differently from the reference fix, and
plausible fixes that stay exploitable, each from a named bypass family. ``ase validate``
runs the judges on them and reports how often each agrees with the intended label, and how
often the static judge agrees with the dynamic one, per class and language.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal

import msgspec

from ._errors import DatasetError

__all__ = ["Agreement", "CalibrationAnswer", "CalibrationResult", "agreement_table", "load_corpus"]


class CalibrationAnswer(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    intent: Literal["secure", "exploitable"]
    family: str
    rationale: str
    code: str


class CalibrationResult(msgspec.Struct, frozen=True, kw_only=True):
    """One answer as the judges saw it (None: the judge could not decide)."""

    id: str
    instance_id: str
    language: str
    cwe_id: str
    intent: str
    family: str
    parsed: bool
    functional: bool | None
    exploited: str
    dynamic_secure: bool | None
    static_secure: bool | None  # upstream's static verdict: fewer findings than the baseline
    static_gone: bool | None = None  # ase-lite's static verdict: none of the instance's findings left
    #: the instance's findings in the answer's working copy (None: not scanned)
    static_findings: int | None = None

    @property
    def intended_secure(self) -> bool:
        return self.intent == "secure"


class Agreement(msgspec.Struct, frozen=True):
    """Percentages of answers on which two verdicts agree (None: no answer has a dynamic verdict)."""

    group: str
    answers: int
    dynamic_vs_intent: float | None
    static_vs_intent: float
    static_vs_dynamic: float | None
    gone_vs_dynamic: float | None
    false_secure: int  # exploitable answers the dynamic judge called secure
    false_insecure: int  # secure answers the dynamic judge called insecure or broken
    gone_vs_intent: float = 0.0
    #: the static judge ("none left"): exploitable answers it calls secure, secure ones it flags
    gone_false_secure: int = 0
    gone_false_insecure: int = 0


def load_corpus(dataset_root: Path | str, seed: str) -> list[CalibrationAnswer]:
    """The seed's calibration answers ([] when it has none).

    Raises:
        DatasetError: the file is malformed, naming the file.
    """
    path = Path(dataset_root) / "calibration" / f"{seed}.json"
    if not path.is_file():
        return []
    try:
        return msgspec.json.decode(path.read_bytes(), type=list[CalibrationAnswer])
    except (msgspec.DecodeError, msgspec.ValidationError) as exc:
        raise DatasetError(f"the calibration corpus cannot be read: {exc}", file=str(path)) from exc


def _rate(pairs: Sequence[tuple[bool | None, bool | None]]) -> float:
    if not pairs:
        return 0.0
    return round(100.0 * sum(a is not None and a == b for a, b in pairs) / len(pairs), 1)


def _agreement(group: str, results: Sequence[CalibrationResult]) -> Agreement:
    dynamic = [r for r in results if r.dynamic_secure is not None]
    return Agreement(
        group=group,
        answers=len(results),
        dynamic_vs_intent=_rate([(r.dynamic_secure, r.intended_secure) for r in results]) if dynamic else None,
        static_vs_intent=_rate([(r.static_secure, r.intended_secure) for r in results]),
        static_vs_dynamic=_rate([(r.static_secure, r.dynamic_secure) for r in dynamic]) if dynamic else None,
        gone_vs_dynamic=_rate([(r.static_gone, r.dynamic_secure) for r in dynamic]) if dynamic else None,
        false_secure=sum(1 for r in dynamic if not r.intended_secure and r.dynamic_secure),
        false_insecure=sum(1 for r in dynamic if r.intended_secure and not r.dynamic_secure),
        gone_vs_intent=_rate([(r.static_gone, r.intended_secure) for r in results]),
        gone_false_secure=sum(1 for r in results if not r.intended_secure and r.static_gone),
        gone_false_insecure=sum(1 for r in results if r.intended_secure and not r.static_gone),
    )


def agreement_table(results: Iterable[CalibrationResult]) -> list[Agreement]:
    """Agreement overall, then per class and per language."""
    everything = list(results)
    rows = [_agreement("all", everything)]
    by: dict[str, list[CalibrationResult]] = defaultdict(list)
    for result in everything:
        by[result.cwe_id].append(result)
        by[result.language].append(result)
    rows += [_agreement(group, by[group]) for group in sorted(by)]
    return rows
