"""Fault injection: a provider that fails in every way at once, and a sandbox that dies.

The simulated provider answers like oracle/gold, but with 20% server errors, a 429 storm at
the start, hanging and slow responses, connection resets, truncated and malformed bodies;
the sandbox backend fails 5% of its commands (an infrastructure fault). Every sample must
end in a classified outcome, model faults and infrastructure faults counted apart, and a
resumed run must redo the infrastructure failures only.

Run: ``.venv/bin/python benchmarks/fault_injection.py`` (writes benchmarks/results/fault_injection.json)
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path

import anyio

from ase_async import RunConfig, load_dataset
from ase_async.eventlog import read_events
from ase_async.events import AnswerReceived, InfraFailed, ModelFailed, SampleScored
from ase_async.retry import RetryPolicy
from ase_async.runner import Runner
from ase_async.testing.provider import Faults, SimulatedProvider, gold_responder


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cycles", type=int, default=3)
    parser.add_argument("--instances", type=int, default=40, help="how many ase-lite instances (seeds first)")
    parser.add_argument("--sandbox-fail-rate", type=float, default=0.05)
    args = parser.parse_args()
    dataset = load_dataset("ase-lite")
    ids = sorted((i.instance_id for i in dataset.instances), key=lambda x: ("-m" in x, x))[: args.instances]
    faults = Faults(server_error=0.2, storm_seconds=2.0, retry_after=0.5, hang=0.03, reset=0.03,
                    truncated=0.03, malformed=0.03, empty_choices=0.02, cut_off=0.02)
    retry = RetryPolicy(max_attempts=6, max_total_seconds=120, base_delay=0.2, max_delay=2.0)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "run"
        async with SimulatedProvider(latency=0.1, responder=gold_responder(dataset), faults=faults, seed=11,
                                     api_key="sk-faults-000000") as sim:
            config = RunConfig(models=["openai/flaky-provider"], instances=ids, out=str(out), cycles=args.cycles,
                               sandbox="flaky", sandbox_options={"fail_rate": args.sandbox_fail_rate, "seed": 3},
                               retry=retry, max_connections=16,
                               model_options={"base_url": sim.base_url, "api_key": "sk-faults-000000", "timeout": 3.0})
            started = time.monotonic()
            first = await Runner(config).run()
            first_seconds = time.monotonic() - started
            events = list(read_events(out / "events.jsonl"))
            scored = [e for e in events if isinstance(e, SampleScored)]
            attempts = [e.attempts for e in events if isinstance(e, (AnswerReceived, ModelFailed))]
            infra = [e for e in events if isinstance(e, InfraFailed)]
            model_kinds = Counter(e.kind for e in events if isinstance(e, ModelFailed))
            # Resume: only the infrastructure failures are redone, on a healthy sandbox.
            healthy = RunConfig(**{**{f: getattr(config, f) for f in config.__struct_fields__},
                                   "sandbox": "local", "sandbox_options": {}})
            second = await Runner(healthy).run()
        model = first.models["openai/flaky-provider"]
        resumed = second.models["openai/flaky-provider"]
        report = {
            "samples": len(ids) * args.cycles,
            "scored_events": len(scored),
            "classified": dict(Counter(e.outcome for e in scored)),
            "unclassified": len(ids) * args.cycles - len({e.key for e in scored}),
            "provider": dict(sim.stats),
            "retries_per_sample_mean": round(statistics.fmean(a - 1 for a in attempts), 2),
            "retries_per_sample_max": max(attempts) - 1,
            "model_error_kinds": dict(model_kinds),
            "infrastructure_failures": len(infra),
            "first_run": {"seconds": round(first_seconds, 1), "security": model.security, "quality": model.quality,
                          "outcomes": model.outcomes},
            "after_resume": {"security": resumed.security, "quality": resumed.quality, "outcomes": resumed.outcomes},
        }
    print(json.dumps(report, indent=2))
    results = Path(__file__).parent / "results"
    results.mkdir(exist_ok=True)
    (results / "fault_injection.json").write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    anyio.run(main)
