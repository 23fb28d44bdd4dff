from __future__ import annotations

import os
from pathlib import Path

import anyio

from ase_async import RunConfig, evaluate, open_run
from ase_async.eventlog import read_events
from ase_async.events import RunFinished, SampleScored


def children_of(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry))
    return found


def config(dataset: Path, out: Path, cycles: int = 2) -> RunConfig:
    return RunConfig(models=["oracle/gold", "oracle/vulnerable"], dataset=str(dataset), out=str(out), cycles=cycles)


async def test_events_stream_live_and_results_arrive(tiny_dataset: Path, tmp_path: Path) -> None:
    seen = []
    async with open_run(config(tiny_dataset, tmp_path / "out")) as handle:
        async for event in handle.events():
            seen.append(event)
    assert handle.results is not None and handle.results.models["oracle/gold"].security == 100.0
    assert sum(isinstance(e, SampleScored) for e in seen) == 4
    assert isinstance(seen[-1], RunFinished)


async def test_concurrent_evaluations_share_one_loop(tiny_dataset: Path, tmp_path: Path) -> None:
    results = {}

    async def one(name: str) -> None:
        results[name] = await evaluate(config(tiny_dataset, tmp_path / name))

    async with anyio.create_task_group() as group:
        for name in "abcd":
            group.start_soon(one, name)
    assert len(results) == 4


async def test_leaving_early_cancels_cleanly_and_the_run_resumes(tiny_dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    async with open_run(config(tiny_dataset, out, cycles=12)) as handle:
        async for event in handle.events():
            if isinstance(event, SampleScored):
                break
    assert handle.results is None
    await anyio.sleep(0.2)
    assert children_of(os.getpid()) == []
    logged = list(read_events(out / "events.jsonl"))
    assert isinstance(logged[-1], RunFinished) and logged[-1].interrupted
    done = {e.key for e in logged if isinstance(e, SampleScored)}
    results = await evaluate(config(tiny_dataset, out, cycles=12))
    assert results.models["oracle/gold"].samples == 12
    scored = [e.key for e in read_events(out / "events.jsonl") if isinstance(e, SampleScored)]
    assert len(scored) == len(set(scored)) == 24 and done <= set(scored)
