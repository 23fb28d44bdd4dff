"""The sandbox seam: where untrusted answers are integrated, checked and analysed.

A :class:`SandboxBackend` opens :class:`Sandbox` sessions, one per working copy. A session
runs commands in the working copy and reads and writes its files; nothing else. Backends
translate their own failures into :class:`~ase_async.SandboxError`; a command that fails
is not an error, it is an :class:`ExecResult` with its exit code.
"""

from __future__ import annotations

import abc
import enum
from collections.abc import Mapping, Sequence
from pathlib import Path

import msgspec

from ase_async._errors import SandboxClosed

__all__ = ["RUNTIME_ROOT", "ExecResult", "Limits", "Sandbox", "SandboxBackend", "SessionState"]

DEFAULT_OUTPUT_LIMIT = 4 * 1024 * 1024


class ExecResult(msgspec.Struct, frozen=True):
    returncode: int
    stdout: bytes
    stderr: bytes
    timed_out: bool = False
    truncated: bool = False
    duration_s: float = 0.0

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out


class Limits(msgspec.Struct, frozen=True, kw_only=True):
    """Resource limits of every command a session runs."""

    memory_mb: int | None = 4096
    cpu_seconds: int | None = 600
    pids: int | None = 512
    network: bool = False


class SessionState(enum.Enum):
    OPEN = "open"
    CLOSED = "closed"


class Sandbox(abc.ABC):
    """One session on one working copy. Paths are relative to the working copy."""

    def __init__(self) -> None:
        self.state = SessionState.OPEN

    def _ensure_open(self) -> None:
        if self.state is SessionState.CLOSED:
            raise SandboxClosed("this sandbox session is closed")

    @abc.abstractmethod
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
        """Run ``argv`` in the working copy (``cwd`` relative to it).

        Output past ``output_limit`` bytes per stream is dropped and ``truncated`` set; past
        ``timeout`` seconds the whole process tree is killed and ``timed_out`` set.

        Raises:
            SandboxError: the backend could not run the command at all.
            SandboxClosed: the session is closed.
        """

    @abc.abstractmethod
    async def read_file(self, path: str) -> bytes:
        """Read a file of the working copy.

        Raises:
            SandboxError: the file is missing, is a link, or lies outside the working copy.
        """

    @abc.abstractmethod
    async def write_file(self, path: str, data: bytes) -> None:
        """Write a file of the working copy, creating folders as needed.

        Raises:
            SandboxError: the path is a link or lies outside the working copy.
        """

    async def sync_out(self, paths: Sequence[str]) -> None:
        """Make ``paths`` as changed in the session visible in the host working copy.

        Backends whose working copy is the host's own folder need do nothing.
        """

    async def aclose(self) -> None:
        self.state = SessionState.CLOSED

    async def __aenter__(self) -> Sandbox:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()


#: the runtimes that ase-lite's dynamic checks need (stand-in modules, adapters, packages)
RUNTIME_ROOT = Path(__file__).resolve().parent / "runtime"


class SandboxBackend(abc.ABC):
    """Opens sessions. Long-lived: one per run, or shared by several runs."""

    name: str = "abstract"
    #: where :data:`RUNTIME_ROOT` is seen by sandboxed commands (``ASE_RUNTIME`` of the checks)
    check_runtime: str = str(RUNTIME_ROOT)

    @abc.abstractmethod
    async def open(self, workdir: Path, *, writable: bool = True, only: Sequence[Path] | None = None) -> Sandbox:
        """Open a session on a host working copy.

        ``only`` (read-only sessions) names the sub-folders the session will read; a backend
        that copies the working copy may copy just those. Backends that see the host folder
        itself ignore it.

        Raises:
            SandboxError: the backend cannot start a session.
        """

    def describe(self) -> dict[str, str]:
        """What to record of this backend in the run's events (isolation, versions)."""
        return {"backend": self.name}

    async def aclose(self) -> None:
        """Release what the backend holds (pools, engine connections)."""
