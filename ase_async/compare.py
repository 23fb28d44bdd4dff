"""``ase compare RUN_A RUN_B ...``: runs on the same dataset, ranked together.

Models evaluated on different days land in different run folders. When every run was
made on the same dataset (the same digest in its ``run_started``), their logs are folded
into one and scored and reported as one run: one leaderboard with intervals and the
paired comparisons. A model that appears in more than one run is kept apart, named
``model@folder``, since its runs may differ in settings.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

import msgspec

from ._errors import EventLogError
from .events import Event, RunStarted
from .results import LogFold, Results, fold_events, results_from_log

__all__ = ["merge_runs", "register"]


def _events(run: Path, rename: dict[str, str]) -> Iterator[Event]:
    from .eventlog import read_events

    for event in read_events(run / "events.jsonl"):
        if isinstance(event, RunStarted):
            yield msgspec.structs.replace(event, models=[rename.get(m, m) for m in event.models])
        elif (model := getattr(event, "model", None)) in rename:
            yield msgspec.structs.replace(event, model=rename[model])
        else:
            yield event


def _starts(run: Path) -> list[RunStarted]:
    from .eventlog import read_events

    return [e for e in read_events(run / "events.jsonl") if isinstance(e, RunStarted)]


def merge_runs(runs: Sequence[Path]) -> tuple[Results, LogFold]:
    """One fold and its results over several runs of the same dataset.

    Raises:
        EventLogError: a folder is not a run, or the runs are on different datasets.
    """
    runs = list(dict.fromkeys(run.resolve() for run in runs))  # the same folder twice is one run
    starts = {}
    for run in runs:
        found = _starts(run)
        if not found:
            raise EventLogError(f"{run / 'events.jsonl'}: no run_started event; not a run folder")
        starts[run] = found
    digests = {run: {s.dataset_digest for s in found} for run, found in starts.items()}
    first = runs[0]
    for run, digest in digests.items():
        if digest != digests[first] or len(digest) != 1:
            raise EventLogError(
                f"{run} was made on another dataset than {first} (digest {', '.join(sorted(digest))} against "
                f"{', '.join(sorted(digests[first]))}): only runs on the same dataset can be ranked together")
    seen = Counter(m for found in starts.values() for m in {m for s in found for m in s.models})
    renames = {run: {m: f"{m}@{run.name}" for s in found for m in s.models if seen[m] > 1}
               for run, found in starts.items()}
    fold = fold_events(event for run in runs for event in _events(run, renames[run]))
    return results_from_log(fold), fold


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    compare = sub.add_parser("compare", help="rank runs made on the same dataset together, with paired comparisons")
    compare.add_argument("run_dirs", nargs="+", metavar="RUN_DIR")
    compare.add_argument("--out", help="also write results.json, report.md and report.html here")
    compare.set_defaults(func=_compare)


def _compare(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    from .report import interval, signed, write_reports
    from .reportmodel import build_report
    from .results import write_results

    results, fold = merge_runs([Path(r) for r in args.run_dirs])
    report = build_report(results, fold)
    console = Console(width=160)
    table = Table(title=f"A.S.E {results.dataset}: {len(args.run_dirs)} runs, 95% intervals over instances")
    for column in ("rank", "model", "overall", "security", "quality", "samples"):
        table.add_column(column, justify="left" if column == "model" else "right")
    for row in report.leaderboard:
        table.add_row(str(row.rank), row.model, interval(row.overall), interval(row.security), interval(row.quality),
                      str(row.samples))
    console.print(table)
    pairs = Table(title="paired comparisons (A minus B on common instances)")
    for column in ("A", "B", "instances", "security A-B", "overall A-B", "verdict"):
        pairs.add_column(column)
    for pair in report.comparisons:
        pairs.add_row(pair.a, pair.b, str(pair.instances), signed(pair.security), signed(pair.overall), pair.verdict)
    console.print(pairs)
    if args.out:
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        write_results(results, out / "results.json")
        write_reports(results, fold, out)
        print(f"results: {out / 'results.json'}  report: {out / 'report.md'}")
    return 0
