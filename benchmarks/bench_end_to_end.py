"""End to end, as users run it: the ``ase`` CLI as a subprocess against a simulated
OpenAI-compatible provider in its own process (0.5 s latency, 50 requests in flight), on
the real ase-lite prompts; inspect_ai side by side on the very same prompts.

1. ``ase generate`` for ``--cycles`` cycles (10: 1,200 calls). Wall time as a ratio of the
   ideal (calls / 50 x 0.5 s; target <= 1.15), the first request's delay after the command
   started (target <= 1 s, from the provider's clock), CPU per call of the command and
   every process it started, startup included (target <= 3 ms). In the same round,
   inspect_ai sends the prompts that run logged (exported to JSON lines, read by
   ``inspect_prompts_task.py``) to the same provider, and is measured the same way.
2. ``ase run`` (on ``--run-instances``) with a responder whose answers are all distinct (no verdict can be reused):
   wall time against the larger of the model-bound ideal and the evaluation measured alone
   (``ase evaluate`` of the same answers; target <= 1.1). Then the gold responder (the same
   answer every cycle): verdicts reused and the time saved.
3. Peak resident memory of ``ase generate`` at 1,200 and 12,000 calls (target: flat).

Each figure is the median of ``--repeats`` rounds. Needs inspect_ai for part 1
(``pip install inspect_ai``: a benchmark-only dependency).

Run: ``.venv/bin/python benchmarks/bench_end_to_end.py`` (writes benchmarks/results/end_to_end.json)
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ASE = str(Path(sys.executable).with_name("ase"))
INSPECT = str(Path(sys.executable).with_name("inspect"))
LATENCY = 0.5
IN_FLIGHT = 50
INSTANCES = 120
KEY = "sk-bench-0000000000"


def measure_child(command: list[str]) -> None:
    """Run ``command`` and print its wall time, CPU (it and all it waited for) and peak RSS."""
    started = time.time()
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"start": started, "wall": time.time() - started, "cpu": usage.ru_utime + usage.ru_stime,
                      "max_rss_mb": usage.ru_maxrss / 1024, "returncode": result.returncode,
                      "stderr": result.stderr[-2000:]}))


def measured(command: list[str], env: dict[str, str], cwd: Path | None = None) -> dict[str, Any]:
    """``command`` run in a fresh wrapper process, so its usage is its own."""
    out = subprocess.run([sys.executable, __file__, "--measure-child", "--", *command], env={**os.environ, **env},
                         capture_output=True, text=True, check=True, cwd=cwd)
    figures: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    if figures["returncode"] not in (0, 1) or (figures["returncode"] == 1 and Path(command[0]).name != "ase"):
        raise RuntimeError(f"{command[:3]} failed ({figures['returncode']}): {figures['stderr']}")
    return figures


class Provider:
    """The simulated provider in its own process."""

    def __init__(self, responder: str) -> None:
        from ase_async.testing.provider import spawn

        self.process, self.base_url = spawn("--latency", str(LATENCY), "--responder", responder)

    def stats(self) -> dict[str, Any]:
        """Requests since the last call, and when the first came (wall clock); resets them."""
        with urllib.request.urlopen(self.base_url + "/_stats") as response:
            stats: dict[str, Any] = json.loads(response.read())
            return stats

    def close(self) -> None:
        self.process.terminate()
        self.process.wait()


def ase(command: str, provider: Provider, out: Path, cycles: int, *extra: str) -> dict[str, Any]:
    """One ``ase`` command against ``provider``, measured."""
    provider.stats()
    figures = measured([ASE, command, "--model", "openai/sim", "--base-url", provider.base_url,
                        "--max-connections", str(IN_FLIGHT), "--cycles", str(cycles), "--out", str(out), "--quiet",
                        *extra], {"OPENAI_API_KEY": KEY})
    return _with_stats(figures, provider.stats())


def _with_stats(figures: dict[str, Any], stats: dict[str, Any]) -> dict[str, Any]:
    figures["calls"] = stats["requests"]
    figures["first_request_s"] = (stats["first_request_wall"] - figures["start"]) if stats["first_request_wall"] else None
    figures["cpu_ms_per_call"] = 1000 * figures["cpu"] / max(1, stats["requests"])
    figures["peak_in_flight"] = stats["peak_in_flight"]
    return figures


def export_prompts(run: Path, to: Path) -> None:
    """The prompts a run logged, as JSON lines for the inspect task."""
    with (run / "events.jsonl").open() as events, to.open("w") as out:
        for line in events:
            event = json.loads(line)
            if event.get("event") == "task_built":
                out.write(json.dumps({"id": event["instance_id"], "messages": event["messages"]}) + "\n")


def inspect(provider: Provider, prompts: Path, logs: Path, cycles: int) -> dict[str, Any]:
    provider.stats()
    # inspect takes the task file relative to the working folder
    figures = measured([INSPECT, "eval", "inspect_prompts_task.py", "-T", f"prompts={prompts}",
                        "-T", f"epochs={cycles}", "--model", "openai-api/sim/sim", "--max-connections",
                        str(IN_FLIGHT), "--log-dir", str(logs), "--display", "none", "--no-score"],
                       {"SIM_BASE_URL": provider.base_url, "SIM_API_KEY": KEY}, cwd=HERE)
    return _with_stats(figures, provider.stats())


def ideal(calls: int) -> float:
    return math.ceil(calls / IN_FLIGHT) * LATENCY


def median(rounds: list[dict[str, Any]], name: str) -> float:
    values = [r[name] for r in rounds if r.get(name) is not None]
    return round(statistics.median(values), 3) if values else float("nan")


def part_generate(work: Path, cycles: int, repeats: int, with_inspect: bool) -> dict[str, Any]:
    provider = Provider("constant")
    ours: list[dict[str, Any]] = []
    theirs: list[dict[str, Any]] = []
    try:
        for n in range(repeats):
            out = work / f"generate-{n}"
            ours.append(ase("generate", provider, out, cycles))
            print(f"ase generate: {ours[-1]['wall']:.2f} s, {ours[-1]['cpu_ms_per_call']:.2f} ms/call, "
                  f"first request {ours[-1]['first_request_s']:.2f} s", flush=True)
            if with_inspect:
                prompts = work / f"prompts-{n}.jsonl"
                export_prompts(out, prompts)
                theirs.append(inspect(provider, prompts, work / f"inspect-{n}", cycles))
                print(f"inspect_ai: {theirs[-1]['wall']:.2f} s, {theirs[-1]['cpu_ms_per_call']:.2f} ms/call, "
                      f"first request {theirs[-1]['first_request_s']:.2f} s", flush=True)
            shutil.rmtree(out, ignore_errors=True)
    finally:
        provider.close()
    calls = INSTANCES * cycles
    result: dict[str, Any] = {"calls": calls, "ideal_s": ideal(calls)}
    for name, rounds in (("ase", ours), ("inspect_ai", theirs)):
        if rounds:
            result[name] = {
                "wall_s": median(rounds, "wall"), "wall_over_ideal": round(median(rounds, "wall") / ideal(calls), 3),
                "first_request_s": median(rounds, "first_request_s"),
                "cpu_ms_per_call": median(rounds, "cpu_ms_per_call"), "calls_seen": median(rounds, "calls"),
                "peak_rss_mb": median(rounds, "max_rss_mb"), "rounds": rounds,
            }
    return result


def _reused(run: Path) -> int:
    with (run / "events.jsonl").open() as events:
        return sum(1 for line in events if '"event":"scanned"' in line and '"reused_from"' in line)


def part_run(work: Path, cycles: int, repeats: int, instances: list[str],
             kinds: tuple[str, ...] = ("distinct", "gold")) -> dict[str, Any]:
    """``ase run`` on ``instances`` (every answer evaluated, dynamic checks included: a
    subset of ase-lite keeps the part within minutes), against evaluation alone."""
    rounds: list[dict[str, Any]] = []
    subset = [argument for instance in instances for argument in ("--instance", instance)]
    calls = len(instances) * cycles
    distinct = Provider("gold-distinct")
    try:
        for n in range(repeats if "distinct" in kinds else 0):
            answers = work / f"answers-{n}"
            ase("generate", distinct, answers, cycles, *subset)
            provider_free = measured([ASE, "evaluate", str(answers), "--quiet"], {})
            together = ase("run", distinct, work / f"run-{n}", cycles, *subset)
            bound = max(ideal(calls), provider_free["wall"])
            rounds.append({"evaluate_alone_s": provider_free["wall"], "run_s": together["wall"],
                           "run_over_bound": together["wall"] / bound, "first_request_s": together["first_request_s"],
                           "reused": _reused(work / f"run-{n}")})
            print(f"ase run (distinct): {together['wall']:.2f} s; evaluation alone {provider_free['wall']:.2f} s",
                  flush=True)
    finally:
        distinct.close()
    gold_rounds: list[dict[str, Any]] = []
    gold = Provider("gold")
    try:
        for n in range(repeats if "gold" in kinds else 0):
            figures = ase("run", gold, work / f"gold-{n}", cycles, *subset)
            gold_rounds.append({"run_s": figures["wall"], "reused": _reused(work / f"gold-{n}")})
            print(f"ase run (gold): {figures['wall']:.2f} s, {gold_rounds[-1]['reused']} verdicts reused", flush=True)
    finally:
        gold.close()
    distinct_s, gold_s = median(rounds, "run_s"), median(gold_rounds, "run_s")
    return {
        "instances": instances, "calls": calls, "ideal_s": ideal(calls),
        "distinct": {"run_s": distinct_s, "evaluate_alone_s": median(rounds, "evaluate_alone_s"),
                     "run_over_bound": median(rounds, "run_over_bound"), "reused": median(rounds, "reused"),
                     "rounds": rounds},
        "gold": {"run_s": gold_s, "reused": median(gold_rounds, "reused"), "saved_s": round(distinct_s - gold_s, 2),
                 "rounds": gold_rounds},
    }


def part_memory(work: Path) -> dict[str, Any]:
    provider = Provider("constant")
    try:
        found = {}
        for cycles in (10, 100):
            figures = ase("generate", provider, work / f"memory-{cycles}", cycles)
            found[str(INSTANCES * cycles)] = {"peak_rss_mb": round(figures["max_rss_mb"], 1),
                                             "wall_s": round(figures["wall"], 2), "calls": figures["calls"]}
            print(f"{INSTANCES * cycles} calls: peak RSS {figures['max_rss_mb']:.1f} MB", flush=True)
            shutil.rmtree(work / f"memory-{cycles}", ignore_errors=True)
    finally:
        provider.close()
    return found


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--measure-child":
        measure_child(sys.argv[3:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, default=10)
    parser.add_argument("--run-cycles", type=int, default=10, help="cycles of the ase run part")
    parser.add_argument("--run-kinds", default="distinct,gold", help="responders of the ase run part")
    parser.add_argument("--run-instances", default="py-sqli-01,php-xss-01,go-cmdi-01",
                        help="instances of the ase run part (comma-separated)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--parts", default="generate,run,memory")
    parser.add_argument("--no-inspect", action="store_true")
    parser.add_argument("--out", default=str(HERE / "results" / "end_to_end.json"))
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    work = Path(tempfile.mkdtemp(prefix="ase-e2e-"))
    results: dict[str, Any] = {"latency_s": LATENCY, "in_flight": IN_FLIGHT, "cores": os.cpu_count(),
                               "load_average_before": os.getloadavg()}
    try:
        if "generate" in parts:
            results["generate"] = part_generate(work, args.cycles, args.repeats, not args.no_inspect)
        if "run" in parts:
            results["run"] = part_run(work, args.run_cycles, args.repeats, args.run_instances.split(","),
                                      tuple(args.run_kinds.split(",")))
        if "memory" in parts:
            results["memory"] = part_memory(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results["load_average_after"] = os.getloadavg()
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    previous = json.loads(Path(args.out).read_text()) if Path(args.out).exists() else {}
    Path(args.out).write_text(json.dumps({**previous, **results}, indent=2) + "\n")
    print(json.dumps({k: v for k, v in results.items()}, indent=2, default=str)[:4000])


if __name__ == "__main__":
    main()
