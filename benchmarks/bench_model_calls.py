"""The model-call path: scheduler + limiter + retries + adapter + event log, nothing else.

Against the simulated provider in its own process (its CPU is not ours):

1. 1,000 requests, 0.5 s simulated latency, 50 in flight: the ideal wall time is 10 s.
   Reports wall time as a ratio of the ideal (target <= 1.15) and harness CPU
   milliseconds per request (target <= 2), median of ``--repeats`` runs.
2. Peak resident memory of the same path at 1,000 and at 20,000 requests (target: flat),
   each measured in a fresh process.

Run: ``.venv/bin/python benchmarks/bench_model_calls.py`` (writes benchmarks/results/model_calls.json)
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import anyio

LATENCY = 0.5
IN_FLIGHT = 50


def start_provider(latency: float) -> tuple[subprocess.Popen[str], str]:
    from ase_async.testing.provider import spawn

    return spawn("--latency", str(latency), "--responder", "constant")


async def call_path(base_url: str, requests: int, out: Path) -> dict[str, float]:
    """Run the generate phase for ``requests`` samples; measure only the generation stage
    (it starts with the first task, so prompt building overlaps it as in a real run)."""
    from ase_async import RunConfig
    from ase_async.dataset import load_dataset
    from ase_async.runner import Runner
    from ase_async.stages import GenerationStage

    cycles = math.ceil(requests / len(load_dataset("ase-lite")))
    config = RunConfig(
        models=["openai/sim"], out=str(out), cycles=cycles, phase="generate", max_connections=IN_FLIGHT,
        model_options={"base_url": base_url, "api_key": "sk-bench-0000000000"},
    )
    measured: dict[str, float] = {}
    original = GenerationStage.run

    async def timed(self, tasks, plan, imports, send):  # type: ignore[no-untyped-def]
        left, trimmed = requests, {}
        for instance_id, pairs in plan.items():
            if left > 0:
                trimmed[instance_id] = pairs[:left]
                left -= len(trimmed[instance_id])
        cpu, wall = time.process_time(), time.monotonic()
        await original(self, tasks, trimmed, imports, send)
        measured["wall"] = time.monotonic() - wall
        measured["cpu"] = time.process_time() - cpu
        measured["requests"] = requests - left

    GenerationStage.run = timed  # type: ignore[method-assign]
    await Runner(config).run()
    return measured


def child(base_url: str, requests: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        measured = anyio.run(call_path, base_url, requests, Path(tmp) / "run")
    measured["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(measured))


def run_child(base_url: str, requests: int) -> dict[str, float]:
    output = subprocess.run([sys.executable, __file__, "--child", base_url, str(requests)],
                            capture_output=True, text=True, check=True)
    return json.loads(output.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--large", type=int, default=20_000, help="requests for the memory comparison")
    parser.add_argument("--child", nargs=2)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]))
        return
    provider, base_url = start_provider(LATENCY)
    try:
        runs = [run_child(base_url, 1000) for _ in range(args.repeats)]
        for i, r in enumerate(runs, 1):
            print(f"1k run {i}: wall {r['wall']:.2f} s ({r['wall'] / 10:.3f} x ideal), cpu {1000 * r['cpu'] / r['requests']:.2f} ms/request, peak {r['peak_rss_mb']:.0f} MB")
        large = run_child(base_url, args.large)
        ideal_large = args.large * LATENCY / IN_FLIGHT
        print(f"{args.large} requests: wall {large['wall']:.1f} s ({large['wall'] / ideal_large:.3f} x ideal), "
              f"cpu {1000 * large['cpu'] / large['requests']:.2f} ms/request, peak {large['peak_rss_mb']:.0f} MB")
    finally:
        provider.terminate()
    wall = statistics.median(r["wall"] for r in runs)
    cpu = statistics.median(1000 * r["cpu"] / r["requests"] for r in runs)
    report = {
        "setup": {"requests": 1000, "latency_s": LATENCY, "in_flight": IN_FLIGHT, "ideal_s": 10.0, "repeats": args.repeats},
        "wall_s_median": round(wall, 2),
        "wall_over_ideal": round(wall / 10.0, 3),
        "cpu_ms_per_request_median": round(cpu, 3),
        "peak_rss_mb_1k": round(statistics.median(r["peak_rss_mb"] for r in runs), 1),
        "peak_rss_mb_large": round(large["peak_rss_mb"], 1),
        "large_requests": args.large,
        "large_wall_over_ideal": round(large["wall"] / ideal_large, 3),
        "large_cpu_ms_per_request": round(1000 * large["cpu"] / large["requests"], 3),
    }
    print(json.dumps(report, indent=2))
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    (out / "model_calls.json").write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
