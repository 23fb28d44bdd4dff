"""The Ray sandbox backend: sessions run on the cluster's workers, each in its node's backend.

Working copies reach the nodes as trees: the driver makes the copy as it always does (the
masked template checked out), packs it deterministically, and puts it into the object store
once per distinct content. Every sample of one instance starts from the same bytes, so a
node fetches an instance's template once and unpacks it per session; the answer is applied
there, in the session, exactly as on a local run. Only what the driver needs comes back:
command results, the files it reads, and the answer's files (``sync_out``), so the driver's
copy mirrors the session's for the scan's file list and as the fallback tree.

A session whose worker dies is redone on another: the session keeps a journal of what it
did (files written, commands run) and replays it on a fresh copy of the same tree, then
carries on. Events are only ever logged by the driver, after a call returned, so nothing is
logged twice. Commands must be repeatable for the replay to reach the same state; the
harness's own are (apply, parse, the dynamic checks on a fresh copy).
"""

from __future__ import annotations

import uuid
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import anyio

from .._errors import SandboxError
from ..paths import PathEscape, confine
from ..sandboxes.base import DEFAULT_OUTPUT_LIMIT, ExecResult, Sandbox, SandboxBackend, SessionState
from .pool import Worker, WorkerLost, WorkerPool
from .trees import digest, pack

__all__ = ["RayBackend", "RaySession"]

#: distinct trees held in the object store at once (an instance's template is one)
_TREES = 64
#: workers one session may be started on before its failure is the sample's infrastructure error
_ATTEMPTS = 3


class RayBackend(SandboxBackend):
    """Opens sessions on the pool's workers.

    Args:
        pool: the cluster's workers.
        described: what the workers' own backend records (the same on every node).
        check_runtime: where the nodes' check runtime is.
    """

    name = "ray"

    def __init__(self, pool: WorkerPool, *, described: dict[str, str], check_runtime: str) -> None:
        self.pool = pool
        self.described = described
        self.check_runtime = check_runtime
        self._trees: OrderedDict[str, Any] = OrderedDict()
        #: host working copy -> the worker and closed session that still hold it (for the scan)
        self.kept: dict[Path, tuple[Worker, str]] = {}

    def describe(self) -> dict[str, str]:
        # The nodes' backend, unchanged: where a session ran never enters a verdict.
        return dict(self.described)

    async def tree(self, root: Path, files: tuple[str, ...] | None = None) -> Any:
        """An object-store reference to the packed folder, put once per distinct content."""
        import ray

        data = await anyio.to_thread.run_sync(pack, root, files)
        name = digest(data)
        ref = self._trees.get(name)
        if ref is None:
            ref = await anyio.to_thread.run_sync(ray.put, data)
            self._trees[name] = ref
            while len(self._trees) > _TREES:
                self._trees.popitem(last=False)
        else:
            self._trees.move_to_end(name)
        return ref

    async def open(self, workdir: Path, *, writable: bool = True, only: Sequence[Path] | None = None) -> RaySession:
        workdir = Path(await anyio.Path(workdir).resolve())
        if not await anyio.Path(workdir).is_dir():
            raise SandboxError(f"working copy {workdir} does not exist")
        session = RaySession(self, workdir, writable, await self.tree(workdir))
        await session.start()
        return session


class RaySession(Sandbox):
    """One session on a worker, redone on another if that worker is lost."""

    def __init__(self, backend: RayBackend, workdir: Path, writable: bool, tree: Any) -> None:
        super().__init__()
        self.backend = backend
        self.pool = backend.pool
        self.workdir = workdir
        self.writable = writable
        self.tree = tree
        self.id = uuid.uuid4().hex
        self.worker: Worker | None = None
        self.journal: list[tuple[str, tuple[Any, ...]]] = []
        self.synced = False

    async def start(self, avoid: Worker | None = None) -> None:
        """Take a session slot and open the copy there (the slot is held until ``aclose``); a
        worker lost before the copy is open is left for another, as a lost session is."""
        for attempt in range(_ATTEMPTS):
            worker = await self.pool.acquire("session", avoid=avoid)
            try:
                await self.pool.call(worker, "open", self.id, self.tree, self.writable)
            except BaseException as exc:
                with anyio.CancelScope(shield=True):
                    await self.pool.release("session", worker)
                if not isinstance(exc, WorkerLost) or attempt + 1 == _ATTEMPTS:
                    raise
                avoid = worker
                continue
            self.worker = worker
            return

    async def _call(self, method: str, *args: Any, journal: bool) -> Any:
        self._ensure_open()
        for attempt in range(_ATTEMPTS):
            assert self.worker is not None
            try:
                result = await self.pool.call(self.worker, method, self.id, *args)
            except WorkerLost:
                if attempt + 1 == _ATTEMPTS:
                    raise
                await self._move()
                continue
            if journal:
                self.journal.append((method, args))
            return result
        raise AssertionError("unreachable")

    async def _move(self) -> None:
        """Start again on another worker: a fresh copy of the tree, the journal replayed."""
        lost = self.worker
        assert lost is not None
        await self.pool.release("session", lost)  # dropped: the worker is no longer alive
        self.worker = None
        await self.start(avoid=lost)
        assert self.worker is not None
        for method, args in self.journal:
            await self.pool.call(self.worker, method, self.id, *args)

    async def exec(
        self,
        argv: Sequence[str],
        *,
        cwd: str = ".",
        input: bytes | None = None,
        timeout: float,
        env: Mapping[str, str] | None = None,
        output_limit: int = DEFAULT_OUTPUT_LIMIT,
    ) -> ExecResult:
        options = {"cwd": cwd, "input": input, "timeout": timeout, "env": dict(env) if env else None,
                   "output_limit": output_limit}
        result: ExecResult = await self._call("exec", list(argv), options, journal=True)
        return result

    async def read_file(self, path: str) -> bytes:
        data: bytes = await self._call("read_file", path, journal=False)
        return data

    async def write_file(self, path: str, data: bytes) -> None:
        await self._call("write_file", path, data, journal=True)

    async def sync_out(self, paths: Sequence[str]) -> None:
        """Bring the session's versions of ``paths`` into the driver's copy."""
        found: dict[str, bytes | None] = await self._call("read_files", list(paths), journal=False)
        self.synced = True

        def write() -> None:
            for path, data in found.items():
                try:
                    target = confine(self.workdir, path)
                except PathEscape as exc:
                    raise SandboxError(str(exc)) from None
                if data is None:
                    target.unlink(missing_ok=True)
                else:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(data)

        await anyio.to_thread.run_sync(write)

    async def aclose(self) -> None:
        """End the session. A synced copy (a candidate for the scan) stays on its worker."""
        if self.state is not SessionState.OPEN:
            return
        await super().aclose()
        worker, self.worker = self.worker, None
        if worker is None:
            return
        with anyio.CancelScope(shield=True):
            try:
                await self.pool.call(worker, "close", self.id, self.synced and self.writable)
                if self.synced and self.writable:
                    self.backend.kept[self.workdir] = (worker, self.id)
            except WorkerLost:
                pass  # nothing left to close; the scan ships the driver's copy instead
            finally:
                await self.pool.release("session", worker)
