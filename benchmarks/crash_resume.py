"""Crash safety: SIGKILL a run at random moments, resume it each time, compare.

An uninterrupted reference run, then the same run killed with SIGKILL at ``--kills`` random
moments (each resume goes on from the log), then run to the end. The final results.json
must equal the reference byte for byte, and the event log must hold exactly one
``sample_scored`` per sample: none duplicated, none lost. The model under test is the
simulated provider (answers like oracle/gold, with latency, so kills land mid-call) beside
the two oracles.

Run: ``.venv/bin/python benchmarks/crash_resume.py`` (writes benchmarks/results/crash_resume.json)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ASE = [sys.executable, "-m", "ase_async.cli"]


def start_provider() -> tuple[subprocess.Popen[str], str]:
    from ase_async.testing.provider import spawn

    return spawn("--latency", "0.2", "--responder", "gold")


def command(out: Path, base_url: str, args: argparse.Namespace) -> list[str]:
    argv = [*ASE, "--log-level", "error", "run", "--quiet", "--out", str(out), "--cycles", str(args.cycles),
            "--model", "oracle/gold", "--model", "oracle/vulnerable", "--model", "openai/sim",
            "--base-url", base_url, "--max-connections", "8"]
    for instance in args.instance_ids:
        argv += ["--instance", instance]
    return argv


def scored_keys(out: Path) -> list[tuple[str, str, int]]:
    keys = []
    with open(out / "events.jsonl", "rb") as handle:
        for line in handle:
            try:
                event = json.loads(line)
            except ValueError:
                continue  # a torn last line
            if event.get("event") == "sample_scored":
                keys.append((event["model"], event["instance_id"], event["cycle"]))
    return keys


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--cycles", type=int, default=2)
    parser.add_argument("--instances", type=int, default=12)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    from ase_async import load_dataset

    dataset = load_dataset("ase-lite")
    rng = random.Random(args.seed)
    args.instance_ids = sorted(rng.sample([i.instance_id for i in dataset.instances], args.instances))
    provider, base_url = start_provider()
    env = {**os.environ, "OPENAI_API_KEY": "sk-crash-0000000000"}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            reference = Path(tmp) / "reference"
            started = time.monotonic()
            subprocess.run(command(reference, base_url, args), env=env, check=True, stdout=subprocess.DEVNULL)
            full = time.monotonic() - started
            crashed = Path(tmp) / "crashed"
            moments = []
            kills = 0
            while kills < args.kills:
                process = subprocess.Popen(command(crashed, base_url, args), env=env, stdout=subprocess.DEVNULL,
                                           stderr=subprocess.DEVNULL, start_new_session=True)
                moment = rng.uniform(0.2, max(0.5, full * 0.6))
                try:
                    process.wait(timeout=moment)
                    continue  # it finished before the kill: nothing left to interrupt
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
                kills += 1
                moments.append(round(moment, 2))
                done = len(set(scored_keys(crashed)))
                print(f"kill {kills:2d} at {moment:5.2f} s: {done} samples scored so far")
                if done >= args.instances * args.cycles * 3:
                    break
            subprocess.run(command(crashed, base_url, args), env=env, check=True, stdout=subprocess.DEVNULL)
            keys = scored_keys(crashed)
            counts = Counter(keys)
            expected = args.instances * args.cycles * 3
            same = (crashed / "results.json").read_bytes() == (reference / "results.json").read_bytes()
            report = {
                "trials": kills,
                "kill_moments_s": moments,
                "samples": expected,
                "scored_samples": len(counts),
                "duplicated": sum(1 for c in counts.values() if c > 1),
                "lost": expected - len(counts),
                "results_identical": same,
                "mismatches": 0 if same else 1,
                "uninterrupted_run_s": round(full, 1),
            }
    finally:
        provider.terminate()
    print(json.dumps(report, indent=2))
    results = Path(__file__).parent / "results"
    results.mkdir(exist_ok=True)
    (results / "crash_resume.json").write_text(json.dumps(report, indent=2) + "\n")
    if report["mismatches"] or report["duplicated"] or report["lost"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
