"""The conformance kit of the sandbox seam: every backend passes the same checks.

``await check_sandbox_backend(backend, workdir)`` runs them all against a fresh, empty
host folder; each check is also importable on its own so a test suite can parametrize.
"""

from __future__ import annotations

import os
import socket
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

import anyio

from ase_async._errors import SandboxClosed, SandboxError
from ase_async.sandboxes.base import Sandbox, SandboxBackend

__all__ = ["CHECKS", "check_sandbox_backend"]

PYTHON = "python3"


async def check_exec_and_exit_codes(session: Sandbox, workdir: Path, backend: SandboxBackend) -> None:
    result = await session.exec(["sh", "-c", "echo out; echo err >&2; exit 3"], timeout=30)
    assert result.returncode == 3, result
    assert result.stdout == b"out\n" and result.stderr == b"err\n", result
    echoed = await session.exec(["cat"], input=b"hello", timeout=30)
    assert echoed.ok and echoed.stdout == b"hello", echoed
    where = await session.exec(["pwd"], timeout=30)
    assert where.ok and where.stdout.strip().endswith(workdir.name.encode()), where


async def check_file_round_trip(session: Sandbox, workdir: Path, backend: SandboxBackend) -> None:
    data = bytes(range(256)) * 10
    await session.write_file("sub/dir/file.bin", data)
    assert await session.read_file("sub/dir/file.bin") == data
    listed = await session.exec(["cat", "sub/dir/file.bin"], timeout=30)
    assert listed.stdout == data
    await session.exec(["sh", "-c", "printf made-inside > inside.txt"], timeout=30)
    await session.sync_out(["inside.txt"])
    assert await session.read_file("inside.txt") == b"made-inside"
    assert (workdir / "inside.txt").read_bytes() == b"made-inside"


async def check_paths_are_confined(session: Sandbox, workdir: Path, backend: SandboxBackend) -> None:
    # Made from inside the session, where the backend looks: a backend holding a copy of
    # the working copy (docker) would not see a link made on the host after opening.
    made = await session.exec(["ln", "-s", "/etc", "etc-link"], timeout=30)
    assert made.ok, made
    for bad in ("../escape.txt", "/etc/passwd", "etc-link/passwd", ".git/config", "a/../../x"):
        for operation in ("read", "write"):
            try:
                if operation == "read":
                    await session.read_file(bad)
                else:
                    await session.write_file(bad, b"x")
            except SandboxError:
                continue
            raise AssertionError(f"{operation} of {bad!r} was allowed")
    assert not (workdir.parent / "escape.txt").exists()


async def check_timeout_kills(session: Sandbox, workdir: Path, backend: SandboxBackend) -> None:
    started = time.monotonic()
    result = await session.exec(["sh", "-c", "sleep 60; echo late"], timeout=1)
    assert result.timed_out and not result.ok, result
    assert b"late" not in result.stdout
    assert time.monotonic() - started < 15


async def check_output_cap(session: Sandbox, workdir: Path, backend: SandboxBackend) -> None:
    result = await session.exec([PYTHON, "-c", "import sys; sys.stdout.write('x' * 1_000_000)"], timeout=30, output_limit=1000)
    assert result.ok and result.truncated and len(result.stdout) == 1000, (result.returncode, len(result.stdout))


async def check_memory_limit(session: Sandbox, workdir: Path, backend: SandboxBackend) -> None:
    limit = getattr(getattr(backend, "limits", None), "memory_mb", None)
    if not limit:
        return
    grab = f"x = bytearray({(limit + 512) * 1024 * 1024}); print('survived')"
    result = await session.exec([PYTHON, "-c", grab], timeout=60)
    assert not result.ok and b"survived" not in result.stdout, result


async def check_network_unreachable(session: Sandbox, workdir: Path, backend: SandboxBackend) -> None:
    if backend.describe().get("isolation") == "none":
        return  # nothing to check: the backend says it does not isolate
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]
    try:
        probe = f"import socket; socket.create_connection(('127.0.0.1', {port}), timeout=3); print('connected')"
        result = await session.exec([PYTHON, "-c", probe], timeout=30)
        assert b"connected" not in result.stdout, result
        outside = await session.exec([PYTHON, "-c", "import socket; socket.create_connection(('1.1.1.1', 53), timeout=3); print('connected')"], timeout=30)
        assert b"connected" not in outside.stdout, outside
    finally:
        server.close()


async def check_no_writes_outside(session: Sandbox, workdir: Path, backend: SandboxBackend) -> None:
    if backend.describe().get("isolation") == "none":
        return
    # Beside the working copy and in the harness's own folder: a write must not reach the
    # host (it may fail, or land in a private scratch file system that vanishes).
    for folder in (workdir.parent, Path.cwd()):
        target = folder / f"outside-{uuid.uuid4().hex}.txt"
        result = await session.exec(["sh", "-c", f"echo x > {target}"], timeout=30)
        assert not target.exists(), (target, result)


async def check_escapes_fail(session: Sandbox, workdir: Path, backend: SandboxBackend) -> None:
    """What hostile code tries first: privileges, mounts, host sockets, tracing, the checkout."""
    if backend.describe().get("isolation") == "none":
        return
    checkout = Path.cwd()
    # Outside /tmp (which every backend replaces): in the home folder, or the current one.
    home = Path.home()
    canary = Path(tempfile.mkdtemp(prefix="ase-canary-", dir=home if os.access(home, os.W_OK) else Path.cwd()))
    (canary / "secret.txt").write_text("host-secret")
    host_socket = socket.socket(socket.AF_UNIX)
    socket_path = canary / "engine.sock"
    host_socket.bind(str(socket_path))
    host_socket.listen(1)
    attempts = {
        # Each prints ESCAPED only when the escape worked.
        "remount": "mount -o remount,rw / 2>/dev/null && touch /usr/ase-escape && echo ESCAPED",
        "umount": "umount /tmp 2>/dev/null && echo ESCAPED",
        "mount": "mkdir -p m && mount -t tmpfs none m 2>/dev/null && echo ESCAPED",
        "capabilities": "grep -q '^CapEff:[[:space:]]*0*$' /proc/self/status || echo ESCAPED",
        "host_file": f"cat {canary / 'secret.txt'} 2>/dev/null | grep -q host-secret && echo ESCAPED",
        "checkout": f"ls -a {checkout} 2>/dev/null | grep -q -e '^pyproject.toml$' -e '^.git$' && echo ESCAPED",
        "shadow": "grep -q ':' /etc/shadow 2>/dev/null && echo ESCAPED",
    }
    probes = {
        "host_socket": f"import socket; s = socket.socket(socket.AF_UNIX); s.connect({str(socket_path)!r}); print('ESCAPED')",
        "docker_socket": "import socket; s = socket.socket(socket.AF_UNIX); s.connect('/var/run/docker.sock'); print('ESCAPED')",
    }
    # PID 1 matters where it outlives a command (a warm container's init): tracing it would
    # let one sample's code act inside later samples' commands. Where every command gets a
    # fresh PID namespace, PID 1 dies with the command and is no way out. PID 1 outlives
    # commands when it was already running before an earlier command's process started (start
    # times are clock ticks: two fresh inits 10 ms apart can share one, so equal proves nothing).
    earlier = await session.exec(["sh", "-c", "cut -d' ' -f22 /proc/self/stat"], timeout=30)
    init = await session.exec(["sh", "-c", "cut -d' ' -f22 /proc/1/stat"], timeout=30)
    if int(init.stdout) < int(earlier.stdout):
        probes["ptrace_init"] = (
            "import ctypes; libc = ctypes.CDLL(None, use_errno=True); attached = libc.ptrace(16, 1, None, None) == 0; "
            "attached and libc.ptrace(17, 1, None, None); print('ESCAPED' if attached else 'held')"
        )
    try:
        for name, script in attempts.items():
            result = await session.exec(["sh", "-c", script], timeout=30)
            assert b"ESCAPED" not in result.stdout, (name, result)
        for name, script in probes.items():
            result = await session.exec([PYTHON, "-c", script], timeout=30)
            assert b"ESCAPED" not in result.stdout, (name, result)
        assert not Path("/usr/ase-escape").exists()
    finally:
        host_socket.close()
        for child in canary.iterdir():
            child.unlink()
        canary.rmdir()


async def check_interpreter_visible(session: Sandbox, workdir: Path, backend: SandboxBackend) -> None:
    """The harness's interpreter and tools run wherever they are installed, even under /tmp."""
    interpreter = await session.exec([PYTHON, "-c", "import sys; print(sys.prefix)"], timeout=30)
    assert interpreter.ok, interpreter
    if backend.name == "local":  # the host's own interpreter; an image has its own
        assert interpreter.stdout.decode().strip() == sys.prefix, (interpreter.stdout, sys.prefix)


async def check_cleanup_after_cancellation(session: Sandbox, workdir: Path, backend: SandboxBackend) -> None:
    marker = f"ase-conformance-{uuid.uuid4().hex}"
    with anyio.move_on_after(1.5):
        await session.exec(["sh", "-c", f"exec -a {marker} sleep 120"], timeout=300)
    await anyio.sleep(0.5)
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            except OSError:
                continue
            assert marker.encode() not in cmdline, f"process {pid} outlived its cancelled exec"


CHECKS: dict[str, Callable[[Sandbox, Path, SandboxBackend], Awaitable[None]]] = {
    "exec_and_exit_codes": check_exec_and_exit_codes,
    "file_round_trip": check_file_round_trip,
    "paths_are_confined": check_paths_are_confined,
    "timeout_kills": check_timeout_kills,
    "output_cap": check_output_cap,
    "memory_limit": check_memory_limit,
    "network_unreachable": check_network_unreachable,
    "no_writes_outside": check_no_writes_outside,
    "escapes_fail": check_escapes_fail,
    "interpreter_visible": check_interpreter_visible,
    "cleanup_after_cancellation": check_cleanup_after_cancellation,
}


async def run_check(name: str, backend: SandboxBackend, workdir: Path) -> None:
    """Run one named check in a fresh session on ``workdir``."""
    workdir.mkdir(parents=True, exist_ok=True)
    session = await backend.open(workdir)
    try:
        await CHECKS[name](session, workdir, backend)
    finally:
        await session.aclose()
    try:
        await session.exec(["true"], timeout=5)
    except SandboxClosed:
        pass
    else:
        raise AssertionError("a closed session still ran a command")


async def check_sandbox_backend(backend: SandboxBackend, root: Path) -> None:
    """Run every check, each in its own folder under ``root``."""
    for name in CHECKS:
        await run_check(name, backend, root / name)


if sys.platform != "linux":  # pragma: no cover - the kit reads /proc
    CHECKS.pop("cleanup_after_cancellation")
