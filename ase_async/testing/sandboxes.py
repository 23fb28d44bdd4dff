"""A sandbox backend that fails on purpose: infrastructure faults for reliability tests."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ase_async._errors import SandboxError
from ase_async.sandboxes.base import DEFAULT_OUTPUT_LIMIT, ExecResult, Sandbox, SandboxBackend
from ase_async.sandboxes.local import LocalBackend

__all__ = ["FlakyBackend"]


class _FlakySandbox(Sandbox):
    def __init__(self, inner: Sandbox, backend: FlakyBackend) -> None:
        super().__init__()
        self.inner = inner
        self.backend = backend

    async def exec(self, argv: Sequence[str], *, cwd: str = ".", input: bytes | None = None, timeout: float,
                   env: Mapping[str, str] | None = None, output_limit: int = DEFAULT_OUTPUT_LIMIT) -> ExecResult:
        self._ensure_open()
        if self.backend.random.random() < self.backend.fail_rate:
            self.backend.failures += 1
            raise SandboxError("injected fault: the sandbox died")
        return await self.inner.exec(argv, cwd=cwd, input=input, timeout=timeout, env=env, output_limit=output_limit)

    async def read_file(self, path: str) -> bytes:
        return await self.inner.read_file(path)

    async def write_file(self, path: str, data: bytes) -> None:
        await self.inner.write_file(path, data)

    async def aclose(self) -> None:
        await self.inner.aclose()
        await super().aclose()


class FlakyBackend(SandboxBackend):
    """The local backend, with every writable session's commands failing at ``fail_rate``.

    Read-only sessions (the analyzer's) stay reliable, so the faults land on samples.
    """

    name = "flaky"

    def __init__(self, *, fail_rate: float = 0.1, seed: int = 0, **local: Any) -> None:
        self.inner = LocalBackend(**local)
        self.fail_rate = fail_rate
        self.random = random.Random(seed)
        self.failures = 0

    async def open(self, workdir: Path, *, writable: bool = True, only: Sequence[Path] | None = None) -> Sandbox:
        session = await self.inner.open(workdir, writable=writable, only=only)
        return _FlakySandbox(session, self) if writable else session

    def describe(self) -> dict[str, str]:
        return {**self.inner.describe(), "backend": "flaky", "fail_rate": str(self.fail_rate)}
