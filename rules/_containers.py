"""Small adapters between the upstream analyzer contracts and where their images run.

An analyzer needs "a container of image X, the working copy inside, run these commands";
two ways are offered behind one narrow interface, :class:`ImageSession`:

``BackendImages`` (default for static and command analyzers)
    through :class:`ase_async.sandboxes.docker.DockerBackend`, one backend per image: every
    isolation the backend gives (no network, read-only root, user 1000, no capabilities,
    limits, labelled and reaped containers). The image must honour the backend's contract:
    ``/usr/local/bin/ase-init`` and user 1000, i.e. be built ``FROM ase-async-eval``.
``CliImages`` (default for the dynamic contract)
    the ``docker`` CLI, for third-party images that run as root, write into their own tree
    and may need ``--privileged`` (upstream's v1 SAST images and every v2 image). Still no
    network, memory and pids limits, ``no-new-privileges`` unless privileged, and the
    labels the backend reaps by.

The backend may grow a way to open arbitrary images; then ``CliImages`` goes.
"""

from __future__ import annotations

import abc
import time
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import anyio
import msgspec

from ase_async._errors import SandboxError
from ase_async.sandboxes._labels import owner_labels
from ase_async.sandboxes.base import ExecResult, Limits, Sandbox

__all__ = ["BackendImages", "CliImages", "ImageSession", "Images", "Mount"]

_OUTPUT_LIMIT = 16 * 1024 * 1024


class Mount(msgspec.Struct, frozen=True):
    host: str
    target: str
    read_only: bool = True


class ImageSession(abc.ABC):
    """One running container. Paths are absolute paths inside the container."""

    @abc.abstractmethod
    async def exec(self, argv: Sequence[str], *, timeout: float, input: bytes | None = None,
                   user: str | None = None) -> ExecResult:
        """Run ``argv`` (in the image's working folder); never raises for a failing command.

        Raises:
            SandboxError: the engine could not run it.
        """

    async def aclose(self) -> None:
        """Stop and remove the container."""

    async def __aenter__(self) -> ImageSession:
        return self

    async def __aexit__(self, *exc: object) -> None:
        with anyio.CancelScope(shield=True):
            await self.aclose()


class Images(abc.ABC):
    """Starts containers of arbitrary images."""

    @abc.abstractmethod
    async def start(self, image: str, *, workdir: Path | None = None, mounts: Sequence[Mount] = (),
                    command: str = "", privileged: bool = False) -> ImageSession:
        """A running container of ``image``; ``workdir`` (a host working copy) is made
        visible at its host path where the adapter can, ``mounts`` where it cannot.

        Raises:
            SandboxError: the image is missing or the container does not start.
        """

    def describe(self) -> dict[str, str]:
        return {"images": type(self).__name__}

    async def aclose(self) -> None:
        """Release engines and backends."""


# -- through the docker sandbox backend ------------------------------------------------------


class _BackendSession(ImageSession):
    def __init__(self, session: Sandbox) -> None:
        self.session = session

    async def exec(self, argv: Sequence[str], *, timeout: float, input: bytes | None = None,
                   user: str | None = None) -> ExecResult:
        del user  # the backend runs everything as its sandbox user
        # Through `sh`: the backend maps an absolute program path to its name (for host tools
        # such as the harness's semgrep); an image's own /entry.sh must keep its path.
        return await self.session.exec(["sh", "-c", 'exec "$@"', "sh", *argv], input=input, timeout=timeout,
                                       output_limit=_OUTPUT_LIMIT)

    async def aclose(self) -> None:
        await self.session.aclose()


class BackendImages(Images):
    """One :class:`DockerBackend` per image, made on first use.

    Args:
        limits: limits of every container.
        run_label: the run's label (``ase_async.run``), for cleanup.
        options: more ``DockerBackend`` keyword arguments (``docker_hosts``, ``cpus``...).
    """

    def __init__(self, *, limits: Limits | None = None, run_label: str | None = None, **options: Any) -> None:
        self.limits = limits or Limits(memory_mb=4096, cpu_seconds=1800)
        self.run_label = run_label
        self.options = options
        self._backends: dict[str, Any] = {}
        self._lock: anyio.Lock | None = None

    async def _backend(self, image: str) -> Any:
        from ase_async.sandboxes.docker import DockerBackend  # optional dependency: aiodocker

        self._lock = self._lock or anyio.Lock()
        async with self._lock:
            if image not in self._backends:
                # The constructor probes the engine on a loop of its own: keep it off ours.
                self._backends[image] = await anyio.to_thread.run_sync(lambda: DockerBackend(
                    image=image, limits=self.limits, run_label=self.run_label, **self.options))
            return self._backends[image]

    async def start(self, image: str, *, workdir: Path | None = None, mounts: Sequence[Mount] = (),
                    command: str = "", privileged: bool = False) -> ImageSession:
        if workdir is None or mounts or command or privileged:
            raise SandboxError("the docker backend runs its own init, as user 1000, without mounts or "
                               "privileges: use CliImages for this image")
        backend = await self._backend(image)
        return _BackendSession(await backend.open(workdir, writable=False))

    def describe(self) -> dict[str, str]:
        return {"images": "docker-backend", "memory_mb": str(self.limits.memory_mb)}

    async def aclose(self) -> None:
        with anyio.CancelScope(shield=True):
            for backend in self._backends.values():
                await backend.aclose()
            self._backends.clear()


# -- through the docker CLI ---------------------------------------------------------------


class _CliSession(ImageSession):
    def __init__(self, images: CliImages, container: str) -> None:
        self.images = images
        self.container = container

    async def exec(self, argv: Sequence[str], *, timeout: float, input: bytes | None = None,
                   user: str | None = None) -> ExecResult:
        name = f"/tmp/.ase-{uuid.uuid4().hex}.pid"
        # setsid: the command gets a process group of its own, recorded, killed on timeout.
        wrapped = ["setsid", "-w", "sh", "-c", 'echo $$ > "$0"; exec "$@"', name, *argv]
        head = ["docker", "exec", "-i"] + (["-u", user] if user else [])
        started = time.monotonic()
        timed_out = False
        with anyio.move_on_after(timeout) as scope:
            done = await anyio.run_process([*head, self.container, *wrapped], input=input or b"", check=False)
        if scope.cancelled_caught:
            timed_out = True
            with anyio.CancelScope(shield=True):
                await anyio.run_process(["docker", "exec", self.container, "sh", "-c",
                                         f'kill -9 -- -"$(cat {name})" 2>/dev/null'], check=False)
            return ExecResult(returncode=-9, stdout=b"", stderr=b"", timed_out=True,
                              duration_s=round(time.monotonic() - started, 3))
        return ExecResult(returncode=done.returncode, stdout=done.stdout[:_OUTPUT_LIMIT],
                          stderr=done.stderr[:_OUTPUT_LIMIT], timed_out=timed_out,
                          truncated=len(done.stdout) > _OUTPUT_LIMIT or len(done.stderr) > _OUTPUT_LIMIT,
                          duration_s=round(time.monotonic() - started, 3))

    async def aclose(self) -> None:
        await anyio.run_process(["docker", "rm", "-f", "-v", self.container], check=False)


class CliImages(Images):
    """Containers through the ``docker`` CLI (``docker run -d`` / ``exec`` / ``rm -f``).

    Args:
        memory_mb, pids: limits of every container.
        network: give containers a network (none by default; upstream gave them the host's).
        run_label: the run's label (``ase_async.run``), for cleanup.
    """

    def __init__(self, *, memory_mb: int = 8192, pids: int = 4096, network: bool = False,
                 run_label: str | None = None) -> None:
        self.memory_mb, self.pids, self.network = memory_mb, pids, network
        self.run_label = run_label or "none"

    async def start(self, image: str, *, workdir: Path | None = None, mounts: Sequence[Mount] = (),
                    command: str = "", privileged: bool = False) -> ImageSession:
        argv = ["docker", "run", "-d", "--init", f"--memory={self.memory_mb}m", f"--pids-limit={self.pids}",
                *(arg for name, value in owner_labels(self.run_label).items() for arg in ("--label", f"{name}={value}"))]
        if not self.network:
            argv += ["--network", "none"]
        argv += ["--privileged"] if privileged else ["--security-opt", "no-new-privileges"]
        all_mounts = list(mounts)
        if workdir is not None:
            all_mounts.append(Mount(str(workdir), str(workdir), read_only=True))
        for mount in all_mounts:
            argv += ["--mount", f"type=bind,source={mount.host},target={mount.target}"
                     + (",readonly" if mount.read_only else "")]
        # The container idles until exec'd into: its own command, or upstream's default one.
        argv += ["--entrypoint", "/bin/sh", image, "-c", command.strip() or "tail -f /dev/null"]
        done = await anyio.run_process(argv, check=False)
        if done.returncode != 0:
            raise SandboxError(f"docker run {image} failed: {done.stderr.decode('utf-8', 'replace').strip()[-500:]}")
        return _CliSession(self, done.stdout.decode().strip())

    def describe(self) -> dict[str, str]:
        return {"images": "docker-cli", "memory_mb": str(self.memory_mb),
                "network": "bridge" if self.network else "none"}
