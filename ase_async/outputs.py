"""A run's outputs from its event log: ``results.json``, ``report.md`` and ``report.html``.

The one function ``ase run`` (at its end) and ``ase score`` (at any time after) both use,
so the two can never disagree.
"""

from __future__ import annotations

from pathlib import Path

from .eventlog import read_events
from .results import Results, fold_events, results_from_log, write_results

__all__ = ["write_outputs"]


def write_outputs(run_dir: Path, out: Path | None = None) -> Results:
    """Fold ``run_dir/events.jsonl`` and write the results and reports into ``out``
    (default: ``run_dir``); returns the results."""
    from .report import write_reports  # the report renderers import the plotting stack: late

    out = run_dir if out is None else out
    out.mkdir(parents=True, exist_ok=True)
    fold = fold_events(read_events(run_dir / "events.jsonl"))
    results = results_from_log(fold)
    write_results(results, out / "results.json")
    write_reports(results, fold, out)
    return results
