"""Local versus Docker sandboxes, side by side: session overhead and evaluation throughput.

    python benchmarks/bench_sandboxes.py [--sessions 30] [--instances 40] [--repeats 3] [--backends local,docker]

* session overhead: open a session on a small working copy (an ase-lite project with its
  git history), run ``true``, close; the median of ``--sessions`` rounds after 3 warm-ups
  (for docker, warm-ups fill the container pool as a run would).
* throughput: an oracle run (``oracle/gold`` + ``oracle/vulnerable``, one cycle) on the
  first ``--instances`` ase-lite instances (all 40 by default), round robin over languages; candidates
  evaluated per minute of wall time (integration, syntax checks, semgrep, scoring).

Both are measured ``--repeats`` times, the backends alternating round by round; the table
shows the medians over rounds. Prints a table and writes ``benchmarks/results/sandboxes.json``
(every round, the load average before and after: other work on the machine skews both).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import anyio

from ase_async import RunConfig, load_dataset, run
from ase_async.repos import git_commit_all
from ase_async.sandboxes import SandboxBackend, get_backend

RESULTS = Path(__file__).parent / "results" / "sandboxes.json"


def _instances(count: int) -> list[str]:
    by_language: dict[str, list[str]] = {}
    for instance in load_dataset("ase-lite").instances:
        by_language.setdefault(instance.language, []).append(instance.instance_id)
    picked: list[str] = []
    while len(picked) < count and any(by_language.values()):
        for ids in by_language.values():
            if ids and len(picked) < count:
                picked.append(ids.pop(0))
    return picked


async def _session_overhead(backend: SandboxBackend, root: Path, rounds: int) -> dict[str, float]:
    dataset = load_dataset("ase-lite")
    source = dataset.repo_path(dataset.instances[0])
    assert source is not None
    work = root / "copies" / "wc"
    shutil.copytree(source, work)
    git_commit_all(work, "benchmark copy")
    timings: list[float] = []
    cold = 0.0
    for index in range(rounds + 3):
        started = time.perf_counter()
        async with await backend.open(work) as session:
            result = await session.exec(["true"], timeout=30)
        elapsed = time.perf_counter() - started
        assert result.ok, result
        if index == 0:
            cold = elapsed  # docker: a container is created and started
        if index >= 3:
            timings.append(elapsed)
    return {
        "first_ms": round(cold * 1000, 1),
        "median_ms": round(statistics.median(timings) * 1000, 1),
        "p90_ms": round(sorted(timings)[int(len(timings) * 0.9) - 1] * 1000, 1),
        "min_ms": round(min(timings) * 1000, 1),
        "rounds": rounds,
    }


async def _throughput(sandbox: str, root: Path, instances: list[str]) -> dict[str, Any]:
    config = RunConfig(
        models=["oracle/gold", "oracle/vulnerable"], sandbox=sandbox, instances=instances,
        cycles=1, out=str(root / f"run-{sandbox}"),
    )
    started = time.perf_counter()
    results = await run(config)
    elapsed = time.perf_counter() - started
    samples = sum(m.samples for m in results.models.values())
    return {
        "candidates": samples,
        "seconds": round(elapsed, 2),
        "candidates_per_minute": round(samples / elapsed * 60, 1),
        "gold_security": results.models["oracle/gold"].security,
        "vulnerable_security": results.models["oracle/vulnerable"].security,
    }


async def _one_round(name: str, instances: list[str], sessions: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix=f"ase-bench-{name}-") as scratch:
        root = Path(scratch)
        backend = get_backend(name, run_label="bench") if name == "docker" else get_backend(name)
        try:
            overhead = await _session_overhead(backend, root, sessions)
            described = backend.describe()
        finally:
            await backend.aclose()
        throughput = await _throughput(name, root, instances)
    return {"describe": described, "session": overhead, "run": throughput}


async def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--instances", type=int, default=40)
    parser.add_argument("--backends", default="local,docker")
    parser.add_argument("--repeats", type=int, default=3, help="rounds per backend; medians are reported")
    args = parser.parse_args(argv)
    backends = args.backends.split(",")
    instances = _instances(args.instances)
    report: dict[str, Any] = {
        "machine": {"cores": len(os.sched_getaffinity(0)), "python": platform.python_version(),
                    "kernel": platform.release()},
        # Other work on the machine skews both columns; the load says how much there was.
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "instances": instances,
        "backends": {},
    }
    rounds: dict[str, list[dict[str, Any]]] = {name: [] for name in backends}
    for _ in range(args.repeats):
        # Backends alternate round by round, so that load from elsewhere hits both alike.
        for name in backends:
            rounds[name].append(await _one_round(name, instances, args.sessions))
    for name, measured in rounds.items():
        report["backends"][name] = {
            "describe": measured[-1]["describe"],
            "session": {key: statistics.median(m["session"][key] for m in measured)
                        for key in ("first_ms", "median_ms", "p90_ms", "min_ms")},
            "run": {key: statistics.median(m["run"][key] for m in measured)
                    for key in ("candidates", "seconds", "candidates_per_minute")},
            "rounds": measured,
        }
        if name == "docker":
            version = await anyio.run_process(["docker", "version", "--format", "{{.Server.Version}}"], check=False)
            report["backends"][name]["engine_version"] = version.stdout.decode().strip()

    report["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    header = f"{'backend':<8} {'first session':>14} {'session median':>15} {'p90':>9} {'candidates':>11} {'run s':>8} {'cand/min':>9}"
    print(header)
    print("-" * len(header))
    for name, row in report["backends"].items():
        s, r = row["session"], row["run"]
        print(f"{name:<8} {s['first_ms']:>11.1f} ms {s['median_ms']:>12.1f} ms {s['p90_ms']:>6.1f} ms {r['candidates']:>11} {r['seconds']:>8.1f} {r['candidates_per_minute']:>9.1f}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n")
    print(f"\nload average {report['load_average_at_start'][0]} -> {report['load_average_at_end'][0]} "
          f"on {report['machine']['cores']} cores; written to {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(anyio.run(main))
