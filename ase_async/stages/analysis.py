"""Analysis: candidates scanned in batches by the run's analyzer, each sample then scored.

A semgrep process costs ~0.5 s of CPU before it reads a file, so one gatherer collects
candidates for up to ``wait`` seconds or a full batch, and hands each batch to one of
``workers`` scans at once. One gatherer, not one per worker: where candidates trickle in
(dynamic checks let one out every few seconds), per-worker gathering split them into batches
of one or two. Each sample's scan is logged once its instance's
baseline is known (the functionality check needs its calibration); an instance whose
original could not be scanned ends its samples as infrastructure errors.
"""

from __future__ import annotations

import anyio
from anyio.streams.memory import MemoryObjectReceiveStream

from .._errors import AnalyzerError
from ..events import Scanned
from ..rules import Analyzer, Candidate
from ..rules.composite import CompositeAnalyzer
from .baselines import BaselineStage
from .sample import Emit, Sample, SampleEnds, gather_batch

__all__ = ["AnalysisStage"]


class AnalysisStage:
    """Scans candidates and ends their samples.

    Args:
        analyzer: the run's analyzer (injected: local semgrep, images, or a remote pool).
        baselines: the instances' baselines (``None`` where nothing measures them).
        emit: logs events.
        ends: ends every sample that reaches this stage.
        batch: candidates per scan at most.
        wait: seconds to gather a batch.
        workers: scans at once (semgrep processes).
    """

    def __init__(self, *, analyzer: Analyzer, baselines: BaselineStage, emit: Emit, ends: SampleEnds, batch: int,
                 wait: float, workers: int = 1) -> None:
        self.analyzer = analyzer
        self.baselines = baselines
        self.emit = emit
        self.ends = ends
        self.batch = max(1, batch)
        self.wait = wait
        self.workers = max(1, workers)

    async def run(self, receive: MemoryObjectReceiveStream[tuple[Sample, Candidate]]) -> None:
        """Scan batches from ``receive`` until it ends, ``workers`` batches at once."""
        scans = anyio.Semaphore(self.workers)
        async with receive, anyio.create_task_group() as group:
            while True:
                try:
                    batch = [await receive.receive()]
                except anyio.EndOfStream:
                    return
                batch = await gather_batch(receive, batch, size=self.batch, wait=self.wait)
                # Wait for a free worker before gathering the next batch: what arrives
                # meanwhile joins that batch rather than a queue of small ones.
                await scans.acquire()
                group.start_soon(self._scan_then_release, batch, scans)

    async def _scan_then_release(self, batch: list[tuple[Sample, Candidate]], scans: anyio.Semaphore) -> None:
        try:
            await self._scan(batch)
        finally:
            scans.release()

    async def _scan(self, batch: list[tuple[Sample, Candidate]]) -> None:
        try:
            results = await self.analyzer.scan([c for _, c in batch])
        except Exception as exc:
            for sample, _ in batch:
                self.ends.infra(sample, "analyze", exc)
            return
        for (sample, candidate), result in zip(batch, results, strict=True):
            model, instance_id, cycle = sample.key
            await self.baselines.ready(instance_id)
            failure = self.baselines.failures.get(instance_id)
            if failure is not None:
                self.ends.infra(sample, "baseline",
                                AnalyzerError(f"the original code of {instance_id} could not be scanned: {failure}"))
                await self.ends.discard(sample)
                continue
            self.emit(Scanned(model=model, instance_id=instance_id, cycle=cycle, ok=result.ok,
                              before=sample.instance.detected_vul_num, after=result.count,
                              findings=list(result.findings), engine=self._engine(candidate), message=result.message,
                              presence=result.presence, presence_floor=self.baselines.presence_floor.get(instance_id),
                              checks=dict(result.checks)))
            await self.ends.finish(sample)

    def _engine(self, candidate: Candidate) -> str:
        if isinstance(self.analyzer, CompositeAnalyzer):
            return self.analyzer.engine_for(candidate)
        return self.analyzer.name
