"""Baselines: what the instance's rules find in its original code, measured per instance.

For each instance with a rule: the finding count of the original code (``detected_vul_num``
measured), and the sink sites of the masked repository and of the reference fix (they
calibrate the functionality check). An instance is measured as soon as its working copies
appear, batched with the others that appear meanwhile (a semgrep process costs ~0.3 s
before it reads a file). ``ase validate`` builds its candidates with the same function.

An instance whose original code cannot be scanned cannot be judged: its samples end as
infrastructure errors, never as the model's fault.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

import anyio
import structlog
from anyio.streams.memory import MemoryObjectReceiveStream

from .._errors import PreflightError
from ..events import BaselineMeasured
from ..instance import Instance
from ..masking import splice
from ..repos import InstanceTemplates, WorkingCopies, source_files
from ..rules import Analyzer, Candidate, ScanResult
from .sample import Emit, gather_batch

__all__ = ["BaselineStage", "baseline_candidates"]

log = structlog.get_logger()


async def baseline_candidates(templates: InstanceTemplates, rule: Path, copies: WorkingCopies, *,
                              reference: bool = True) -> list[Candidate]:
    """The candidates that measure one instance: ``<id>|original`` (the count),
    ``<id>|masked`` and, with a reference fix, ``<id>|reference`` (the sink sites)."""
    instance = templates.instance
    iid = instance.instance_id
    found = [
        Candidate(f"{iid}|original", templates.original, rule, templates.original_files, (instance.vuln_file,)),
        Candidate(f"{iid}|masked", templates.masked, rule, templates.original_files, presence=True),
    ]
    if reference and instance.reference_fix is not None:
        copy = await copies.checkout(templates, f"baseline-reference__{iid}")
        fix = instance.reference_fix

        def write() -> tuple[str, ...]:
            target = copy / instance.vuln_file
            text = target.read_bytes().decode("utf-8", "surrogateescape")
            with contextlib.suppress(ValueError):
                target.write_bytes(splice(text, fix).encode("utf-8", "surrogateescape"))
            return source_files(copy)

        files = await anyio.to_thread.run_sync(write)
        found.append(Candidate(f"{iid}|reference", copy, rule, files, presence=True))
    return found


class BaselineStage:
    """Measures the baselines of the instances whose templates it receives.

    Args:
        analyzer: the run's analyzer (injected).
        copies: makes the reference fix's working copy.
        rule_path: the instance's rule file, or None (nothing to measure).
        emit: logs ``baseline_measured`` events.
        batch: candidates per scan at most.
        wait: seconds to gather a batch.
    """

    def __init__(self, *, analyzer: Analyzer, copies: WorkingCopies, rule_path: Callable[[Instance], Path | None],
                 emit: Emit, batch: int, wait: float) -> None:
        self.analyzer = analyzer
        self.copies = copies
        self.rule_path = rule_path
        self.emit = emit
        self.batch = max(3, batch)
        self.wait = wait
        #: sink sites of the masked copy, where the functionality check applies
        self.presence_floor: dict[str, int] = {}
        #: why an instance's original could not be scanned
        self.failures: dict[str, str] = {}
        self._ready: dict[str, anyio.Event] = {}
        self._measured = 0
        self._closed = False

    def _event(self, instance_id: str) -> anyio.Event:
        return self._ready.setdefault(instance_id, anyio.Event())

    async def ready(self, instance_id: str) -> None:
        """Wait until the instance's baseline is known (or known to be unmeasurable)."""
        if not self._closed:
            await self._event(instance_id).wait()

    async def run(self, receive: MemoryObjectReceiveStream[InstanceTemplates]) -> None:
        """Measure each instance received; raises when no original could be scanned at all.

        Raises:
            PreflightError: every measured instance's original failed to scan.
        """
        try:
            async with receive:
                while True:
                    try:
                        first = await receive.receive()
                    except anyio.EndOfStream:
                        break
                    # Three candidates an instance (original, masked, reference) fill a batch.
                    size = -(-self.batch // 3)
                    await self._measure(await gather_batch(receive, [first], size=size, wait=self.wait))
            if self._measured and len(self.failures) == self._measured:
                first_failure = next(iter(self.failures.values()))
                raise PreflightError(f"no instance's original code could be scanned, so nothing can be judged: "
                                     f"{first_failure}")
        finally:
            self._closed = True
            for event in self._ready.values():
                event.set()  # nothing more will come: no sample may wait for ever

    async def _measure(self, batch: list[InstanceTemplates]) -> None:
        candidates: list[Candidate] = []
        measured: list[Instance] = []
        for received in batch:
            rule = self.rule_path(received.instance)
            if rule is None:
                self._event(received.instance.instance_id).set()  # judged by other means
                continue
            # Scanned as working copies are: committed (off the prompt's path, here).
            templates = await self.copies.templates(received.instance)
            measured.append(templates.instance)
            candidates += await baseline_candidates(templates, rule, self.copies)
        if not candidates:
            return
        try:
            scanned = await self.analyzer.scan(candidates)
        except Exception as exc:  # an engine that fails: these baselines are unknown
            message = f"{type(exc).__name__}: {exc}"[:1000]
            scanned = [ScanResult(c.key, ok=False, message=message) for c in candidates]
        results = {c.key: r for c, r in zip(candidates, scanned, strict=True)}
        for instance in measured:
            self._record(instance, results)
            self._measured += 1
            self._event(instance.instance_id).set()

    def _record(self, instance: Instance, results: dict[str, ScanResult]) -> None:
        iid = instance.instance_id
        original = results[f"{iid}|original"]
        masked_scan = results.get(f"{iid}|masked")
        reference_scan = results.get(f"{iid}|reference")
        floor = masked_scan.presence if masked_scan else None
        ceiling = reference_scan.presence if reference_scan else None
        if floor is not None and ceiling is not None and ceiling > floor:
            self.presence_floor[iid] = floor
        self.emit(BaselineMeasured(instance_id=iid, expected=instance.detected_vul_num,
                                   measured=original.count if original.ok else None, message=original.message,
                                   presence_masked=floor, presence_reference=ceiling,
                                   findings=list(original.findings)))
        if not original.ok:
            # The unmodified code could not be scanned: the harness cannot judge this
            # instance, which is never the model's fault.
            self.failures[iid] = original.message or "the scan failed"
        elif original.count != instance.detected_vul_num:
            log.warning("baseline differs from the dataset", instance=iid, expected=instance.detected_vul_num,
                        measured=original.count, error=original.message)
