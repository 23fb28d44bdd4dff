"""The Ray analyzer: scans run on the workers, next to the copies they read.

A sample's copy is usually still on the worker that ran its session (kept after
``sync_out``), so its scan goes there and a batch splits into one batch per worker: nothing
travels but the candidate and its rule file. A candidate whose copy is not on a live worker
(the baselines' templates, a copy evicted or lost with its node) is sent as a tree of just
the files the scan reads, from the driver's copy, to whichever worker has a free scan slot.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import anyio

from ..rules import Analyzer, Candidate, ScanResult
from .pool import Worker, WorkerLost, WorkerPool
from .ray_sandbox import RayBackend

__all__ = ["RayAnalyzer"]

#: a candidate whose scan lost its worker this many times is the sample's infrastructure error
_ATTEMPTS = 3

Item = tuple[Candidate, str | None, Any, str, bytes]


class RayAnalyzer(Analyzer):
    """Semgrep on the cluster's workers.

    Args:
        backend: the Ray backend (it knows which worker keeps which copy).
        described: what the workers' analyzer records (the same on every node).
    """

    def __init__(self, backend: RayBackend, *, described: dict[str, str]) -> None:
        self.backend = backend
        self.pool: WorkerPool = backend.pool
        self.described = described
        self.name = described.get("engine", "semgrep")
        self._rules: dict[Path, tuple[str, bytes]] = {}

    def describe(self) -> dict[str, str]:
        # The nodes' analyzer, unchanged: the verdict reuse key and the log match a local run's.
        return dict(self.described)

    async def _rule(self, path: Path) -> tuple[str, bytes]:
        if path == Path():
            return "", b""
        found = self._rules.get(path)
        if found is None:
            data = await anyio.Path(path).read_bytes()
            found = self._rules[path] = (hashlib.sha256(data).hexdigest(), data)
        return found

    async def scan(self, candidates: Sequence[Candidate]) -> list[ScanResult]:
        results: list[ScanResult | None] = [None] * len(candidates)
        # One batch per worker that keeps copies, one for the copies no worker keeps.
        groups: dict[Worker | None, list[tuple[int, str | None]]] = {}
        for index, candidate in enumerate(candidates):
            kept = self.backend.kept.pop(Path(candidate.root), None)  # resolved by WorkingCopies
            if kept is not None and kept[0].alive:
                groups.setdefault(kept[0], []).append((index, kept[1]))
            else:
                groups.setdefault(None, []).append((index, None))

        async def on_kept(worker: Worker, pairs: list[tuple[int, str | None]]) -> None:
            indexes = [index for index, _ in pairs]
            items: list[Item] = []
            for index, session in pairs:
                candidate = candidates[index]
                items.append((candidate, session, None, *await self._rule(candidate.rule_file)))
            try:
                found = await self.pool.call(worker, "scan", items)
            except WorkerLost:
                found = [None] * len(indexes)
            for index, result in zip(indexes, found, strict=True):
                results[index] = result
            missing = [i for i, r in zip(indexes, found, strict=True) if r is None]
            if missing:
                await shipped(missing)

        async def shipped(indexes: list[int]) -> None:
            items: list[Item] = []
            for index in indexes:
                candidate = candidates[index]
                tree = await self.backend.tree(Path(candidate.root), candidate.files)
                items.append((candidate, None, tree, *await self._rule(candidate.rule_file)))
            for attempt in range(_ATTEMPTS):
                async with self.pool.slot("scan") as worker:
                    try:
                        found = await self.pool.call(worker, "scan", items)
                    except WorkerLost:
                        if attempt + 1 == _ATTEMPTS:
                            raise
                        continue
                for index, result in zip(indexes, found, strict=True):
                    results[index] = result
                return

        async with anyio.create_task_group() as group:
            for worker, pairs in groups.items():
                if worker is None:
                    group.start_soon(shipped, [index for index, _ in pairs])
                else:
                    group.start_soon(on_kept, worker, pairs)
        assert all(r is not None for r in results)
        return [r for r in results if r is not None]
