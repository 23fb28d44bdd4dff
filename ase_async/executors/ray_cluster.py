"""Connecting to a Ray cluster, placing one worker per node, and checking every node.

::

    driver (this process)                      Ray cluster
    ─────────────────────                      ──────────────────────────────────────────
    models, limiters, event log, scoring       node 1: NodeWorker ─ local backend, semgrep
    RayBackend / RayAnalyzer ── WorkerPool ──► node 2: NodeWorker ─ local backend, semgrep
                                               node N: ...

One worker per eligible node: a node is eligible when it offers ``cpus_per_actor`` CPUs and,
for ``--sandbox docker``, the ``docker`` custom resource (declare it on nodes with a Docker
engine: ``ray start --resources='{"docker": 1}'``). Ray places each worker on its node with
a hard node affinity, so a lost node takes exactly its worker with it; the work is redone on
the others (``ray_sandbox.py``). Before the run starts, the preflight of
``ase_async/preflight.py`` runs on every worker: a node that lacks a tool stops the run, named,
before any model is called, as does a cluster that cannot be reached.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import anyio
import msgspec
import structlog

from .._errors import ConfigError, PreflightError
from ..preflight import Requirement
from .pool import Worker, WorkerPool
from .worker import NodeWorker, WorkerInfo

__all__ = ["RayCluster", "RayOptions", "import_ray"]

log = structlog.get_logger()

INSTALL_HINT = "--executor ray needs Ray: pip install 'ase_async[ray]'"


class RayOptions(msgspec.Struct, frozen=True, kw_only=True):
    """How a run uses a Ray cluster.

    ``address``: the cluster (``None``: ``RAY_ADDRESS``, else ``auto``, which finds a
    cluster started on this machine). ``sessions_per_worker`` and ``scans_per_worker``
    default to twice and once the node's cores, as a local run's limits do.
    """

    address: str | None = None
    cpus_per_actor: float = 1.0
    docker_resource: str = "docker"
    sessions_per_worker: int | None = None
    scans_per_worker: int | None = None
    #: seconds to wait for the workers to start and pass the preflight
    start_timeout: float = 300.0


def import_ray() -> Any:
    """The ``ray`` module, or a :class:`ConfigError` that says how to install it."""
    try:
        import ray
    except ImportError as exc:
        raise ConfigError(INSTALL_HINT) from exc
    return ray


class RayCluster:
    """The run's connection to the cluster and its workers (``start`` then ``aclose``).

    Args:
        options: the cluster's address and the workers' resources.
        sandbox: the backend each worker runs (``local`` or ``docker``).
        sandbox_options: its options.
        semgrep_experimental: the analyzer's mode.
    """

    def __init__(self, options: RayOptions, *, sandbox: str, sandbox_options: dict[str, Any],
                 semgrep_experimental: bool) -> None:
        self.options = options
        self.sandbox = sandbox
        self.sandbox_options = sandbox_options
        self.semgrep_experimental = semgrep_experimental
        self.workers: list[Worker] = []
        self.pool: WorkerPool | None = None
        self._connected = False

    def _connect(self) -> list[dict[str, Any]]:
        ray = import_ray()
        address = self.options.address or None  # None: ray.init reads RAY_ADDRESS, else "auto"
        import os

        if address is None and not os.environ.get("RAY_ADDRESS"):
            address = "auto"
        _probe(address or os.environ.get("RAY_ADDRESS", "auto"))
        try:
            ray.init(address=address, namespace="ase_async", log_to_driver=False, configure_logging=False)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise PreflightError(f"the Ray cluster at {address or os.environ.get('RAY_ADDRESS')} cannot be reached: "
                                 f"{exc}\n      fix: start it (ray up, KubeRay) or pass --ray-address") from exc
        self._connected = True
        nodes: list[dict[str, Any]] = ray.nodes()
        return [n for n in nodes if n.get("Alive")]

    def _eligible(self, node: dict[str, Any]) -> bool:
        resources = node.get("Resources", {})
        if resources.get("CPU", 0) < self.options.cpus_per_actor:
            return False
        return not (self.sandbox == "docker" and resources.get(self.options.docker_resource, 0) <= 0)

    async def start(self, languages: Iterable[str], dynamic: Iterable[str] = ()) -> WorkerPool:
        """Connect, start one worker per eligible node, and run the preflight on each.

        Raises:
            ConfigError: Ray is not installed.
            PreflightError: the cluster cannot be reached, has no eligible node, or a node
                lacks a tool (each named, with its fix).
        """
        nodes = await anyio.to_thread.run_sync(self._connect)
        eligible = [n for n in nodes if self._eligible(n)]
        if not eligible:
            need = f"{self.options.cpus_per_actor:g} CPU"
            if self.sandbox == "docker":
                need += f" and the {self.options.docker_resource!r} resource (a node with a Docker engine)"
            raise PreflightError(f"no node of the Ray cluster offers {need}: {len(nodes)} node(s) alive"
                                 "\n      fix: add worker nodes, or declare the resource on them")
        ray = import_ray()
        from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

        remote = ray.remote(NodeWorker)
        resources = {self.options.docker_resource: 0.001} if self.sandbox == "docker" else {}
        handles = [
            remote.options(
                num_cpus=self.options.cpus_per_actor, resources=resources, max_restarts=0,
                scheduling_strategy=NodeAffinitySchedulingStrategy(node["NodeID"], soft=False),
            ).remote(self.sandbox, self.sandbox_options, semgrep_experimental=self.semgrep_experimental,
                     node=node["NodeID"])
            for node in eligible
        ]
        try:
            with anyio.fail_after(self.options.start_timeout):
                infos: list[WorkerInfo] = [await h.info.remote() for h in handles]
                self.workers = [Worker(h, info) for h, info in zip(handles, infos, strict=True)]
                await self._preflight(languages, dynamic)
        except TimeoutError:
            raise PreflightError(f"the Ray workers did not start within {self.options.start_timeout:.0f} s "
                                 "(is the evaluation image pulled on every node?)") from None
        except ray.exceptions.RayError as exc:
            raise PreflightError(f"a Ray worker could not start: {exc}"[:2000]) from exc
        first = self.workers[0].info
        for worker in self.workers[1:]:
            if (worker.info.backend, worker.info.analyzer) != (first.backend, first.analyzer):
                raise PreflightError(
                    f"the nodes differ: {worker.info.host} has {worker.info.backend} and {worker.info.analyzer}, "
                    f"{first.host} has {first.backend} and {first.analyzer}\n      fix: run every node from the "
                    "same evaluation image (results must not depend on where a sample ran)")
        sessions = self.options.sessions_per_worker
        scans = self.options.scans_per_worker
        self.pool = WorkerPool(self.workers, sessions=sessions or 2 * first.cores, scans=scans or first.cores)
        log.info("ray workers ready", nodes=[w.info.host for w in self.workers])
        return self.pool

    async def _preflight(self, languages: Iterable[str], dynamic: Iterable[str]) -> None:
        failed: list[Requirement] = []

        async def one(worker: Worker) -> None:
            found: list[Requirement] = await worker.handle.preflight.remote(sorted(languages), None, sorted(dynamic))
            failed.extend(msgspec.structs.replace(r, name=f"{r.name} on node {worker.info.host} "
                                                  f"({worker.info.node[:12]})") for r in found if not r.ok)

        async with anyio.create_task_group() as group:
            for worker in self.workers:
                group.start_soon(one, worker)
        if failed:
            lines = "\n".join(r.line() for r in failed)
            raise PreflightError(f"the run cannot start: {len(failed)} requirement(s) missing on the Ray cluster "
                                 f"(nothing was sent to any model)\n{lines}")

    async def aclose(self) -> None:
        """Stop the workers this run started and disconnect (the cluster itself stays up)."""
        if not self._connected:
            return
        ray = import_ray()
        with anyio.CancelScope(shield=True):
            for worker in self.workers:
                if worker.alive:
                    try:
                        with anyio.move_on_after(30):
                            await worker.handle.shutdown.remote()
                    except ray.exceptions.RayError:
                        pass  # lost meanwhile: nothing of it is left to clean
                ray.kill(worker.handle)
            await anyio.to_thread.run_sync(ray.shutdown)
        self._connected = False


def _probe(address: str) -> None:
    """Fail at once on a ``host:port`` that refuses connections (``ray.init`` retries for minutes).

    Raises:
        PreflightError: nothing listens there.
    """
    import socket

    target = address.removeprefix("ray://")
    host, _, port = target.rpartition(":")
    if not host or not port.isdigit():
        return  # "auto", or a form only Ray understands
    try:
        with socket.create_connection((host, int(port)), timeout=10):
            pass
    except OSError as exc:
        raise PreflightError(f"the Ray cluster at {address} cannot be reached: {exc}"
                             "\n      fix: start it (ray up, KubeRay) or pass --ray-address") from exc


def worker_sandbox_options(sandbox: str, options: dict[str, Any], *, hide: list[Path], run_label: str) -> dict[str, Any]:
    """The node backend's options, as a local run would build them for the same sandbox."""
    if sandbox == "local":
        return {"hide": [str(p) for p in hide], **options}
    found = dict(options)
    if sandbox == "docker":
        found.setdefault("run_label", run_label)
    return found
