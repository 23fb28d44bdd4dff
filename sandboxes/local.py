"""The local backend: bubblewrap where it works, a plain subprocess (with a warning) where not.

Under bubblewrap a command sees only the system folders and the tools' installations
read-only (see ``_view``), a private ``/tmp``, no network but a private loopback, its own
PID and user namespaces with no capabilities, and only its working copy writable. CPU time
and address space are capped with ``prlimit`` (not the process count: in a user namespace
of a harness running as root it would count the host's root processes). Without bubblewrap
only the limits and the timeout remain, which the run's events record.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

import anyio
import msgspec
import structlog

from ase_async._errors import SandboxError
from ase_async.paths import PathEscape, confine

from ._process import run_process
from ._view import namespace_flags, sandbox_path, sandbox_view
from .base import DEFAULT_OUTPUT_LIMIT, RUNTIME_ROOT, ExecResult, Limits, Sandbox, SandboxBackend

__all__ = ["LocalBackend", "LocalSandbox", "bubblewrap_works"]

log = structlog.get_logger()

_BASE_ENV = {
    "PATH": sandbox_path(),
    "LANG": "C.UTF-8",
    "LC_ALL": "C.UTF-8",
    "SEMGREP_ENABLE_VERSION_CHECK": "0",
    "SEMGREP_SEND_METRICS": "off",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": "/dev/null",  # a planted ~/.gitconfig (filters, fsmonitor) is never read
    "GIT_TERMINAL_PROMPT": "0",
}


@functools.cache
def bubblewrap_works() -> bool:
    """Whether bubblewrap is installed and may create namespaces here."""
    if shutil.which("bwrap") is None:
        return False
    probe = subprocess.run(
        ["bwrap", *namespace_flags(), "--unshare-net", "--ro-bind", "/", "/", "--dev", "/dev", "true"],
        capture_output=True,
        timeout=30,
    )
    return probe.returncode == 0


class LocalSandbox(Sandbox):
    def __init__(self, backend: LocalBackend, workdir: Path, writable: bool) -> None:
        super().__init__()
        self.backend = backend
        self.workdir = workdir
        self.writable = writable

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
        self._ensure_open()
        try:
            directory = confine(self.workdir, cwd, must_exist=True, allow_dir=True)
        except PathEscape as exc:
            raise SandboxError(str(exc)) from None
        full_env = {**_BASE_ENV, "HOME": "/tmp" if self.backend.isolated else str(self.backend.home)}
        full_env.update(env or {})
        command = self.backend.wrap(list(argv), self.workdir, directory, self.writable, timeout)
        result = await run_process(
            command, cwd=str(directory), input=input, timeout=timeout + 5, env=full_env,
            output_limit=output_limit,
        )
        if result.returncode in (124, 137) and result.duration_s >= timeout * 0.95:
            # The inner `timeout` fired first (it exits 124, or 137 after its -k kill).
            result = msgspec.structs.replace(result, timed_out=True)
        return result

    def _host_path(self, path: str, *, must_exist: bool) -> Path:
        try:
            return confine(self.workdir, path, must_exist=must_exist)
        except PathEscape as exc:
            raise SandboxError(str(exc)) from None

    async def read_file(self, path: str) -> bytes:
        self._ensure_open()
        target = self._host_path(path, must_exist=True)
        return await anyio.Path(target).read_bytes()

    async def write_file(self, path: str, data: bytes) -> None:
        self._ensure_open()
        if not self.writable:
            raise SandboxError("this session's working copy is read-only")
        target = self._host_path(path, must_exist=False)
        await anyio.Path(target.parent).mkdir(parents=True, exist_ok=True)
        # Checked again after creating folders: nothing may have slipped a link in between.
        target = self._host_path(path, must_exist=False)
        await anyio.Path(target).write_bytes(data)


class LocalBackend(SandboxBackend):
    """Sessions on host folders, isolated by bubblewrap when it works here.

    Args:
        limits: resource limits for every command.
        hide: host folders that commands must not see (replaced by empty folders).
        isolation: ``auto`` (bubblewrap if it works), ``bwrap`` (required), ``none``.
    """

    name = "local"

    def __init__(
        self,
        *,
        limits: Limits | None = None,
        hide: Sequence[Path] = (),
        isolation: str = "auto",
    ) -> None:
        self.limits = limits or Limits()
        self.hide = [Path(p).resolve() for p in hide]
        if isolation == "none":
            self.isolated = False
        elif bubblewrap_works():
            self.isolated = True
        elif isolation == "bwrap":
            raise SandboxError("bubblewrap is required (isolation='bwrap') but does not work here")
        else:
            self.isolated = False
            log.warning(
                "bubblewrap unavailable: commands run as plain subprocesses with only time and "
                "resource limits (install bubblewrap for network and file system isolation)"
            )
        self.home = Path(os.environ.get("HOME", "/tmp"))
        self._view_args: list[str] | None = None

    def describe(self) -> dict[str, str]:
        return {
            "backend": self.name,
            "isolation": "bubblewrap" if self.isolated else "none",
            "path": _BASE_ENV["PATH"],
            "memory_mb": str(self.limits.memory_mb),
            "cpu_seconds": str(self.limits.cpu_seconds),
        }

    def wrap(self, argv: list[str], workdir: Path, cwd: Path, writable: bool, timeout: float) -> list[str]:
        limits = ["prlimit"]
        if self.limits.memory_mb:
            limits.append(f"--as={self.limits.memory_mb * 1024 * 1024}")
        if self.limits.cpu_seconds:
            limits.append(f"--cpu={self.limits.cpu_seconds}")
        # `timeout` inside the sandbox is a second line of defence behind the harness's own
        # kill of the process group: it also reaches programs that detach from the group.
        inner = [*limits, "--", "timeout", "-k", "2", f"{max(timeout, 0.1):.1f}", *argv]
        if not self.isolated:
            return inner
        bind = "--bind" if writable else "--ro-bind"
        command = ["bwrap", *self._view(), bind, str(workdir), str(workdir), "--chdir", str(cwd), "--", *inner]
        return command

    def _view(self) -> list[str]:
        """What a sandboxed command sees besides its working copy, computed once.

        Nothing of the host but the system folders and the tools' own installation folders,
        read-only, as an unprivileged user with no capabilities in a fresh user namespace:
        no host socket (/run, /var), no other working copy, no checkout with its history,
        no cache. Hidden folders that lie inside a visible one become empty folders.
        """
        if self._view_args is None:
            self._view_args = sandbox_view(self.hide, network=self.limits.network, expose=[RUNTIME_ROOT])
        return self._view_args

    async def open(self, workdir: Path, *, writable: bool = True, only: Sequence[Path] | None = None) -> LocalSandbox:
        workdir = Path(await anyio.Path(workdir).resolve())
        if not await anyio.Path(workdir).is_dir():
            raise SandboxError(f"working copy {workdir} does not exist")
        return LocalSandbox(self, workdir, writable)
