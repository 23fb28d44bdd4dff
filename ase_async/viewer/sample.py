"""One sample as the viewer shows it, assembled from its events in the index."""

from __future__ import annotations

from typing import Any

import msgspec

from .code import Change, reconstruct
from .index import SampleIndex

__all__ = ["SampleView", "load_sample"]


class SampleView(msgspec.Struct):
    """Everything the sample page shows; fields are the events' own, decoded as JSON."""

    id: int
    run: int
    model: str
    instance_id: str
    cycle: int
    outcome: str
    cls: str
    language: str
    dataset: str
    contract: str
    task: dict[str, Any] | None = None
    answer: dict[str, Any] | None = None
    failure: dict[str, Any] | None = None
    integrated: dict[str, Any] | None = None
    syntax: dict[str, Any] | None = None
    scanned: dict[str, Any] | None = None
    dynamic: dict[str, Any] | None = None
    infra: dict[str, Any] | None = None
    baseline: dict[str, Any] | None = None
    turns: list[dict[str, Any]] = []
    tools: list[dict[str, Any]] = []
    commands: list[dict[str, Any]] = []
    times: dict[str, float] = {}
    change: Change = Change()


_SLOTS = {"answer_received": "answer", "model_failed": "failure", "integrated": "integrated",
          "syntax_checked": "syntax", "scanned": "scanned", "dynamic_checked": "dynamic", "infra_failed": "infra"}
_LISTS = {"agent_turn": "turns", "tool_called": "tools", "command_ran": "commands"}


def load_sample(index: SampleIndex, sample_id: int, *, rebuild_code: bool = True) -> SampleView | None:
    """The view of one sample, or None when the index has no such sample."""
    row = index.sample(sample_id)
    if row is None:
        return None
    run = index.run(int(row["run"]))
    view = SampleView(id=sample_id, run=int(row["run"]), model=row["model"], instance_id=row["instance_id"],
                      cycle=int(row["cycle"]), outcome=row["outcome"] or "pending", cls=row["cls"] or "",
                      language=row["language"] or "", dataset=run["dataset"] if run else "",
                      contract=run["contract"] if run else "")
    for event in index.events(sample_id):
        kind = event.get("event", "")
        view.times[kind] = float(event.get("time", 0.0))
        if kind == "integrated":
            # A new integration is a new attempt: what an earlier one left no longer counts.
            view.syntax = view.scanned = view.dynamic = view.infra = None
        if kind in _SLOTS:
            setattr(view, _SLOTS[kind], event)
        elif kind in _LISTS:
            getattr(view, _LISTS[kind]).append(event)
    if view.answer is not None:
        view.task = index.task(view.run, view.answer.get("task_digest", ""))
    view.baseline = index.baseline(view.run, view.instance_id)
    if rebuild_code and view.answer is not None and run is not None:
        view.change = reconstruct(run["dataset_spec"] or run["dataset"], view.instance_id, view.contract,
                                  view.answer.get("text", ""))
    return view
