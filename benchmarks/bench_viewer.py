"""The viewer on a synthetic 50,000-sample log: index build time and page latency.

1. Index build: one pass over the whole log into a fresh SQLite index (median of
   ``--repeats`` builds), and the no-op update a follower makes when nothing was added.
2. Page latency over HTTP on 127.0.0.1, median of ``--requests`` requests each: the first
   page of the sample list, a filtered list, a deep page, one sample, one instance side by
   side (every system), the progress endpoint.
3. The report model (bootstrap intervals and paired comparisons) for the same log.

The log: 20 systems (half of them agents, with turns and tool calls) on 834 instances,
3 cycles (50,040 samples, ~110 MB), written by ase_async.testing.synthetic.

Run: ``.venv/bin/python benchmarks/bench_viewer.py`` (writes benchmarks/results/viewer.json)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
import urllib.request
from pathlib import Path

from ase_async.eventlog import read_events
from ase_async.reportmodel import build_report
from ase_async.results import Results, fold_events
from ase_async.scoring import score_models
from ase_async.testing.synthetic import write_synthetic_log
from ase_async.viewer import SampleIndex, Viewer


def timed(work: object) -> float:
    started = time.perf_counter()
    work()  # type: ignore[operator]
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--models", type=int, default=20)
    parser.add_argument("--instances", type=int, default=834)
    parser.add_argument("--cycles", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=3, help="index builds")
    parser.add_argument("--requests", type=int, default=15, help="requests per page")
    parser.add_argument("--out", default=str(Path(__file__).parent / "results" / "viewer.json"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ase-bench-viewer-") as scratch:
        root = Path(scratch)
        log = write_synthetic_log(root / "run" / "events.jsonl", models=args.models, instances=args.instances,
                                  cycles=args.cycles)
        log_mb = round(log.stat().st_size / 1e6, 1)
        builds = []
        for repeat in range(args.repeats):
            index = SampleIndex(root / f"index-{repeat}.sqlite", [log.parent])
            builds.append(timed(index.update))
            index.close()
        index = SampleIndex(root / "index-0.sqlite", [log.parent])
        noop = statistics.median(timed(index.update) for _ in range(5))
        samples = index.samples({})[0]
        _, rows = index.samples({"outcome": "insecure", "model": "sim/model-07+agent"}, limit=1)
        pages = {
            "list, first page": "",
            "list, filtered (system + class + outcome)": "?model=sim/model-07%2Bagent&cls=xss&outcome=insecure",
            "list, instance search": "?instance=sqli-04",
            "list, page 400": "?page=400",
            "one sample (agent, 3 turns)": f"sample/{rows[0]['id']}",
            f"side by side ({args.models} systems x {args.cycles} cycles)": f"compare/1/{rows[0]['instance_id']}",
            "progress endpoint": "api/progress",
        }
        latency: dict[str, float] = {}
        with Viewer(index, port=0, follow=0.0) as viewer:
            for name, path in pages.items():
                times = []
                for _ in range(args.requests):
                    started = time.perf_counter()
                    with urllib.request.urlopen(viewer.url + path, timeout=60) as response:
                        response.read()
                    times.append(time.perf_counter() - started)
                latency[name] = round(1000 * statistics.median(times), 1)
        fold = fold_events(read_events(log))
        # The method's scores only (the upstream-compatible ones are not what is measured here).
        results = Results(scoring="ase-method", dataset="synthetic", contract="diff", cycles=args.cycles,
                          models=score_models(fold.outcomes(), fold.instances, fold.usage()),
                          instances=len(fold.instances))
        report_seconds = timed(lambda: build_report(results, fold))
    figures = {
        # the machine is shared: its load says how far the figures are from a quiet one
        "load_average_1m": round(os.getloadavg()[0], 1),
        "samples": samples,
        "log_mb": log_mb,
        "index_build_s": {"median": round(statistics.median(builds), 2), "runs": [round(b, 2) for b in builds]},
        "noop_update_us": round(1e6 * noop),
        "page_latency_ms_median": latency,
        "report_model_s": round(report_seconds, 2),
    }
    print(json.dumps(figures, indent=2))
    Path(args.out).write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
