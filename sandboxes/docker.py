"""The Docker backend: each session is a warm container from the evaluation image.

A session copies its host working copy (``.git`` included) into a container, at the SAME
absolute path as on the host, so every path the runner and the analyzer pass (semgrep
targets, its JSON report) means the same thing inside and out. Commands run with
``docker exec``; only the files the runner names in :meth:`DockerSandbox.sync_out` come
back out. Nothing of the host is visible inside but what was copied in.

Containers are isolated by default: no network, a read-only root file system, a private
``/tmp`` (tmpfs), memory (swap included), CPU and pids limits, user 1000, every capability
dropped and ``no-new-privileges``. The working copy's parent folder is an anonymous volume
backed by tmpfs and owned by user 1000: ``put_archive`` refuses a read-only root file
system and a plain tmpfs mount alike ("container rootfs is marked read-only": the engine
would write beneath the tmpfs, into the read-only layer), but accepts a volume; this one
lives in memory, is private to its container and is removed with it.

Idle started containers are kept in a pool per (engine, mount folder). A closed session
returns its container to the pool, or removes it when the pool is full or a command had to
be killed from outside. The next session to take it kills every process of the sandbox
user, wipes the volume and ``/tmp``, checks that they are empty and unpacks its working
copy, all in one exec (a new container gets its copy with ``put_archive``). Every container carries the labels ``ase_async=1``, ``ase_async.run``,
``ase_async.pid``, ``ase_async.pidns``, ``ase_async.started`` and ``ase_async.host``; a
new backend removes those whose harness process (same host and PID namespace, same start
time) is gone.
process on this host is gone.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import hashlib
import io
import itertools
import os
import re
import socket
import stat
import tarfile
import time
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

import aiodocker
import aiohttp
import anyio
import msgspec
import structlog

from ase_async._errors import ConfigError, SandboxError
from ase_async.paths import PathEscape, confine

from ._labels import owner_labels, pid_namespace, process_started
from .base import DEFAULT_OUTPUT_LIMIT, ExecResult, Limits, Sandbox, SandboxBackend, SessionState

__all__ = ["DockerBackend", "DockerSandbox"]

log = structlog.get_logger()

DEFAULT_IMAGE = "ase-async-eval:latest"
USER = "1000:1000"
_ENV = {
    "LANG": "C.UTF-8",
    "LC_ALL": "C.UTF-8",
    "HOME": "/tmp",
    "SEMGREP_ENABLE_VERSION_CHECK": "0",
    "SEMGREP_SEND_METRICS": "off",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": "/dev/null",  # a planted ~/.gitconfig (filters, fsmonitor) is never read
    "GIT_TERMINAL_PROMPT": "0",
}
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:")
# Image folders a working copy's parent must not be mounted over.
_SYSTEM = tuple(PurePosixPath(p) for p in ("/bin", "/sbin", "/lib", "/lib64", "/usr", "/etc", "/opt",
                                           "/proc", "/sys", "/dev", "/var", "/run", "/root"))
# `setsid -w` puts the command in a session (and process group) of its own and waits for
# it; the group id lands in a pid file so the harness can kill the whole tree later.
_WRAPPER = 'echo $$ > "$0"; exec "$@"'
# Walks a relative path inside the working copy: no link anywhere, no non-folder on the way.
_WALK = r"""
cd "$1" || exit 90; mode=$2; shift 2; p=.; n=$#; i=0
for part do
  i=$((i+1)); p="$p/$part"
  if [ -L "$p" ]; then echo "goes through the symbolic link ${p#./}" >&2; exit 91; fi
  if [ $i -lt $n ] && [ -e "$p" ] && [ ! -d "$p" ]; then echo "goes through a non-directory" >&2; exit 91; fi
done
if [ "$mode" = read ]; then
  [ -f "$p" ] || { echo "does not exist or is not a regular file" >&2; exit 92; }
  exec cat -- "$p"
fi
if [ -e "$p" ] && [ ! -f "$p" ]; then echo "is not a regular file" >&2; exit 91; fi
mkdir -p -- "$(dirname -- "$p")" && exec cat > "$p"
"""
# Opening a session on a warm container, in one exec: kill every process of the sandbox
# user left by the previous session (PID 1 and this shell are spared by kill -1), make every
# folder it left readable and writable again (a folder of mode 0100 would keep its content),
# empty the mount folder, /tmp and /dev/shm, check that nothing at all is left (but the
# folders on the way to the mount folder when it lies under /tmp; -xdev keeps find on each
# file system), then unpack the new working copy from stdin. Containers are pooled per
# owner (the mount folder is the owner's), so this wipe is a second line, not the only one.
_ENTER = r"""
kill -9 -1 2>/dev/null
for area in "$1" /tmp /dev/shm; do
  chmod -R u+rwx "$area" 2>/dev/null
  find "$area" -xdev -mindepth 1 -delete 2>/dev/null
done
left=$(find "$1" /dev/shm -xdev -mindepth 1 -print -quit 2>&1;
       find /tmp -xdev -mindepth 1 ! -path "/tmp" -print 2>&1 | while read -r p; do
         case "$1/" in "$p"/*) ;; *) echo "$p"; break ;; esac; done)
if [ -n "$left" ]; then echo "could not wipe the previous session: $left" >&2; exit 70; fi
exec tar -xpf - -C "$1"
"""


def inner_mount(mount: Path) -> Path:
    """Where a host folder of working copies is mounted in a container.

    Its own path, so that absolute paths mean the same inside and out; but never over the
    image's own folders: a run folder under /root, /var or /opt goes to /ase-work/<digest>,
    and the session translates paths in arguments and output.
    """
    posix = PurePosixPath(mount)
    if mount != Path("/") and not any(posix == s or s in posix.parents or posix in s.parents for s in _SYSTEM):
        return mount
    digest = hashlib.sha256(str(mount).encode()).hexdigest()[:16]
    return Path("/ase-work") / digest


def _parts(path: str) -> list[str]:
    """The components of a session path, with the lexical rules of :func:`ase_async.paths.confine`.

    Raises:
        SandboxError: empty, padded, absolute, climbing, under ``.git`` or with odd characters.
    """
    if not path or path.strip() != path:
        raise SandboxError(f"empty or padded path {path!r}")
    if any(ord(c) < 32 for c in path) or "\\" in path:
        raise SandboxError(f"path {path!r} holds control characters or backslashes")
    if path.startswith(("/", "~")) or _WINDOWS_DRIVE.match(path):
        raise SandboxError(f"absolute path {path!r}")
    parts = [p for p in PurePosixPath(path).parts if p != "."]
    if ".." in parts:
        raise SandboxError(f"path {path!r} climbs out of its folder")
    if any(p.lower() == ".git" for p in parts):
        raise SandboxError(f"path {path!r} is inside .git")
    return parts


def _pack(workdir: Path, *, writable: bool, only: Sequence[Path] | None = None) -> bytes:
    """A tar of ``workdir`` as ``<name>/...`` (links kept as links), owned by the sandbox user.

    Read-only sessions get no write bits and no ``.git`` folders: they serve the analyzer,
    which reads source files only, on a work root whose bytes are 80% git objects. The
    folder may change while it is packed (the runner removes finished working copies from
    the work root the analyzer reads): whatever vanishes is left out, and each file is read
    whole before its header is written, so a file that shrinks cannot break the archive.
    """
    uid, gid = (int(x) for x in USER.split(":"))
    strip = 0o222 if not writable else 0

    def entry(path: str, name: str, info: os.stat_result) -> tarfile.TarInfo:
        member = tarfile.TarInfo(name)
        member.uid, member.gid, member.uname, member.gname = uid, gid, "ase", "ase"
        member.mode = stat.S_IMODE(info.st_mode) & ~strip
        member.mtime = int(info.st_mtime)
        return member

    wanted = None if only is None else [PurePosixPath(os.path.relpath(p, workdir)) for p in only]

    def keep(relative: str) -> bool:
        """Whether a folder is inside one of ``only``, or on the way to one."""
        if wanted is None:
            return True
        here = PurePosixPath(relative)
        return any(here == w or w in here.parents or here in w.parents for w in wanted)

    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for directory, dirnames, filenames in os.walk(workdir):  # vanished folders: skipped
            if not writable:
                dirnames[:] = [d for d in dirnames if d != ".git"]
            relative_here = os.path.relpath(directory, workdir)
            dirnames[:] = [d for d in dirnames if keep(os.path.normpath(os.path.join(relative_here, d)))]
            if wanted is not None and not any(
                PurePosixPath(relative_here) == w or w in PurePosixPath(relative_here).parents for w in wanted
            ):
                filenames = []  # a folder on the way to a wanted one: its own files are not wanted
            dirnames.sort()
            relative = os.path.relpath(directory, workdir)
            base = workdir.name if relative == "." else f"{workdir.name}/{relative}"
            try:
                info = os.lstat(directory)
            except FileNotFoundError:
                dirnames[:] = []
                continue
            folder = entry(directory, base, info)
            folder.type = tarfile.DIRTYPE
            tar.addfile(folder)
            for name in sorted(filenames) + [d for d in dirnames if os.path.islink(os.path.join(directory, d))]:
                path = os.path.join(directory, name)
                try:
                    info = os.lstat(path)
                    if stat.S_ISLNK(info.st_mode):
                        member = entry(path, f"{base}/{name}", info)
                        member.type, member.linkname = tarfile.SYMTYPE, os.readlink(path)
                        tar.addfile(member)
                    elif stat.S_ISREG(info.st_mode):
                        with open(path, "rb") as handle:
                            data = handle.read()
                        member = entry(path, f"{base}/{name}", info)
                        member.size = len(data)
                        tar.addfile(member, io.BytesIO(data))
                except FileNotFoundError:
                    continue  # removed while we packed
    return buffer.getvalue()


def _engine_error(what: str, engine: str, container: str | None, exc: BaseException) -> SandboxError:
    where = f"engine {engine}" + (f", container {container[:12]}" if container else "")
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return SandboxError(f"docker: {what} failed ({where}): {message}")


class _Engine:
    """One Docker engine: its address, client (made in the running loop) and pinned image."""

    def __init__(self, url: str | None) -> None:
        self.url = url
        self.name = url or os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock")
        self.client: aiodocker.Docker | None = None
        self.image_id = ""

    def connect(self) -> aiodocker.Docker:
        if self.client is None:
            self.client = aiodocker.Docker(url=self.url)
        return self.client


class DockerSandbox(Sandbox):
    """A session in one container; the working copy sits at its host path inside."""

    def __init__(self, backend: DockerBackend, engine: _Engine, container: Any, workdir: Path,
                 mount: Path, writable: bool) -> None:
        super().__init__()
        self.backend = backend
        self.engine = engine
        self.container = container
        self.workdir = workdir
        self.mount = mount
        self.writable = writable
        self.healthy = True
        # Where the working copy sits inside: its host path, unless that would lie over the
        # image's own folders (a run folder under /root, /var, /opt...).
        self.inner_mount = inner_mount(mount)
        self.inner_workdir = self.inner_mount / workdir.name

    def _inward(self, text: str) -> str:
        """A host path (or an argument holding one) as the container sees it."""
        if self.inner_mount == self.mount:
            return text
        return text.replace(str(self.mount), str(self.inner_mount))

    def _outward(self, data: bytes) -> bytes:
        """Output naming container paths, as the host sees them (semgrep's JSON report)."""
        if self.inner_mount == self.mount:
            return data
        return data.replace(str(self.inner_mount).encode(), str(self.mount).encode())

    @property
    def container_id(self) -> str:
        return str(self.container.id)

    async def _api(self, what: str, call: Any) -> Any:
        """One engine call under the backend's limit, its errors translated."""
        async with self.backend.engine_calls:
            try:
                return await call
            except (TimeoutError, aiodocker.DockerError, aiohttp.ClientError, OSError) as exc:
                self.healthy = False
                raise _engine_error(what, self.engine.name, self.container_id, exc) from exc

    async def _run(
        self, argv: list[str], *, cwd: str, input: bytes | None, timeout: float,
        env: Mapping[str, str] | None, output_limit: int, wrap: bool = True,
    ) -> tuple[int, bytes, bytes, bool, bool]:
        """Run ``argv`` through ``docker exec``: (exit code, stdout, stderr, truncated, timed out).

        The command runs in a session of its own; past ``timeout`` (or on cancellation) its
        whole process group is killed inside the container.
        """
        pidfile = f"/tmp/.ase-exec-{uuid.uuid4().hex}"
        command = ["setsid", "-w", "sh", "-c", _WRAPPER, pidfile, *argv] if wrap else argv
        execution = await self._api("exec create", self.container.exec(
            command, stdout=True, stderr=True, stdin=input is not None, tty=False, user=USER,
            environment={**_ENV, **(env or {})}, workdir=cwd,
        ))
        out: list[bytes] = []
        err: list[bytes] = []
        kept = [0, 0]
        truncated = False
        finished = False
        stream = execution.start(detach=False)
        try:
            with anyio.move_on_after(timeout) as scope:
                async with self.backend.engine_calls:
                    try:
                        await stream._init()  # attach now, under the call limit (private: no public way)
                    except (aiodocker.DockerError, aiohttp.ClientError, OSError) as exc:
                        raise _engine_error("exec start", self.engine.name, self.container_id, exc) from exc
                try:
                    async with anyio.create_task_group() as group:
                        if input is not None:
                            # Fed beside the reading: a command that answers as it reads
                            # (cat) would otherwise block on a full pipe, and so would we.
                            group.start_soon(_feed, stream, input)
                        while (message := await stream.read_out()) is not None:
                            index = 0 if message.stream == 1 else 1
                            sink = out if index == 0 else err
                            room = output_limit - kept[index]
                            if room > 0:
                                sink.append(message.data[:room])
                                kept[index] += min(room, len(message.data))
                            if len(message.data) > max(room, 0):
                                truncated = True
                except ExceptionGroup as group_error:
                    broken = [e for e in group_error.exceptions if isinstance(e, (aiohttp.ClientError, OSError))]
                    if not broken:
                        raise
                    self.healthy = False
                    raise _engine_error("reading a command's output", self.engine.name, self.container_id, broken[0]) from group_error
                finished = True
        finally:
            with anyio.CancelScope(shield=True):
                await stream.close()
                if not finished and wrap:
                    await self._kill_group(pidfile)
        if not finished:
            return -9, b"".join(out), b"".join(err), truncated, scope.cancelled_caught
        code = None
        for _ in range(50):  # the stream ends a moment before the engine records the exit
            details = await self._api("exec inspect", execution.inspect())
            code = details.get("ExitCode")
            if not details.get("Running") and code is not None:
                break
            await anyio.sleep(0.02)
        return (code if code is not None else -1), b"".join(out), b"".join(err), truncated, False

    async def _kill_group(self, pidfile: str) -> None:
        """Kill the process group of a command left running (a timeout, a cancellation)."""
        self.healthy = False  # a container that needed this is removed, not reused
        script = f'pg=$(cat {pidfile} 2>/dev/null) && kill -9 -- -"$pg"'
        try:
            execution = await self.container.exec(["sh", "-c", script], user=USER, stdout=False, stderr=False)
            await execution.start(detach=True)
        except Exception as exc:  # the container is then removed instead of reused
            log.warning("docker: could not kill a command's process group", container=self.container_id[:12], error=str(exc))

    def _path(self, path: str) -> str:
        if not path or path == ".":
            return str(self.inner_workdir)
        parts = _parts(path)
        return str(self.inner_workdir.joinpath(*parts))

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
        if not argv:
            raise SandboxError("an empty command")
        directory = self._path(cwd)
        program = argv[0]
        if program.startswith("/") and not program.startswith(str(self.workdir) + "/"):
            # A host executable (semgrep beside the harness's interpreter) means nothing in
            # the image; the image's PATH holds the same tools under the same names.
            program = PurePosixPath(program).name
        limits = self.backend.limits
        inner = ["timeout", "-k", "2", f"{max(timeout, 0.1):.1f}", self._inward(program),
                 *(self._inward(a) for a in argv[1:])]
        env = {k: self._inward(v) for k, v in env.items()} if env else env
        if limits.cpu_seconds:
            inner = ["prlimit", f"--cpu={limits.cpu_seconds}", "--", *inner]
        started = time.monotonic()
        code, out, err, truncated, timed_out = await self._run(
            inner, cwd=directory, input=input, timeout=timeout + 5, env=env, output_limit=output_limit,
        )
        duration = round(time.monotonic() - started, 4)
        out, err = self._outward(out), self._outward(err)
        result = ExecResult(returncode=code, stdout=out, stderr=err, timed_out=timed_out,
                            truncated=truncated, duration_s=duration)
        if code in (124, 137) and duration >= timeout * 0.95:
            # The inner `timeout` fired first (it exits 124, or 137 after its -k kill).
            result = msgspec.structs.replace(result, timed_out=True)
        return result

    async def read_file(self, path: str) -> bytes:
        self._ensure_open()
        parts = _parts(path)
        if not parts:
            raise SandboxError(f"path {path!r} names the root folder")
        code, out, err, _, _ = await self._run(
            ["sh", "-c", _WALK, "walk", str(self.inner_workdir), "read", *parts], cwd="/tmp", input=None,
            timeout=120, env=None, output_limit=1 << 30,
        )
        if code != 0:
            raise SandboxError(f"cannot read {path!r}: {err.decode('utf-8', 'replace').strip() or f'exit {code}'}")
        return out

    async def write_file(self, path: str, data: bytes) -> None:
        self._ensure_open()
        if not self.writable:
            raise SandboxError("this session's working copy is read-only")
        parts = _parts(path)
        if not parts:
            raise SandboxError(f"path {path!r} names the root folder")
        code, _, err, _, _ = await self._run(
            ["sh", "-c", _WALK, "walk", str(self.inner_workdir), "write", *parts], cwd="/tmp", input=data,
            timeout=120, env=None, output_limit=64 * 1024,
        )
        if code != 0:
            raise SandboxError(f"cannot write {path!r}: {err.decode('utf-8', 'replace').strip() or f'exit {code}'}")

    async def sync_out(self, paths: Sequence[str]) -> None:
        """Copy ``paths`` (and nothing else) from the container back to the host working copy.

        A path gone inside is deleted outside; links and anything but regular files are
        refused, and the host side is confined like every other access.
        """
        self._ensure_open()
        if not self.writable:
            raise SandboxError("a read-only session has nothing to sync out")
        for path in dict.fromkeys(paths):
            parts = _parts(path)
            try:
                host = confine(self.workdir, path)
            except PathEscape as exc:
                raise SandboxError(str(exc)) from None
            inside = str(self.inner_workdir.joinpath(*parts))
            async with self.backend.engine_calls:
                try:
                    archive = await self.container.get_archive(inside)
                except aiodocker.DockerError as exc:
                    if exc.status != 404:
                        raise _engine_error(f"get_archive {inside}", self.engine.name, self.container_id, exc) from exc
                    archive = None
                except (aiohttp.ClientError, OSError) as exc:
                    raise _engine_error(f"get_archive {inside}", self.engine.name, self.container_id, exc) from exc
            if archive is None:
                await anyio.Path(host).unlink(missing_ok=True)
                continue
            with archive:
                members = archive.getmembers()
                if len(members) != 1 or not members[0].isreg():
                    raise SandboxError(f"sync_out: {path!r} is not a regular file inside the sandbox")
                handle = archive.extractfile(members[0])
                assert handle is not None
                data = handle.read()
            await anyio.Path(host.parent).mkdir(parents=True, exist_ok=True)
            try:
                host = confine(self.workdir, path)  # checked again after making folders
            except PathEscape as exc:
                raise SandboxError(str(exc)) from None
            await anyio.Path(host).write_bytes(data)

    async def aclose(self) -> None:
        if self.state is SessionState.CLOSED:
            return
        await super().aclose()
        with anyio.CancelScope(shield=True):
            await self.backend._release(self)


#: where the evaluation image holds the dynamic checks' runtimes (sandboxes/images.py)
IMAGE_RUNTIME = "/opt/ase-src/sandboxes/runtime"


class DockerBackend(SandboxBackend):
    """Sessions in containers of the evaluation image, spread over one or more engines.

    Args:
        image: the evaluation image (``ase sandbox build`` makes it); pinned to its id.
        limits: memory (with swap), CPU time and pids of every container.
        hide: accepted for symmetry with the local backend and ignored: containers see
            nothing of the host but what a session copies in.
        docker_hosts: engine addresses (``unix://``, ``tcp://``; DOCKER_HOST when None),
            used round robin.
        max_sessions: sessions open at once (each holds a container).
        max_engine_calls: engine API calls in flight at once.
        run_label: the ``ase_async.run`` label of every container (the run id).
        cpus: CPU cores per container (``NanoCpus``).
        pool_size: idle containers kept warm per engine and mount folder (``max_sessions``
            when None; 0 disables reuse).
        scratch_mb: size of the in-memory folder that holds the working copy.

    Raises:
        ConfigError: an engine address aiodocker cannot use (``ssh://``).
        SandboxError: an engine does not answer or lacks the image.
    """

    name = "docker"
    check_runtime = IMAGE_RUNTIME

    def __init__(
        self,
        *,
        image: str = DEFAULT_IMAGE,
        limits: Limits | None = None,
        hide: Sequence[Path] = (),
        docker_hosts: Sequence[str] | None = None,
        max_sessions: int = 8,
        max_engine_calls: int = 16,
        run_label: str | None = None,
        cpus: float | None = 1.0,
        pool_size: int | None = None,
        scratch_mb: int = 2048,
    ) -> None:
        del hide  # nothing of the host is visible in a container anyway
        for host in docker_hosts or ():
            if host.startswith("ssh://"):
                raise ConfigError(
                    f"docker host {host}: aiodocker cannot reach engines over ssh://; forward the "
                    "socket (ssh -NL /tmp/docker.sock:/var/run/docker.sock HOST) and use unix:///tmp/docker.sock"
                )
            if not host.startswith(("unix://", "tcp://", "http://", "https://")):
                raise ConfigError(f"docker host {host!r}: use unix://, tcp:// or http(s)://")
        self.image = image
        self.limits = limits or Limits()
        self.cpus = cpus
        self.run_label = run_label or "none"
        self.max_sessions = max_sessions
        self.max_engine_calls = max_engine_calls
        self.pool_size = max_sessions if pool_size is None else pool_size
        self.scratch_mb = scratch_mb
        self.engines = [_Engine(h) for h in (docker_hosts or [None])]  # type: ignore[list-item]  # None: DOCKER_HOST
        self._next_engine = itertools.cycle(range(len(self.engines)))
        self._pool: dict[tuple[int, str], list[Any]] = {}
        self._live: dict[str, tuple[_Engine, Any]] = {}
        self._sessions: anyio.Semaphore | None = None
        self._calls: anyio.Semaphore | None = None
        self._closed = False
        # Pin the image and reap leftovers now, so that describe() can name the image id
        # before the first session; on its own loop in a worker, as this may run in a loop.
        with concurrent.futures.ThreadPoolExecutor(1) as worker:
            worker.submit(asyncio.run, self._probe()).result()

    # -- engine bookkeeping ---------------------------------------------------------------

    async def _probe(self) -> None:
        for engine in self.engines:
            client = aiodocker.Docker(url=engine.url)
            try:
                try:
                    info = await client.images.inspect(self.image)
                except aiodocker.DockerError as exc:
                    if exc.status == 404:
                        raise SandboxError(
                            f"docker: engine {engine.name} has no image {self.image}: build it with `ase sandbox build`"
                        ) from exc
                    raise _engine_error("image inspect", engine.name, None, exc) from exc
                except (aiohttp.ClientError, OSError, ValueError) as exc:
                    raise _engine_error("connecting", engine.name, None, exc) from exc
                engine.image_id = str(info["Id"])
                await self._reap(client, engine)
            finally:
                await client.close()

    async def _reap(self, client: aiodocker.Docker, engine: _Engine) -> None:
        """Remove containers left by crashed runs of this host (their harness pid is gone)."""
        here = socket.gethostname()
        try:
            found = await client.containers.list(all=True, filters={"label": ["ase_async=1", f"ase_async.host={here}"]})
        except (aiodocker.DockerError, aiohttp.ClientError, OSError) as exc:
            raise _engine_error("listing leftover containers", engine.name, None, exc) from exc
        namespace = pid_namespace()
        for container in found:
            labels = container._container.get("Labels") or {}  # private: list() gives no accessor
            try:
                pid = int(labels.get("ase_async.pid", "0"))
            except ValueError:
                continue
            # Another PID namespace (a harness in another container with our hostname) has
            # pids that mean nothing here: its containers are its own business.
            if labels.get("ase_async.pidns") != namespace:
                continue
            if pid <= 0 or (_alive(pid) and process_started(pid) == labels.get("ase_async.started")):
                continue
            try:
                await container.delete(force=True, v=True)
                log.info("docker: removed a container left by a crashed run", container=container.id[:12], engine=engine.name)
            except aiodocker.DockerError:
                pass  # already going away

    @property
    def engine_calls(self) -> anyio.Semaphore:
        if self._calls is None:
            self._calls = anyio.Semaphore(self.max_engine_calls)
        return self._calls

    def _session_slots(self) -> anyio.Semaphore:
        if self._sessions is None:
            self._sessions = anyio.Semaphore(self.max_sessions)
        return self._sessions

    def describe(self) -> dict[str, str]:
        ids = sorted({e.image_id for e in self.engines})
        return {
            "backend": self.name,
            "isolation": "docker",
            "image": self.image,
            "image_id": ids[0] if len(ids) == 1 else ",".join(ids),
            "engines": ",".join(e.name for e in self.engines),
            "memory_mb": str(self.limits.memory_mb),
            "cpu_seconds": str(self.limits.cpu_seconds),
            "cpus": str(self.cpus),
            "pids": str(self.limits.pids),
            "network": "bridge" if self.limits.network else "none",
        }

    def _config(self, engine: _Engine, mount: Path) -> dict[str, Any]:
        uid, gid = USER.split(":")
        mount = inner_mount(mount)
        tmpfs = {} if mount == Path("/tmp") else {"/tmp": "rw,nosuid,nodev,size=512m"}
        host: dict[str, Any] = {
            "NetworkMode": "bridge" if self.limits.network else "none",
            "ReadonlyRootfs": True,
            "Tmpfs": tmpfs,
            "Mounts": [{
                "Type": "volume",
                "Target": str(mount),
                "VolumeOptions": {"DriverConfig": {"Name": "local", "Options": {
                    "type": "tmpfs", "device": "tmpfs",
                    "o": f"size={self.scratch_mb}m,uid={uid},gid={gid},mode=0755,nosuid,nodev",
                }}},
            }],
            "CapDrop": ["ALL"],
            "SecurityOpt": ["no-new-privileges"],
        }
        if self.limits.memory_mb:
            host["Memory"] = host["MemorySwap"] = self.limits.memory_mb * 1024 * 1024
        if self.cpus:
            host["NanoCpus"] = int(self.cpus * 1e9)
        if self.limits.pids:
            host["PidsLimit"] = self.limits.pids
        return {
            "Image": engine.image_id,
            "Cmd": ["/usr/local/bin/ase-init"],
            "User": USER,
            "WorkingDir": "/tmp",
            "NetworkDisabled": not self.limits.network,
            "Labels": owner_labels(self.run_label),
            "HostConfig": host,
        }

    async def _new_container(self, engine: _Engine, mount: Path) -> Any:
        client = engine.connect()
        async with self.engine_calls:
            # Shielded: a create cancelled in flight would still make a container on the
            # engine, one this backend never learnt the id of and so could not remove.
            with anyio.CancelScope(shield=True):
                try:
                    container = await client.containers.create(self._config(engine, mount))
                except (aiodocker.DockerError, aiohttp.ClientError, OSError) as exc:
                    raise _engine_error("container create", engine.name, None, exc) from exc
                self._live[container.id] = (engine, container)
        try:
            async with self.engine_calls:
                await container.start()
        except BaseException as exc:
            with anyio.CancelScope(shield=True):
                await self._remove(engine, container)
            if isinstance(exc, (aiodocker.DockerError, aiohttp.ClientError, OSError)):
                raise _engine_error("container start", engine.name, container.id, exc) from exc
            raise
        return container

    async def _remove(self, engine: _Engine, container: Any) -> None:
        self._live.pop(container.id, None)
        try:
            async with self.engine_calls:
                await container.delete(force=True, v=True)
        except aiodocker.DockerError as exc:
            if exc.status not in (404, 409):  # gone already, or its removal under way
                log.warning("docker: could not remove a container", container=container.id[:12], engine=engine.name, error=str(exc))
        except (aiohttp.ClientError, OSError) as exc:
            log.warning("docker: could not remove a container", container=container.id[:12], engine=engine.name, error=str(exc))

    # -- sessions -------------------------------------------------------------------------

    async def open(self, workdir: Path, *, writable: bool = True, only: Sequence[Path] | None = None) -> DockerSandbox:
        if self._closed:
            raise SandboxError("this docker backend is closed")
        workdir = Path(await anyio.Path(workdir).resolve())
        if not await anyio.Path(workdir).is_dir():
            raise SandboxError(f"working copy {workdir} does not exist")
        mount = workdir.parent
        slots = self._session_slots()
        await slots.acquire()
        engine: _Engine | None = None
        container: Any = None
        try:
            data = await anyio.to_thread.run_sync(lambda: _pack(workdir, writable=writable, only=only))
            engine, container, warm = await self._take(mount)
            session = DockerSandbox(self, engine, container, workdir, mount, writable)
            if warm and not await self._enter(session, data):
                await self._remove(engine, container)
                engine, container, warm = None, None, False
                engine, container = await self._new_engine_container(mount)
                session = DockerSandbox(self, engine, container, workdir, mount, writable)
            if not warm:
                async with self.engine_calls:
                    try:
                        await container.put_archive(str(session.inner_mount), data)
                    except (aiodocker.DockerError, aiohttp.ClientError, OSError) as exc:
                        raise _engine_error(f"copying {workdir} in", engine.name, container.id, exc) from exc
        except BaseException:
            with anyio.CancelScope(shield=True):
                if engine is not None and container is not None:
                    await self._remove(engine, container)
                slots.release()
            raise
        return session

    async def _enter(self, session: DockerSandbox, data: bytes) -> bool:
        """Wipe a warm container and copy the working copy in; False when the wipe failed."""
        # Not wrapped in setsid: `kill -1` would kill the wrapper that waits for the script.
        code, _, err, _, _ = await session._run(
            ["sh", "-c", _ENTER, "enter", str(session.inner_mount)], cwd="/tmp", input=data,
            timeout=120, env=None, output_limit=64 * 1024, wrap=False,
        )
        if code == 70:
            log.warning("docker: a warm container could not be wiped; using a new one",
                        container=session.container_id[:12], detail=err.decode("utf-8", "replace")[:300])
            return False
        if code != 0:
            raise SandboxError(
                f"docker: copying {session.workdir} in failed (engine {session.engine.name}, container "
                f"{session.container_id[:12]}): {err.decode('utf-8', 'replace').strip()[-500:] or f'exit {code}'}"
            )
        return True

    async def _take(self, mount: Path) -> tuple[_Engine, Any, bool]:
        """A container for a session on ``mount``: a warm one (True) or a new one (False)."""
        for index, engine in enumerate(self.engines):
            idle = self._pool.get((index, str(mount)))
            if idle:
                return engine, idle.pop(), True
        engine, container = await self._new_engine_container(mount)
        return engine, container, False

    async def _new_engine_container(self, mount: Path) -> tuple[_Engine, Any]:
        engine = self.engines[next(self._next_engine)]
        return engine, await self._new_container(engine, mount)

    async def _release(self, session: DockerSandbox) -> None:
        """Pool the session's container, or remove it. Never raises.

        The wipe happens when the container is next taken, in the same exec that copies
        the next working copy in: one engine round trip instead of two. A container whose
        command had to be killed from outside (a timeout, a cancellation) or whose engine
        call failed is removed rather than reused.
        """
        engine, container = session.engine, session.container
        try:
            pool = self._pool.setdefault((self.engines.index(engine), str(session.mount)), [])
            if session.healthy and not self._closed and len(pool) < self.pool_size:
                pool.append(container)
                return
            await self._remove(engine, container)
        except Exception as exc:  # a broken container is removed, never reused
            log.warning("docker: session cleanup failed", container=session.container_id[:12], error=str(exc))
            await self._remove(engine, container)
        finally:
            self._session_slots().release()

    async def _sweep(self) -> None:
        """Remove whatever still carries this backend's run label and owner (a second line)."""
        owner = owner_labels(self.run_label)
        for engine in self.engines:
            try:
                found = await engine.connect().containers.list(all=True, filters={"label": [
                    f"ase_async.run={self.run_label}", f"ase_async.pid={owner['ase_async.pid']}",
                    f"ase_async.pidns={owner['ase_async.pidns']}"]})
            except (aiodocker.DockerError, aiohttp.ClientError, OSError) as exc:
                log.warning("docker: could not list this run's containers", engine=engine.name, error=str(exc))
                continue
            for container in found:
                await self._remove(engine, container)

    async def aclose(self) -> None:
        """Remove every container this backend made (pooled or still in use) and disconnect."""
        self._closed = True
        with anyio.CancelScope(shield=True):
            self._pool.clear()
            for engine, container in list(self._live.values()):
                await self._remove(engine, container)
            await self._sweep()
            for engine in self.engines:
                if engine.client is not None:
                    await engine.client.close()
                    engine.client = None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


async def _feed(stream: Any, data: bytes) -> None:
    """Write a command's whole input, then signal its end."""
    try:
        await stream.write_in(data)
        _close_stdin(stream)
    except (ConnectionError, aiohttp.ClientError, RuntimeError):
        pass  # the program exited without reading all of its input


def _close_stdin(stream: Any) -> None:
    """Half-close an attached exec's stdin so the command sees end of input.

    aiodocker's ``Stream.close`` closes both directions; the output is still to be read.
    """
    response = getattr(stream, "_resp", None)
    transport = getattr(getattr(response, "connection", None), "transport", None)
    if transport is None or not transport.can_write_eof():
        raise SandboxError("docker: cannot signal end of input to the command (no half-close)")
    transport.write_eof()
