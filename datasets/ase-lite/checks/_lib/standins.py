"""Stand-ins for command-line tools, each run in a fork of one warm interpreter.

A command-injection check replaces the tool the application runs (ffmpeg, dig, pandoc...) by
a Python stand-in, and the application runs it once per payload: hundreds of times a step.
Started as a fresh interpreter, a stand-in costs 20-30 ms of CPU, most of such a check.

``install(path, source)`` writes the stand-in as a script whose ``#!`` line is the runtime's
client (``sandboxes/runtime/standin``, built by ``scripts/runtime/go.sh``). The client hands
the tool's arguments, environment, standard streams and working directory (the descriptors
themselves) to a server forked from the check, which forks again to run the stand-in's
compiled code as ``__main__`` and sends back its exit status, which the client exits with.
The stand-in sees what it would see as a program of its own; it just starts warm.

The server runs only the sources the check gave it, held in its memory, whatever the script
files say by then: the code under test may rewrite them, and what it writes runs as a program
of its own, as it always could, never inside the server (a fork of the check). Where the
client is not built, or the server is gone, the script runs as an ordinary Python program:
same result, slower.
"""

from __future__ import annotations

import ast
import atexit
import builtins
import contextlib
import importlib
import io
import json
import os
import selectors
import shutil
import signal
import socket
import stat
import struct
import sys
import tempfile
import traceback
from pathlib import Path
from types import CodeType

__all__ = ["install"]

_HEADER = "# ase-standin "
#: the largest request a client may send (arguments and environment)
_MAX_REQUEST = 8 << 20
#: how long a client may take to send its request once connected
_REQUEST_TIMEOUT = 10.0
#: what the stand-in's exit status is when the server cannot run it
_NOT_RUN = 127


def _client() -> Path | None:
    """The runtime's client, when built and when the kernel has what the server needs."""
    root = os.environ.get("ASE_RUNTIME") or str(Path(sys.prefix).resolve().parent / "sandboxes" / "runtime")
    client = Path(root) / "standin" / "ase-standin"
    return client if os.access(client, os.X_OK) and _pidfds() else None


def _pidfds() -> bool:
    """Whether process descriptors work here (Linux 5.3 and later): the server waits on them."""
    try:
        os.close(os.pidfd_open(os.getpid()))
    except (AttributeError, OSError):
        return False
    return True


def install(path: Path, source: str) -> Path:
    """Make ``path`` an executable stand-in running the Python ``source``; ``path``."""
    client = _client()
    if client is None:
        text = f"#!{sys.executable} -IS\n{source}"
    else:
        header = {"socket": str(_server().socket), "tool": _server().register(path.name, source),
                  "python": sys.executable}
        text = f"#!{client}\n{_HEADER}{json.dumps(header)}\n{source}"
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


_running: _Handle | None = None


def _server() -> _Handle:
    global _running
    if _running is None:
        _running = _Handle()
    return _running


def _send(sock: socket.socket, payload: bytes) -> None:
    sock.sendall(struct.pack(">I", len(payload)) + payload)


def _receive(sock: socket.socket, first: bytes = b"") -> bytes:
    """One length-prefixed message (``first``: what was read of it already)."""
    data = first
    while len(data) < 4:
        chunk = sock.recv(4 - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    (size,) = struct.unpack(">I", data[:4])
    if size > _MAX_REQUEST:
        raise ValueError(f"a request of {size} bytes")
    body = bytearray(data[4:])
    while len(body) < size:
        chunk = sock.recv(min(size - len(body), 1 << 16))
        if not chunk:
            raise EOFError
        body += chunk
    return bytes(body)


class _Handle:
    """The check's side: the server process, and the channel that gives it sources."""

    def __init__(self) -> None:
        folder = Path(tempfile.mkdtemp(prefix="ase-standins-"))
        atexit.register(shutil.rmtree, folder, True)
        self.socket = folder / "server"
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(str(self.socket))
        listener.listen(64)
        self._control, server_end = socket.socketpair()
        self._count = 0
        self.pid = os.fork()
        if self.pid == 0:  # the server: it ends when the check closes the channel (or exits)
            status = 0
            try:
                self._control.close()
                _Server(listener, server_end).serve()
            except BaseException:  # noqa: BLE001 - a server that dies leaves the clients to fall back
                status = 1
            finally:
                os._exit(status)
        listener.close()
        server_end.close()

    def register(self, name: str, source: str) -> str:
        """Give the server a stand-in's source; the tool name its scripts use."""
        self._count += 1
        tool = f"{name}-{self._count}"
        _send(self._control, json.dumps({"tool": tool, "source": source}).encode())
        if self._control.recv(1) != b"+":
            raise RuntimeError(f"the stand-in server refused {name}")
        return tool


class _Server:
    """Runs stand-ins for clients, one fork each, and returns their exit status."""

    def __init__(self, listener: socket.socket, control: socket.socket) -> None:
        self.listener = listener
        self.control = control
        self.codes: dict[str, CodeType] = {}
        self.tools: dict[int, tuple[int, socket.socket]] = {}  # pidfd -> pid, client connection
        self.clients: dict[int, tuple[int, int]] = {}  # connection fd -> pid, pidfd

    def serve(self) -> None:
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):  # the check's streams are its verdict: nothing of ours goes there
            os.dup2(null, fd)
        _close_from(3, keep={self.listener.fileno(), self.control.fileno()})
        self.selector = selectors.DefaultSelector()
        self.selector.register(self.listener, selectors.EVENT_READ, self._accept)
        self.selector.register(self.control, selectors.EVENT_READ, self._register)
        while True:
            for key, _ in self.selector.select():
                if not key.data(key.fileobj):
                    self._stop()
                    return

    def _register(self, control: socket.socket) -> bool:
        try:
            message = json.loads(_receive(control))
        except EOFError:
            return False  # the check has ended
        source = str(message["source"])
        self.codes[str(message["tool"])] = compile(source, str(message["tool"]), "exec", dont_inherit=True)
        for module in _imports(source):  # warm: imported here, once, not in every fork
            with contextlib.suppress(Exception):
                importlib.import_module(module)
        control.sendall(b"+")
        return True

    def _accept(self, listener: socket.socket) -> bool:
        conn, _ = listener.accept()
        fds: list[int] = []
        try:
            conn.settimeout(_REQUEST_TIMEOUT)
            first, fds, _, _ = socket.recv_fds(conn, 1 << 16, 4)
            request = json.loads(_receive(conn, first))
            code = self.codes.get(str(request["tool"]))
            if len(fds) != 4 or code is None:
                raise ValueError("a request without its streams, or for a tool never installed")
            argv = [str(arg) for arg in request["argv"]]
            env = dict(str(item).partition("=")[::2] for item in request["env"])
        except (OSError, EOFError, ValueError, KeyError, TypeError):
            for fd in fds:
                os.close(fd)
            with contextlib.suppress(OSError):
                conn.sendall(struct.pack(">i", _NOT_RUN))
            conn.close()
            return True
        pid = os.fork()
        if pid == 0:
            _run(code, argv, env, fds)
        for fd in fds:
            os.close(fd)
        pidfd = os.pidfd_open(pid)
        conn.settimeout(None)
        self.tools[pidfd] = (pid, conn)
        self.clients[conn.fileno()] = (pid, pidfd)
        self.selector.register(pidfd, selectors.EVENT_READ, self._ended)
        self.selector.register(conn, selectors.EVENT_READ, self._hung_up)
        return True

    def _ended(self, pidfd: int) -> bool:
        pid, conn = self.tools.pop(pidfd)
        self.clients.pop(conn.fileno(), None)
        self.selector.unregister(pidfd)
        self.selector.unregister(conn)
        os.close(pidfd)
        _, status = os.waitpid(pid, 0)
        with contextlib.suppress(OSError):
            conn.sendall(struct.pack(">i", os.waitstatus_to_exitcode(status)))
        conn.close()
        return True

    def _hung_up(self, conn: socket.socket) -> bool:
        """The client wrote more or went away (the application killed it): so does the tool."""
        pid, _ = self.clients[conn.fileno()]
        with contextlib.suppress(OSError):
            if conn.recv(1 << 16):
                return True  # not ours to read: dropped
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        return True

    def _stop(self) -> None:
        for pid, _ in self.tools.values():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def _close_from(lowest: int, keep: frozenset[int] | set[int] = frozenset()) -> None:
    """Close every descriptor from ``lowest`` up but those in ``keep`` (the open ones only:
    the limit on descriptors may be a million)."""
    for name in os.listdir("/proc/self/fd"):
        fd = int(name)
        if fd >= lowest and fd not in keep:
            with contextlib.suppress(OSError):
                os.close(fd)


def _imports(source: str) -> list[str]:
    """The modules the stand-in imports at its top level."""
    found: list[str] = []
    for node in ast.parse(source).body:
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append(node.module)
    return found


def _run(code: CodeType, argv: list[str], env: dict[str, str], fds: list[int]) -> None:
    """In the fork: become the tool's process, run the stand-in, exit with its status."""
    status = _NOT_RUN
    try:
        for target, fd in enumerate(fds[:3]):
            os.dup2(fd, target)
        os.fchdir(fds[3])
        _close_from(3)
        for number in (signal.SIGTERM, signal.SIGHUP, signal.SIGCHLD, signal.SIGALRM, signal.SIGUSR1, signal.SIGUSR2):
            signal.signal(number, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGPIPE, signal.SIG_IGN)
        os.environ.clear()
        os.environ.update(env)
        sys.argv = argv
        sys.stdin = io.TextIOWrapper(io.BufferedReader(io.FileIO(0, "r", closefd=False)),
                                     encoding="utf-8", errors="surrogateescape")
        sys.stdout = io.TextIOWrapper(io.BufferedWriter(io.FileIO(1, "w", closefd=False)),
                                      encoding="utf-8", errors="surrogateescape")
        sys.stderr = io.TextIOWrapper(io.BufferedWriter(io.FileIO(2, "w", closefd=False)),
                                      encoding="utf-8", errors="backslashreplace", line_buffering=True)
        try:
            exec(code, {"__name__": "__main__", "__file__": argv[0], "__builtins__": builtins})  # noqa: S102
            status = 0
        except SystemExit as exit_:
            status = _exit_status(exit_.code)
        except BaseException:  # noqa: BLE001 - as the interpreter would: the traceback, status 1
            traceback.print_exc()
            status = 1
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
    finally:
        os._exit(status)


def _exit_status(code: object) -> int:
    """What ``sys.exit(code)`` makes the process's status, as the interpreter decides it."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    with contextlib.suppress(Exception):
        print(code, file=sys.stderr)
    return 1
