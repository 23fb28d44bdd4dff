"""The Ray executor against the local path, on a real three-worker cluster on this machine.

1. Per-candidate overhead: one session's round trip (open on a small working copy, one
   ``true``, one file read, ``sync_out`` of it, close) through the local backend and through
   the Ray backend (one worker); the median of ``--rounds`` in milliseconds, and the
   difference.
2. Throughput with 1, 2 and 3 worker nodes (one CPU each, ``--slots`` sessions each) on
   ``--jobs`` sessions of two kinds: sleep-bound (``sleep 1``: a dynamic check waiting on
   an application) and CPU-bound (a Python loop of about a second of CPU). Jobs per second,
   and the speed-up over one worker.

The cluster runs in a private network namespace (only loopback), as the tests' does; the
script re-executes itself there (root only). The machine's other load is reported beside
the figures: on a shared two-core machine CPU-bound work cannot scale past the cores.

Run: ``.venv/bin/python benchmarks/bench_ray.py`` (writes benchmarks/results/ray.json)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import anyio

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ase_async.executors.pool import WorkerPool  # noqa: E402
from ase_async.executors.ray_cluster import RayCluster, RayOptions  # noqa: E402
from ase_async.executors.ray_sandbox import RayBackend  # noqa: E402
from ase_async.sandboxes import SandboxBackend, get_backend  # noqa: E402
from ase_async.testing.ray_cluster import local_cluster, private_network  # noqa: E402

CPU_LOOP = "python3 -c 'n=0\nfor i in range(5_000_000): n+=i'"


def _copy(parent: Path) -> Path:
    folder = Path(tempfile.mkdtemp(dir=parent))
    (folder / "app.py").write_text("print('hello')\n" * 20)
    (folder / "lib").mkdir()
    for i in range(20):
        (folder / "lib" / f"m{i}.py").write_text(f"X = {i}\n" * 50)
    return folder


async def _round_trip(backend: SandboxBackend, folder: Path) -> float:
    start = time.perf_counter()
    async with await backend.open(folder) as session:
        await session.exec(["true"], timeout=30)
        await session.read_file("app.py")
        await session.sync_out(["app.py"])
    return (time.perf_counter() - start) * 1000


async def _overhead(ray_backend: RayBackend, scratch: Path, rounds: int) -> dict[str, float]:
    local = get_backend("local")
    folder = _copy(scratch)
    for backend in (local, ray_backend):
        await _round_trip(backend, folder)  # warm: imports, the tree in the object store
    figures: dict[str, list[float]] = {"local": [], "ray": []}
    for _ in range(rounds):
        figures["local"].append(await _round_trip(local, folder))
        figures["ray"].append(await _round_trip(ray_backend, folder))
        ray_backend.kept.clear()
    local_ms, ray_ms = statistics.median(figures["local"]), statistics.median(figures["ray"])
    return {"local_ms": round(local_ms, 1), "ray_ms": round(ray_ms, 1), "overhead_ms": round(ray_ms - local_ms, 1)}


async def _throughput(backend: RayBackend, folder: Path, jobs: int, argv: list[str]) -> float:
    async def one() -> None:
        async with await backend.open(folder) as session:
            result = await session.exec(argv, timeout=120)
            assert result.ok, result.stderr[-500:]

    start = time.perf_counter()
    async with anyio.create_task_group() as group:
        for _ in range(jobs):
            group.start_soon(one)
    return jobs / (time.perf_counter() - start)


async def _bench(address: str, args: argparse.Namespace) -> dict[str, object]:
    cluster = RayCluster(RayOptions(address=address), sandbox="local", sandbox_options={}, semgrep_experimental=True)
    pool = await cluster.start({"python"})
    scratch = Path(tempfile.mkdtemp())
    try:
        workers = sorted(pool.workers, key=lambda w: w.info.node)
        one = RayBackend(WorkerPool(workers[:1], sessions=args.slots, scans=1), described={}, check_runtime="")
        overhead = await _overhead(one, scratch, args.rounds)
        folder = _copy(scratch)
        throughput: dict[str, dict[str, float]] = {"sleep": {}, "cpu": {}}
        for kind, argv in (("sleep", ["sleep", "1"]), ("cpu", ["sh", "-c", CPU_LOOP])):
            for count in (1, 2, 3):
                backend = RayBackend(WorkerPool(workers[:count], sessions=args.slots, scans=1), described={},
                                     check_runtime="")
                throughput[kind][str(count)] = round(await _throughput(backend, folder, args.jobs, argv), 3)
        speedup = {kind: {n: round(v / figures["1"], 2) for n, v in figures.items()}
                   for kind, figures in throughput.items()}
        return {"per_candidate": overhead, "jobs_per_s": throughput, "speedup_over_one_worker": speedup,
                "jobs": args.jobs, "slots_per_worker": args.slots, "load_average": os.getloadavg(),
                "cores": os.cpu_count()}
    finally:
        await cluster.aclose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--jobs", type=int, default=12)
    parser.add_argument("--slots", type=int, default=4)
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "ray.json"))
    args = parser.parse_args()
    if os.environ.get("ASE_BENCH_IN_NAMESPACE") != "1":
        env = {**os.environ, "ASE_BENCH_IN_NAMESPACE": "1"}
        return subprocess.run(private_network([sys.executable, __file__, *sys.argv[1:]]), env=env).returncode
    with local_cluster(3) as cluster:
        figures = anyio.run(_bench, cluster.address, args)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(figures, indent=2) + "\n")
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
