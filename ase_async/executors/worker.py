"""The node worker: one Ray actor per node, owning that node's sandbox backend and analyzer.

The driver sends it trees (object-store references to packed folders), commands and
candidates; it answers with results. It never logs an event: events are the driver's, so
each reaches the log exactly once whatever happens to the node.

Sessions hold their working copy in the worker's scratch folder. A closed session's copy
is kept (a bounded, least recently used set) for the scan that usually follows on this
node; a scan that finds it gone is sent its tree from the driver instead.

This module does not import Ray: the executor wraps :class:`NodeWorker` with
``ray.remote`` when it starts actors, so the class is importable (and testable) without it.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import uuid
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import anyio
import msgspec

from .._errors import AnalyzerError, SandboxError
from ..preflight import Requirement, check_tools
from ..rules import Analyzer, Candidate, ScanResult
from ..sandboxes import SandboxBackend, get_backend
from ..sandboxes.base import ExecResult, Sandbox
from .trees import unpack

__all__ = ["NodeWorker", "WorkerInfo"]

#: closed sessions whose copies wait for their scan, per worker
_KEPT = 256


def _remove(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


class WorkerInfo(msgspec.Struct, frozen=True):
    """What the driver learns of a worker when it starts."""

    node: str
    host: str
    cores: int
    backend: dict[str, str]
    analyzer: dict[str, str]
    check_runtime: str


class NodeWorker:
    """Sandbox sessions and scans on one node.

    Args:
        sandbox: the node-local backend's name (``local`` or ``docker``).
        sandbox_options: its options (``hide`` paths that do not exist here are dropped).
        semgrep_experimental: the analyzer's mode, as the run's.
        node: the Ray node id the worker was placed on (for messages).
    """

    def __init__(self, sandbox: str, sandbox_options: dict[str, Any], *, semgrep_experimental: bool,
                 node: str = "") -> None:
        options = dict(sandbox_options)
        if "hide" in options:
            options["hide"] = [Path(p) for p in options["hide"] if Path(p).exists()]
        self.node = node
        self.root = Path(tempfile.mkdtemp(prefix="ase-ray-worker-"))
        self.backend: SandboxBackend = get_backend(sandbox, **options)
        self.semgrep_experimental = semgrep_experimental
        self.analyzer: Analyzer | None = None
        self.sessions: dict[str, tuple[Sandbox, Path]] = {}
        self.kept: OrderedDict[str, Path] = OrderedDict()
        self.rules: dict[str, Path] = {}

    def _analyzer(self) -> Analyzer:
        if self.analyzer is None:
            from ..rules import SemgrepAnalyzer

            self.analyzer = SemgrepAnalyzer(self.backend, self.root, experimental=self.semgrep_experimental)
        return self.analyzer

    async def info(self) -> WorkerInfo:
        """The node's identity and what its backend and analyzer record in the run's events."""
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        return WorkerInfo(node=self.node, host=socket.gethostname(), cores=cores, backend=self.backend.describe(),
                          analyzer=self._analyzer().describe(), check_runtime=self.backend.check_runtime)

    async def preflight(self, languages: list[str], semgrep: str | None, dynamic: Sequence[str] = ()) -> list[Requirement]:
        """The run's preflight, on this node: each tool once inside this node's sandbox, and
        the runtimes of the dynamic checks of the ``dynamic`` languages."""
        if semgrep is None:
            from ..rules.semgrep import semgrep_command

            try:
                semgrep = semgrep_command()
            except AnalyzerError:
                semgrep = "semgrep"  # not on this node: the preflight says so, with the fix
        return await check_tools(self.backend, languages, scratch_parent=self.root / "preflight", semgrep=semgrep,
                                 dynamic=dynamic)

    # -- sessions ------------------------------------------------------------------------

    async def open(self, session: str, tree: bytes, writable: bool) -> None:
        """Start a session on a fresh copy of ``tree`` (Ray resolves the reference to bytes)."""
        folder = self.root / "sessions" / session
        await anyio.to_thread.run_sync(unpack, tree, folder)
        self.sessions[session] = (await self.backend.open(folder, writable=writable), folder)

    def _session(self, session: str) -> Sandbox:
        try:
            return self.sessions[session][0]
        except KeyError:
            raise SandboxError(f"no session {session} on node {self.node}") from None

    async def exec(self, session: str, argv: Sequence[str], options: dict[str, Any]) -> ExecResult:
        return await self._session(session).exec(argv, **options)

    async def read_file(self, session: str, path: str) -> bytes:
        return await self._session(session).read_file(path)

    async def read_files(self, session: str, paths: Sequence[str]) -> dict[str, bytes | None]:
        """Several files at once (``sync_out``); None for a file the session removed.

        The node's own copy is synced first: a container backend keeps the session's files
        in the container, and the scan that follows on this node reads the node's folder.
        """
        await self._session(session).sync_out(paths)
        found: dict[str, bytes | None] = {}
        for path in paths:
            try:
                found[path] = await self._session(session).read_file(path)
            except SandboxError:
                found[path] = None
        return found

    async def write_file(self, session: str, path: str, data: bytes) -> None:
        await self._session(session).write_file(path, data)

    async def close(self, session: str, keep: bool) -> None:
        """End a session; its copy waits for a scan when ``keep``, else it is removed."""
        entry = self.sessions.pop(session, None)
        if entry is None:
            return
        sandbox, folder = entry
        await sandbox.aclose()
        if keep:
            self.kept[session] = folder
            while len(self.kept) > _KEPT:
                _, old = self.kept.popitem(last=False)
                await anyio.to_thread.run_sync(_remove, old)
        else:
            await anyio.to_thread.run_sync(_remove, folder)

    # -- scans ---------------------------------------------------------------------------

    async def _rule(self, digest: str, data: bytes) -> Path:
        path = self.rules.get(digest)
        if path is None:
            path = self.root / "rules" / f"{digest[:16]}.yaml"
            await anyio.Path(path.parent).mkdir(parents=True, exist_ok=True)
            await anyio.Path(path).write_bytes(data)
            self.rules[digest] = path
        return path

    async def scan(self, items: list[tuple[Candidate, str | None, Any, str, bytes]]) -> list[ScanResult | None]:
        """Scan candidates here. Each item: the candidate, the kept session that holds its copy
        (or None), its packed tree when shipped (or None), and its rule file's digest and bytes.

        A candidate whose kept copy is gone gets None: the driver ships its tree instead.
        """
        local: list[Candidate] = []
        where: list[int] = []
        shipped: list[Path] = []
        results: list[ScanResult | None] = [None] * len(items)
        for index, (candidate, session, tree, rule_digest, rule) in enumerate(items):
            if session is not None and session in self.kept:
                root = self.kept.pop(session)
            elif tree is not None:
                if not isinstance(tree, bytes):
                    tree = await tree  # an object-store reference: fetched once per node
                root = self.root / "scans" / uuid.uuid4().hex
                await anyio.to_thread.run_sync(unpack, tree, root)
                shipped.append(root)
            else:
                continue
            rule_file = await self._rule(rule_digest, rule) if rule else candidate.rule_file
            local.append(msgspec.structs.replace(candidate, root=root, rule_file=rule_file))
            where.append(index)
            if session is not None:
                shipped.append(root)  # a kept copy is scanned once, then removed
        try:
            scanned = await self._analyzer().scan(local)
        finally:
            for root in shipped:
                await anyio.to_thread.run_sync(_remove, root)
        for index, result in zip(where, scanned, strict=True):
            results[index] = result
        return results

    async def shutdown(self) -> None:
        """Close the backend and remove the worker's scratch folder."""
        for sandbox, _ in self.sessions.values():
            await sandbox.aclose()
        if self.analyzer is not None:
            await self.analyzer.aclose()
        await self.backend.aclose()
        await anyio.to_thread.run_sync(_remove, self.root)
