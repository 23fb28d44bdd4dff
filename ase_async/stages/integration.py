"""Integration: each answer applied to a fresh copy of the masked repository, then checked.

In the sample's own sandbox session: the diff applied (or the code spliced in), every file
it wrote parsed, then the instance's dynamic checks run. What passes goes on to the static
analysis as a :class:`Candidate`. A repeated candidate (``reuse.py``) skips all of it.

Sessions are limited (``sandbox_sessions``); a sample waiting for an identical candidate's
verdict waits outside that limit, so it never holds a session another sample could use.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import anyio
import anyio.lowlevel
from anyio.abc import ObjectReceiveStream, ObjectSendStream

from .._errors import AnswerError, SandboxError
from ..answers import extract_code, extract_diff
from ..events import Integrated, SyntaxChecked
from ..masking import splice
from ..patches import apply_patch, check_patch, parse_patch
from ..repos import WorkingCopies, source_files
from ..rules import Candidate
from ..sandboxes import SandboxBackend
from ..sandboxes.base import Sandbox
from ..syntax import check_files
from ..upstream.extraction import extract_code_upstream
from .checks import DynamicChecksStage
from .reuse import Verdicts
from .sample import Emit, Sample, SampleEnds

__all__ = ["IntegrationStage"]

#: the change as applied, kept in the log for the viewer (a longer one is cut)
_DIFF_KEPT = 256 * 1024


class IntegrationStage:
    """Applies and checks answers, sending candidates on to the analysis.

    Args:
        copies: makes the working copies.
        backend: opens the sandbox sessions (injected: any backend, local or remote).
        checks: the dynamic checks.
        rule_path: the instance's SAST rule file, or None.
        emit: logs events.
        ends: ends samples that stop here.
        sessions: sandbox sessions at once.
        time_limit: seconds one answer's integration and checks may take in all.
        verdicts: verdicts of identical candidates (None: every candidate is judged).
    """

    def __init__(self, *, copies: WorkingCopies, backend: SandboxBackend, checks: DynamicChecksStage,
                 rule_path: Any, emit: Emit, ends: SampleEnds, sessions: int, time_limit: float,
                 verdicts: Verdicts | None) -> None:
        self.copies = copies
        self.backend = backend
        self.checks = checks
        self.rule_path = rule_path
        self.emit = emit
        self.ends = ends
        self.time_limit = time_limit
        self.verdicts = verdicts
        self._sessions = anyio.CapacityLimiter(max(1, sessions))
        # Samples held here at once (waiting for a session, or judged in one): bounded, so
        # the channel before this stage still pushes back on generation.
        self._held = anyio.Semaphore(max(1, sessions) * 4)
        # Samples waiting for another sample's verdict: they need no session, and that
        # verdict may wait for a batch of scans, so they give their place to samples that do
        # need one and wait among a larger bound of their own.
        self._waiting = anyio.Semaphore(max(1, sessions) * 64)

    async def run(self, receive: ObjectReceiveStream[Sample], send: ObjectSendStream[tuple[Sample, Candidate]]) -> None:
        """Integrate every sample received; candidates go to ``send``."""
        async with receive, send, anyio.create_task_group() as group:
            async for sample in receive:
                await self._held.acquire()
                group.start_soon(self._one, sample, send)

    async def _one(self, sample: Sample, send: ObjectSendStream[tuple[Sample, Candidate]]) -> None:
        place = _Place(self._held)
        try:
            candidate = await self._judge(sample, place)
        finally:
            place.release()
        if candidate is not None:
            await send.send((sample, candidate))

    async def _judge(self, sample: Sample, place: _Place) -> Candidate | None:
        """The candidate to scan, or None when the sample ended here."""
        key = await self.verdicts.key(sample) if self.verdicts is not None else None
        if key is not None and self.verdicts is not None:
            if self.verdicts.judging(key):
                place.release()
                async with self._waiting:
                    reused = await self.verdicts.claim(key, sample)
            else:
                reused = await self.verdicts.claim(key, sample)
            if reused is not None:
                await anyio.lowlevel.checkpoint()  # a run cancelled meanwhile logs nothing more
                for event in reused:
                    self.emit(event)
                self.ends.score(sample.key)
                return None
        try:
            async with self._sessions:
                try:
                    with anyio.fail_after(self.time_limit):
                        candidate = await self.integrate(sample)
                except TimeoutError:
                    # Each command has its own limit; only an answer that makes the harness
                    # do enormous work (thousands of files to check) gets here.
                    model, instance_id, cycle = sample.key
                    self.emit(Integrated(model=model, instance_id=instance_id, cycle=cycle, ok=False,
                                         kind="evaluation_timeout",
                                         message=f"checking the answer took over {self.time_limit:.0f} s"))
                    await self.ends.finish(sample)
                    return None
                except Exception as exc:  # the harness failed this sample, not the model
                    self.ends.infra(sample, "integrate", exc)
                    return None
        except BaseException:
            if self.verdicts is not None:
                self.verdicts.abandon(sample)
            raise
        if candidate is None:
            await self.ends.finish(sample)
        return candidate

    async def integrate(self, sample: Sample) -> Candidate | None:
        """Apply, parse and check one answer in its own session; None when it fails there."""
        assert sample.answer is not None
        instance = sample.instance
        templates = await self.copies.templates(instance)
        model, instance_id, cycle = sample.key
        sample.workdir = await self.copies.checkout(templates, f"{model}__{instance_id}__c{cycle}", owner=model)
        async with await self.backend.open(sample.workdir) as session:
            integrated = await self._apply(session, sample)
            self.emit(integrated)
            # Upstream data is also scored as the reference tool scores it, and that tool scans
            # an answer that applied whatever our checks say (it strips a left mask line and
            # has no syntax check): such an answer is still scanned, for the upstream verdict,
            # while our own outcome stays integration_failed.
            upstream = instance.rule is None and (instance.detected_tool is not None or instance.dynamic is not None)
            if not integrated.ok and not (upstream and integrated.kind == "mask_left"):
                return None
            results = await check_files(session, integrated.touched_files)
            syntax_ok = all(r.ok for r in results)
            self.emit(SyntaxChecked(model=model, instance_id=instance_id, cycle=cycle, ok=syntax_ok, files=results))
            if not syntax_ok and not upstream:
                return None
            await session.sync_out(integrated.touched_files)
            # The answer's files as it wrote them, before any check runs its code.
            files = await anyio.to_thread.run_sync(source_files, sample.workdir)
            await self.checks.run(session, sample.key, instance)
        rule: Path | None = self.rule_path(instance)
        if rule is None and not (instance.detected_tool or instance.dynamic):
            raise SandboxError(f"{instance_id} has no rule, analyzer image or dynamic contract to check it with")
        return Candidate(sample.label, sample.workdir, rule or Path(), files, tuple(integrated.touched_files),
                         presence=rule is not None, instance=instance)

    async def _apply(self, session: Sandbox, sample: Sample) -> Integrated:
        assert sample.answer is not None and sample.workdir is not None
        model, instance_id, cycle = sample.key
        fields: dict[str, Any] = {"model": model, "instance_id": instance_id, "cycle": cycle}
        instance = sample.instance
        try:
            if sample.task.contract == "code":
                masked = (await session.read_file(instance.vuln_file)).decode("utf-8", "surrogateescape")
                if sample.task.prompt_style in ("upstream", "paper"):
                    # Compared with upstream's numbers: the answer read as upstream reads it.
                    code = extract_code_upstream(sample.answer.text, instance.language, masked)
                else:
                    code = extract_code(sample.answer.text, instance.language)
                try:
                    completed = splice(masked, code)
                except ValueError as exc:
                    raise AnswerError(str(exc)) from None
                await session.write_file(instance.vuln_file, completed.encode("utf-8", "surrogateescape"))
                change = "".join(difflib.unified_diff(masked.splitlines(True), completed.splitlines(True),
                                                      f"a/{instance.vuln_file}", f"b/{instance.vuln_file}"))
                return Integrated(**fields, ok=True, method="splice", touched_files=[instance.vuln_file],
                                  diff=change[:_DIFF_KEPT])
            patch = parse_patch(extract_diff(sample.answer.text))
            check_patch(patch, sample.workdir)
            method = await apply_patch(session, patch)
            if any(f.kind == "delete" and f.path == instance.vuln_file for f in patch.files):
                return Integrated(**fields, ok=False, method=method, kind="deleted_target",
                                  message=f"the answer deletes {instance.vuln_file}")
            touched = patch.touched
            if await _mask_left(session, instance.vuln_file):
                return Integrated(**fields, ok=False, method=method, touched_files=touched, kind="mask_left",
                                  message="the <MASKED> line is still in the file")
            return Integrated(**fields, ok=True, method=method + (" (recounted)" if patch.recounted else ""),
                              touched_files=touched, diff=patch.text[:_DIFF_KEPT])
        except AnswerError as exc:
            return Integrated(**fields, ok=False, kind=exc.kind, message=str(exc)[:2000])


async def _mask_left(session: Sandbox, path: str) -> bool:
    try:
        data = await session.read_file(path)
    except SandboxError:
        return False
    return any(line.strip() == b"<MASKED>" for line in data.splitlines())


class _Place:
    """A sample's place among those the stage holds, given back once."""

    def __init__(self, semaphore: anyio.Semaphore) -> None:
        self._semaphore: anyio.Semaphore | None = semaphore

    def release(self) -> None:
        if self._semaphore is not None:
            self._semaphore.release()
            self._semaphore = None
