"""Running a child process with a timeout, an output cap and a guaranteed kill."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Mapping, Sequence

import anyio
from anyio.abc import ByteReceiveStream

from ase_async._errors import SandboxError

from .base import ExecResult

__all__ = ["run_process"]


async def _drain(stream: ByteReceiveStream | None, limit: int, sink: list[bytes], state: dict[str, bool]) -> None:
    if stream is None:
        return
    kept = 0
    async for chunk in stream:
        if kept < limit:
            piece = chunk[: limit - kept]
            sink.append(piece)
            kept += len(piece)
            if len(piece) < len(chunk):
                state["truncated"] = True
        else:
            state["truncated"] = True


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


async def run_process(
    argv: Sequence[str],
    *,
    cwd: str | None = None,
    input: bytes | None = None,
    timeout: float,
    env: Mapping[str, str] | None = None,
    output_limit: int,
) -> ExecResult:
    """Run ``argv`` in its own process group; kill the whole group on timeout or cancellation.

    Raises:
        SandboxError: the program cannot be started.
    """
    started = time.monotonic()
    try:
        process = await anyio.open_process(
            list(argv),
            stdin=subprocess.PIPE if input is not None else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
            env=dict(env) if env is not None else None,
            start_new_session=True,
        )
    except OSError as exc:
        raise SandboxError(f"cannot start {argv[0]!r}: {exc.strerror or exc}") from exc
    out: list[bytes] = []
    err: list[bytes] = []
    state = {"truncated": False}
    timed_out = False
    try:
        with anyio.move_on_after(timeout) as scope:
            async with anyio.create_task_group() as group:
                group.start_soon(_drain, process.stdout, output_limit, out, state)
                group.start_soon(_drain, process.stderr, output_limit, err, state)
                if process.stdin is not None:
                    try:
                        await process.stdin.send(input or b"")
                    except (anyio.BrokenResourceError, anyio.ClosedResourceError):
                        pass  # the program exited without reading all of its input
                    finally:
                        await process.stdin.aclose()
                await process.wait()
        timed_out = scope.cancelled_caught
    finally:
        # Whatever happened (timeout, cancellation, an error), leave no process behind.
        with anyio.CancelScope(shield=True):
            if process.returncode is None:
                _kill_group(process.pid)
            await process.wait()
            await process.aclose()
    returncode = process.returncode if process.returncode is not None else -9
    return ExecResult(
        returncode=-9 if timed_out else returncode,
        stdout=b"".join(out),
        stderr=b"".join(err),
        timed_out=timed_out,
        truncated=state["truncated"],
        duration_s=round(time.monotonic() - started, 4),
    )
