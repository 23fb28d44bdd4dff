"""What the terminal progress line says: outcome totals and per-model counts."""

from __future__ import annotations

from collections import Counter

__all__ = ["ProgressCounts"]

#: models named on the line before the rest are summed up: the line must fit a terminal
_SHOWN = 8


class ProgressCounts:
    """Counts of finished samples, by outcome and by model, for one progress line."""

    def __init__(self) -> None:
        self.outcomes: Counter[str] = Counter()
        self.models: Counter[str] = Counter()
        self.secure: Counter[str] = Counter()

    def add(self, model: str, outcome: str) -> None:
        self.outcomes[outcome] += 1
        self.models[model] += 1
        self.secure[model] += outcome == "secure"

    def line(self) -> str:
        """``secure=3 insecure=2 | gold 3 (3 secure) · vulnerable 2 (0 secure)``."""
        totals = " ".join(f"{k}={v}" for k, v in sorted(self.outcomes.items()))
        names = sorted(self.models)
        per_model = [f"{name} {self.models[name]} ({self.secure[name]} secure)" for name in names[:_SHOWN]]
        if len(names) > _SHOWN:
            per_model.append(f"+{len(names) - _SHOWN} more models")
        return f"{totals} | {' · '.join(per_model)}" if per_model else totals
