"""Identical candidates are judged once: a repeated one reuses the verdict, and says so.

Deterministic models (temperature 0, the oracles) repeat their answers across cycles. Two
answers that make the same change to the same instance, under the same contract, judged by
the same analyzer with the same rules and the same dynamic checks, get the same verdict:
the second is not integrated, checked or scanned again. Its events are the first one's,
each with ``reused_from`` naming the sample that was judged.

The key: the instance, the change as extracted from the answer (line endings and trailing
blank space normalised), the contract, the analyzer's description with a digest of the
instance's rule file, and a digest of the instance's dynamic checks. An answer whose change
cannot be extracted is not keyed (failing it costs nothing).

Only a verdict reached without a failure of the harness is kept; a sample waiting on one
that fails is judged itself. Verdicts are kept in a bounded map (most recent first), so a
run of distinct answers keeps flat memory.

Across runs, reuse is opt-in with the response cache (``--cache``): verdicts are stored
beside the answers, under ``verdicts/``, and a later run's repeated candidate reuses one,
its ``reused_from`` naming the sample of the run that judged it.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

import anyio
import msgspec

from .._errors import AnswerError
from ..answers import extract_code, extract_diff
from ..cache import ResponseCache
from ..events import (
    DynamicChecked,
    Event,
    InfraFailed,
    Integrated,
    SampleScored,
    Scanned,
    SyntaxChecked,
)
from ..instance import Instance
from .sample import Key, Sample

__all__ = ["Verdicts", "folder_digest"]

_JUDGED = (Integrated, SyntaxChecked, DynamicChecked, Scanned)
_Judged = Integrated | SyntaxChecked | DynamicChecked | Scanned


def folder_digest(folder: Path | None) -> str:
    """A digest of every file under ``folder`` (paths and bytes); empty for None."""
    if folder is None:
        return ""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def normalised_change(answer: str, contract: str, language: str) -> str | None:
    """The change an answer makes, as text; None when none can be extracted."""
    try:
        change = extract_code(answer, language) if contract == "code" else extract_diff(answer)
    except AnswerError:
        return None
    lines = change.replace("\r\n", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n")


class _Pending:
    def __init__(self, owner: str) -> None:
        self.owner = owner
        self.events: list[_Judged] = []
        self.done = anyio.Event()
        self.ok = False


class Verdicts:
    """The verdicts of a run's candidates, by key.

    Args:
        judge_digest: a digest of how one instance is judged (analyzer, rules, checks).
        capacity: verdicts kept in memory; the oldest go first.
        store: where verdicts outlive the run (the response cache's ``verdicts/``), or None.
        run_id: the run's id, recorded with each stored verdict.
    """

    def __init__(self, judge_digest: Callable[[Instance], str], *, capacity: int = 4096,
                 store: ResponseCache | None = None, run_id: str = "") -> None:
        self._judge_digest = judge_digest
        self._store = store
        self._run_id = run_id
        # Verdicts to store, handed from ``observe`` (synchronous, in the log's emit) to
        # ``store_verdicts`` (a task of the run): bounded; one that does not fit is not stored.
        self._to_store_send, self._to_store = anyio.create_memory_object_stream[tuple[str, list[_Judged], str]](256)
        self._digests: dict[str, str] = {}
        self._capacity = capacity
        self._verdicts: OrderedDict[str, _Pending] = OrderedDict()
        self._owners: dict[Key, tuple[str, _Pending]] = {}
        self.reused = 0

    async def key(self, sample: Sample) -> str | None:
        """The candidate key of an answered sample, or None when it has none."""
        assert sample.answer is not None
        if sample.task.prompt_style == "ase":
            change = normalised_change(sample.answer.text, sample.task.contract, sample.instance.language)
            if change is None:
                return None
        else:
            # Read as the reference tool reads answers (its own extraction): the whole text
            # decides, so no two answers it could read apart share a key.
            change = "\n".join(line.rstrip() for line in sample.answer.text.replace("\r\n", "\n").split("\n"))
        change = f"{sample.task.prompt_style}\0{change}"
        iid = sample.instance.instance_id
        judge = self._digests.get(iid)
        if judge is None:
            judge = self._digests[iid] = await anyio.to_thread.run_sync(self._judge_digest, sample.instance)
        return hashlib.sha256(msgspec.json.encode([iid, sample.task.contract, judge, change])).hexdigest()

    def judging(self, key: str) -> bool:
        """Whether another sample holding ``key`` is being judged (``claim`` would wait for it)."""
        found = self._verdicts.get(key)
        return found is not None and not found.done.is_set()

    async def claim(self, key: str, sample: Sample) -> list[_Judged] | None:
        """The events of a verdict reached before, or None after making ``sample`` its owner.

        Waits while another sample holding the same key is being judged.
        """
        while True:
            found = self._verdicts.get(key)
            if found is None and self._store is not None:
                found = await self._stored(key)
            if found is None:
                pending = _Pending(sample.label)
                self._verdicts[key] = pending
                self._owners[sample.key] = (key, pending)
                while len(self._verdicts) > self._capacity:
                    self._verdicts.popitem(last=False)
                return None
            if not found.done.is_set():
                await found.done.wait()
                continue  # judged, or failed and gone: look again
            self._verdicts.move_to_end(key)
            self.reused += 1
            model, instance_id, cycle = sample.key
            return [msgspec.structs.replace(e, model=model, instance_id=instance_id, cycle=cycle, time=0.0,
                                            reused_from=found.owner) for e in found.events]

    async def _stored(self, key: str) -> _Pending | None:
        """A verdict an earlier run stored, now in memory as if judged here."""
        assert self._store is not None
        record = await self._store.get(key)
        if record is None:
            return None
        try:
            events = msgspec.convert(record["events"], list[_Judged])
            owner = f"{record['run_id']}:{record['owner']}"
        except (KeyError, TypeError, msgspec.ValidationError):
            return None  # an entry of another version is a miss, never an error
        found = _Pending(owner)
        found.events, found.ok = events, True
        found.done.set()
        self._verdicts[key] = found
        return found

    async def store_verdicts(self) -> None:
        """Store the run's verdicts as they are reached, until :meth:`close` (a task of the run)."""
        async with self._to_store:
            async for key, events, owner in self._to_store:
                assert self._store is not None
                await self._store.put(key, {"run_id": self._run_id, "owner": owner,
                                            "events": msgspec.to_builtins(events)})

    def close(self) -> None:
        """No more verdicts to store."""
        self._to_store_send.close()

    def observe(self, event: Event) -> None:
        """Follow the owners' events: their judged events, then their end."""
        key = getattr(event, "key", None)
        if key is None or key not in self._owners:
            return
        verdict_key, pending = self._owners[key]
        if isinstance(event, _JUDGED):
            pending.events.append(event)
        elif isinstance(event, InfraFailed):
            pending.ok = False
            self._release(key, verdict_key, pending, keep=False)
        elif isinstance(event, SampleScored):
            self._release(key, verdict_key, pending, keep=True)

    def _release(self, key: Key, verdict_key: str, pending: _Pending, *, keep: bool) -> None:
        del self._owners[key]
        if not keep and self._verdicts.get(verdict_key) is pending:
            del self._verdicts[verdict_key]  # the harness failed: the next one is judged itself
        pending.ok = keep
        pending.done.set()
        if keep and self._store is not None:
            try:
                self._to_store_send.send_nowait((verdict_key, pending.events, pending.owner))
            except (anyio.WouldBlock, anyio.ClosedResourceError):
                pass  # the store is behind (or closed): this verdict is judged again next time

    def abandon(self, sample: Sample) -> None:
        """The owner stopped without a verdict (cancelled): waiters judge their own."""
        found = self._owners.get(sample.key)
        if found is not None:
            self._release(sample.key, found[0], found[1], keep=False)
