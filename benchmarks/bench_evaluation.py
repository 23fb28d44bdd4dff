"""Evaluation throughput on the bundled benchmark.

1. Whole-run throughput: ``ase run --model oracle/gold --model oracle/vulnerable`` on
   ase-lite (3 cycles), candidates evaluated per second, median of ``--repeats`` runs, and
   its ratio to the same run when the judge was static only (before the dynamic checks).
2. The SAST step alone, side by side on the same candidates: one batched semgrep process
   per ``--batch-size`` candidates versus one semgrep process per candidate (the fast
   ``--experimental`` front end), and the plain semgrep CLI per candidate on a subset.

Run: ``.venv/bin/python benchmarks/bench_evaluation.py [--parts whole,sast]`` (writes
benchmarks/results/evaluation.json; a part not run keeps its previous figures)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

import anyio

from ase_async import RunConfig, load_dataset, run
from ase_async.dataset import rule_packs_root
from ase_async.masking import region_text, splice
from ase_async.repos import WorkingCopies, source_files
from ase_async.rules import Candidate, SemgrepAnalyzer
from ase_async.sandboxes.local import LocalBackend

#: the whole run's median on this machine when the judge was the static rules alone
#: (before the dynamic checks): the yardstick of the dynamic judge's cost
STATIC_ONLY_WHOLE_RUN_S = 62.83


async def whole_run(out: Path) -> tuple[float, int]:
    started = time.perf_counter()
    results = await run(RunConfig(models=["oracle/gold", "oracle/vulnerable"], out=str(out)))
    elapsed = time.perf_counter() - started
    gold, vulnerable = results.models["oracle/gold"], results.models["oracle/vulnerable"]
    if (gold.security, gold.quality, vulnerable.security, vulnerable.quality) != (100.0, 100.0, 0.0, 100.0):
        # a fast run that judged wrongly is no figure: stop before anything is recorded
        raise SystemExit(f"the oracle run scored wrongly (gold security {gold.security}, quality {gold.quality}; "
                         f"vulnerable security {vulnerable.security}, quality {vulnerable.quality}): see {out}")
    samples = sum(m.samples for m in results.models.values())
    return elapsed, samples


async def make_candidates(work: Path, count: int) -> list[Candidate]:
    dataset = load_dataset("ase-lite")
    copies = WorkingCopies(dataset, work)
    candidates: list[Candidate] = []
    n = 0
    while len(candidates) < count:
        for instance in dataset.instances:
            if len(candidates) >= count:
                break
            templates = await copies.templates(instance)
            workdir = await copies.checkout(templates, f"{instance.instance_id}-{n}")
            original = (templates.original / instance.vuln_file).read_text()
            code = instance.reference_fix if n % 2 == 0 else region_text(original, instance.vuln_lines)
            target = workdir / instance.vuln_file
            target.write_text(splice(target.read_text(), code or ""))
            rule = dataset.rule_path(instance)
            assert rule is not None
            candidates.append(Candidate(f"{instance.instance_id}-{n}", workdir, rule, source_files(workdir), (instance.vuln_file,)))
        n += 1
    return candidates


async def sast(candidates: list[Candidate], work: Path, batch: int, experimental: bool) -> float:
    analyzer = SemgrepAnalyzer(LocalBackend(hide=[rule_packs_root()]), work, experimental=experimental)
    started = time.perf_counter()
    counts = []
    for start in range(0, len(candidates), batch):
        counts += await analyzer.scan(candidates[start : start + batch])
    assert all(r.ok for r in counts), [r.message for r in counts if not r.ok][:3]
    return time.perf_counter() - started


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--candidates", type=int, default=96)
    parser.add_argument("--cli-candidates", type=int, default=8)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--parts", default="whole,sast")
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    results = Path(__file__).parent / "results" / "evaluation.json"
    report: dict[str, object] = json.loads(results.read_text()) if results.exists() else {}
    if "whole" in parts:
        report["whole_run"] = await whole_runs(args.repeats)
    if "sast" in parts:
        report["sast"] = await sast_part(args)
    print(json.dumps(report, indent=2))
    results.parent.mkdir(exist_ok=True)
    results.write_text(json.dumps(report, indent=2) + "\n")


async def whole_runs(repeats: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        runs = []
        for i in range(repeats):
            elapsed, samples = await whole_run(Path(tmp) / f"run{i}")
            runs.append(elapsed)
            print(f"whole run {i + 1}: {samples} candidates in {elapsed:.1f} s ({samples / elapsed:.2f}/s)")
        median = statistics.median(runs)
        return {"candidates": samples, "median_seconds": round(median, 2),
                "candidates_per_second": round(samples / median, 2), "runs": [round(r, 2) for r in runs],
                "static_only_seconds": STATIC_ONLY_WHOLE_RUN_S,
                "over_static_only": round(median / STATIC_ONLY_WHOLE_RUN_S, 2),
                "load_average": os.getloadavg()}


async def sast_part(args: argparse.Namespace) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        candidates = await make_candidates(work, args.candidates)
        batched, single = [], []
        for _ in range(args.repeats):
            batched.append(await sast(candidates, work, args.batch_size, True))
            single.append(await sast(candidates, work, 1, True))
        cli = await sast(candidates[: args.cli_candidates], work, 1, False)
        b, s = statistics.median(batched), statistics.median(single)
        return {
            "candidates": len(candidates),
            "batched": {"batch_size": args.batch_size, "median_seconds": round(b, 2), "candidates_per_second": round(len(candidates) / b, 2)},
            "one_call_per_candidate": {"median_seconds": round(s, 2), "candidates_per_second": round(len(candidates) / s, 2)},
            "plain_cli_per_candidate": {"candidates": args.cli_candidates, "seconds": round(cli, 2),
                                        "candidates_per_second": round(args.cli_candidates / cli, 2)},
            "speedup_batched_vs_single": round(s / b, 1),
            "speedup_batched_vs_plain_cli": round((cli / args.cli_candidates) / (b / len(candidates)), 1),
        }


if __name__ == "__main__":
    anyio.run(main)
