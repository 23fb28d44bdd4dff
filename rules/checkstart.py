"""Start check programs where the code under test cannot reach into them.

Run inside the sandbox (standard library only), installed beside the checks as ``_start.py``:

- ``python3 -E -s -B _start.py [--restore STORE DIGEST] SCRIPT ARGS`` makes this process
  non-dumpable, puts the program under test back as saved when asked (``pristine.py``,
  beside it), then runs ``SCRIPT`` as ``python3 SCRIPT ARGS`` would.
- ``python3 -E -s -B _start.py --batch PLAN`` runs several check programs in turn, each as a
  fresh child forked from this process once the checks' libraries are imported, and stops at
  the first that does not pass (see ``run_batch``).

Why non-dumpable: a check starts the application as its own child, under the same user.
Without a Yama policy (none here) a process may trace any other process of its user, so the
code under test could attach to the check that judges it (``ptrace``) and make it exit 0,
or write into its standard output through ``/proc/<pid>/fd``. A non-dumpable process can be
neither traced nor opened through ``/proc`` without ``CAP_SYS_PTRACE``, which no sandbox
grants. Dumpability is reset by ``execve``, so the application itself stays ordinary.
"""

from __future__ import annotations

import contextlib
import ctypes
import fnmatch
import hashlib
import importlib.util
import io
import json
import os
import runpy
import select
import signal
import sys
import time
import traceback
from typing import Any

__all__ = ["BATCH_FAILED", "BATCH_LINE", "not_dumpable", "run_batch"]

PR_SET_DUMPABLE = 4
PR_SET_CHILD_SUBREAPER = 36
BROKEN = 2
#: ``--batch`` exits with this plus the index of the first step that did not pass
BATCH_FAILED = 10
#: the prefix of the line ``--batch`` prints for each step it ran (shown, never trusted)
BATCH_LINE = "ase-batch-step "
_OUTPUT_TAIL = 1500
_HERE = os.path.dirname(os.path.realpath(__file__))


def _prctl(option: int, value: int) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(option, value, 0, 0, 0) != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, os.strerror(errno))


def not_dumpable() -> None:
    """Make this process non-dumpable (Linux ``prctl``).

    Raises:
        OSError: the kernel refused.
    """
    _prctl(PR_SET_DUMPABLE, 0)


def _pristine() -> Any:
    """``pristine.py`` beside this file, loaded by its path (no module search)."""
    spec = importlib.util.spec_from_file_location("_pristine", os.path.join(_HERE, "_pristine.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _restore(store: str, digest: str) -> None:
    """``pristine.py restore STORE DIGEST``; exits with its status when it fails."""
    status = _pristine().main(["restore", store, digest])
    sys.stdout.flush()
    if status:
        sys.exit(status)


def _run_script(argv: list[str]) -> None:
    """Run ``argv[0]`` as ``python3 ARGV`` would: its arguments, its folder first on the path."""
    sys.argv = list(argv)
    sys.path[0] = os.path.dirname(os.path.realpath(argv[0]))
    runpy.run_path(argv[0], run_name="__main__")


# --- batches ----------------------------------------------------------------------------------

def check_manifest(folder: str) -> str:
    """What the harness's shell guard compares: ``sha256sum`` of every ``*.py*`` and ``*.pth``
    entry under ``folder`` that is not a folder, sorted by path as ``LC_ALL=C sort`` does.
    An entry that cannot be read (a dangling link) makes its line unlike any manifest's."""
    found: list[str] = []
    pending = [folder]
    while pending:
        current = pending.pop()
        with os.scandir(current) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                elif fnmatch.fnmatchcase(entry.name, "*.py*") or fnmatch.fnmatchcase(entry.name, "*.pth"):
                    found.append(entry.path)
    lines = []
    for path in sorted(found, key=os.fsencode):
        try:
            if not os.path.isfile(path):  # a folder behind a link, a pipe that would block
                raise OSError(f"not a file: {path}")
            with open(path, "rb") as handle:
                lines.append(f"{hashlib.sha256(handle.read()).hexdigest()}  {path}")
        except OSError:
            lines.append(f"unreadable  {path}")
    return "\n".join(lines)


def _descendants() -> list[int]:
    """Every live process below this one (orphans come back to it: it is a subreaper)."""
    parents: dict[int, int] = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat", "rb") as handle:
                    fields = handle.read().rsplit(b")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if fields and fields[0] != b"Z":
                parents[int(name)] = int(fields[1])
    below: list[int] = []
    frontier = {os.getpid()}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier}
        below += frontier
    return below


def _reap() -> None:
    with contextlib.suppress(ChildProcessError):
        while os.waitpid(-1, os.WNOHANG)[0] > 0:
            pass


def kill_descendants() -> None:
    """Kill what a step left behind: the application, and anything it detached."""
    for _ in range(50):
        found = _descendants()
        if not found:
            break
        for pid in found:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        time.sleep(0.005)
        _reap()
    _reap()


def _exit_status(code: object) -> int:
    """The exit status ``SystemExit(code)`` gives a Python program."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def _child(argv: list[str], output: int) -> None:
    """In the forked child: run the check with its output in ``output``; never returns."""
    status = 1
    try:
        os.setpgid(0, 0)
        os.dup2(output, 1)
        os.dup2(output, 2)
        try:
            _run_script(argv)
            status = 0
        except SystemExit as exc:
            status = _exit_status(exc.code)
        except BaseException:
            traceback.print_exc()
            status = 1
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
    finally:
        os._exit(status)


def _run_one(argv: list[str], timeout: float) -> tuple[int, bool, str]:
    """One check in a forked child: (exit status, timed out, output tail)."""
    output = os.memfd_create("ase-step")
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        _child(argv, output)
    waiter = os.pidfd_open(pid)
    try:
        timed_out = not select.select([waiter], [], [], timeout)[0]
        if timed_out:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        status = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    finally:
        os.close(waiter)
    kill_descendants()
    os.lseek(output, 0, os.SEEK_SET)
    with open(output, "rb") as handle:
        text = handle.read().decode("utf-8", "replace")
    return (124 if timed_out else (status if status >= 0 else 128 - status)), timed_out, text


def _preload(lib: str) -> None:
    """Import the checks' libraries once, so that each forked check starts with them loaded.
    The path is put back as a fresh interpreter has it; a library that fails to import is
    left to the check that needs it, which reports it."""
    saved = list(sys.path)
    sys.path.insert(0, lib)
    # html5lib too: the XSS checks import it when they first parse a page
    names = [name[:-3] for name in sorted(os.listdir(lib)) if name.endswith(".py") and not name.startswith("_")]
    try:
        for name in [*names, "html5lib"]:
            with contextlib.suppress(Exception, SystemExit), contextlib.redirect_stdout(io.StringIO()):
                __import__(name)
    finally:
        sys.path[:] = saved


def run_batch(plan: dict[str, Any]) -> int:
    """Run ``plan["steps"]`` in order; the exit status says how the batch ended.

    Before each step the check files are verified against the manifest's digest (the code
    under test ran in between) and the program under test is put back as saved; what a step
    left running is killed as it ends. Each step runs in a child forked from here, with its
    own time limit. Returns 0 when every step passed, else ``BATCH_FAILED`` plus the index of the
    first that did not (failed, timed out, crashed, or found its checks or the saved program
    tampered with); later steps do not run. Only that status is trusted by the harness: the
    line printed for each step is for people.
    """
    _prctl(PR_SET_CHILD_SUBREAPER, 1)
    checks = plan["checks"]
    _preload(os.path.join(checks, "_lib"))
    pristine = _pristine() if plan.get("store") else None
    for index, step in enumerate(plan["steps"]):
        started = time.monotonic()
        notes = io.StringIO()
        status, timed_out, text = BROKEN, False, ""
        if hashlib.sha256(check_manifest(f"./{checks}").encode()).hexdigest() != plan["manifest"]:
            text = "BROKEN: the check files were changed while the code under test ran"
        else:
            with contextlib.redirect_stdout(notes):
                tampered = pristine.main(["restore", plan["store"], plan["digest"]]) if pristine else 0
            if tampered:
                text = notes.getvalue()
            else:
                status, timed_out, text = _run_one(step["argv"], float(step["timeout"]))
                text = notes.getvalue() + text
        report = {"index": index, "exit": status, "timed_out": timed_out,
                  "duration_s": round(time.monotonic() - started, 3), "output": text[-_OUTPUT_TAIL:]}
        print(BATCH_LINE + json.dumps(report), flush=True)
        if status != 0 or timed_out:
            return BATCH_FAILED + index
    return 0


def main(argv: list[str]) -> None:
    restore = None
    if argv[:1] == ["--restore"] and len(argv) >= 3:
        restore, argv = (argv[1], argv[2]), argv[3:]
    if not argv:
        print("usage: checkstart.py [--restore STORE DIGEST] SCRIPT [ARGS...] | --batch PLAN", file=sys.stderr)
        sys.exit(BROKEN)
    try:
        not_dumpable()
    except (OSError, AttributeError) as exc:  # AttributeError: no prctl in this libc
        print(f"BROKEN: the check cannot shield itself from the code under test (prctl): {exc}", flush=True)
        sys.exit(BROKEN)
    if argv[0] == "--batch" and len(argv) == 2:
        sys.exit(run_batch(json.loads(argv[1])))
    if restore is not None:
        _restore(*restore)
    _run_script(argv)


if __name__ == "__main__":
    main(sys.argv[1:])
