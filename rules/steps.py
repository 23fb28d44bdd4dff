"""One step of a dynamic check, run so that the code under test cannot forge its verdict.

The published v2 data and ase-lite's own checks share this path. A step is a shell command
run by a wrapper that reads a random nonce from standard input (never exported, never on a
command line), runs the command with no input, and prints ``<nonce> rc=<exit status>`` as
its last line. Only that line, carrying the nonce, says how the step ended: code under test
that prints "passed" or a fake exit line without the nonce changes nothing.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Awaitable, Mapping, Sequence
from typing import Any, Protocol

import msgspec

__all__ = ["SHIELDED_WRAPPER", "STEP_WRAPPER", "StepRun", "reported_exit", "run_step"]

# Reads its nonce from stdin (never exported), runs the step with no stdin, then reports.
STEP_WRAPPER = ('IFS= read -r n; (unset n; eval "$0") </dev/null; rc=$?; '
                'printf "\\n%s rc=%d\\n" "$n" "$rc"; exit "$rc"')

# The same in Python, made non-dumpable before it reads the nonce, for steps that start code
# under test as a process of the same user: a shell wrapper holding the nonce could be traced
# by that code (no Yama policy here) and made to report what it wants. Its source is on its
# command line, not in the writable working copy, and -I keeps the working copy off its path.
# Linux only (prctl).
_SHIELDED_SOURCE = """\
import ctypes, subprocess, sys
if ctypes.CDLL(None, use_errno=True).prctl(4, 0, 0, 0, 0) != 0:
    sys.exit("the step wrapper cannot make itself non-dumpable")
nonce = sys.stdin.readline().strip()
status = subprocess.run(["sh", "-c", sys.argv[1]], stdin=subprocess.DEVNULL).returncode
status = status if status >= 0 else 128 - status
print(f"\\n{nonce} rc={status}", flush=True)
sys.exit(status)
"""
SHIELDED_WRAPPER = ("python3", "-I", "-B", "-c", _SHIELDED_SOURCE)


class _Runs(Protocol):
    def exec(self, argv: Sequence[str], *, timeout: float, input: bytes | None = ...) -> Awaitable[Any]: ...


class StepRun(msgspec.Struct, frozen=True):
    """How one step ended: ``exit`` is what the wrapper reported (None: no trustworthy report)."""

    exit: int | None
    timed_out: bool
    duration_s: float
    output: str
    result: Any = None

    @property
    def clean(self) -> bool:
        return self.exit == 0 and not self.timed_out


def reported_exit(result: Any, nonce: str) -> int | None:
    """The exit status in the wrapper's own line, or None when there is not exactly one."""
    text = (result.stdout + result.stderr).decode("utf-8", "replace")
    report = re.findall(rf"^{re.escape(nonce)} rc=(-?\d+)$", text, re.MULTILINE)
    if len(report) != 1 or result.timed_out or str(result.returncode) != report[0]:
        return None
    return int(report[0])


async def run_step(session: _Runs, command: str, *, timeout: float, env: Mapping[str, str] | None = None,
                   wrapper: Sequence[str] = ("sh", "-c", STEP_WRAPPER), **options: Any) -> StepRun:
    """Run ``command`` through the wrapper in ``session``.

    ``wrapper`` is the argv that runs ``command`` (its last argument): ase-lite's checks use
    ``SHIELDED_WRAPPER``.
    """
    nonce = secrets.token_hex(16)
    extra = {"env": dict(env)} if env else {}
    result = await session.exec([*wrapper, command], input=(nonce + "\n").encode(),  # type: ignore[call-arg]  # backends take env or user
                                timeout=timeout, **extra, **options)
    text = (result.stdout + result.stderr).decode("utf-8", "replace")
    shown = "\n".join(line for line in text.splitlines() if not line.startswith(nonce))
    return StepRun(exit=reported_exit(result, nonce), timed_out=bool(result.timed_out),
                   duration_s=float(getattr(result, "duration_s", 0.0)), output=shown.strip()[-2000:], result=result)
