"""Start a check program where the code under test cannot reach into it.

Run inside the sandbox (standard library only) as ``python3 -E -s -B _start.py SCRIPT ARGS``:
it makes this process non-dumpable, then runs ``SCRIPT`` as ``python3 SCRIPT ARGS`` would.

Why: a check starts the application as its own child, under the same user. Without a Yama
policy (none here) a process may trace any other process of its user, so the code under
test could attach to the check that judges it (``ptrace``) and make it exit 0, or write
into its standard output through ``/proc/<pid>/fd``. A non-dumpable process can be neither
traced nor opened through ``/proc`` without ``CAP_SYS_PTRACE``, which no sandbox grants.
Dumpability is reset by ``execve``, so the application itself stays ordinary.
"""

from __future__ import annotations

import ctypes
import os
import runpy
import sys

__all__ = ["not_dumpable"]

PR_SET_DUMPABLE = 4
BROKEN = 2


def not_dumpable() -> None:
    """Make this process non-dumpable (Linux ``prctl``).

    Raises:
        OSError: the kernel refused.
    """
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, os.strerror(errno))


def main(argv: list[str]) -> None:
    if not argv:
        print("usage: checkstart.py SCRIPT [ARGS...]", file=sys.stderr)
        sys.exit(BROKEN)
    try:
        not_dumpable()
    except (OSError, AttributeError) as exc:  # AttributeError: no prctl in this libc
        print(f"BROKEN: the check cannot shield itself from the code under test (prctl): {exc}", flush=True)
        sys.exit(BROKEN)
    script = argv[0]
    sys.argv = list(argv)
    sys.path[0] = os.path.dirname(os.path.realpath(script))
    runpy.run_path(script, run_name="__main__")


if __name__ == "__main__":
    main(sys.argv[1:])
