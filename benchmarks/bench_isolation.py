"""What the local sandbox's hardening costs per command, side by side.

The same command (`true`, then `python3 -c pass`) runs alternately under the earlier view
(the host root bound read-only, full privileges) and under the current one (an allowlist
of folders in a user namespace with every capability dropped), so that both see the same
machine load. Prints the medians and their ratio, and writes benchmarks/results/isolation.json.

Run: ``.venv/bin/python benchmarks/bench_isolation.py [--repeats 40]``
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ase_async.sandboxes._view import sandbox_view

EARLIER = ["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp", "--unshare-pid",
           "--unshare-ipc", "--unshare-uts", "--die-with-parent", "--new-session", "--unshare-net"]


def timed(argv: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=40)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-isolation-"))
    current = sandbox_view([], network=False)
    figures: dict[str, dict[str, float]] = {}
    for label, command in (("true", ["true"]), ("python", [sys.executable, "-I", "-c", "pass"])):
        samples: dict[str, list[float]] = {"earlier": [], "current": []}
        for _ in range(args.repeats):
            for name, view in (("earlier", EARLIER), ("current", current)):
                samples[name].append(timed(["bwrap", *view, "--bind", str(work), str(work), "--chdir", str(work),
                                            "--", *command]))
        earlier, now = statistics.median(samples["earlier"]), statistics.median(samples["current"])
        figures[label] = {"earlier_ms": round(earlier * 1000, 2), "current_ms": round(now * 1000, 2),
                          "ratio": round(now / earlier, 3)}
        print(f"{label:7} earlier {earlier * 1000:7.2f} ms   current {now * 1000:7.2f} ms   ratio {now / earlier:.2f}")
    out = Path(__file__).parent / "results" / "isolation.json"
    out.write_text(json.dumps({"repeats": args.repeats, "median": figures}, indent=2) + "\n")


if __name__ == "__main__":
    main()
