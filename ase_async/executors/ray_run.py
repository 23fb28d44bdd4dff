"""A run on a Ray cluster: the cluster's seams built, handed to the usual runner, closed.

The runner is the same as for a local run: the Ray backend and analyzer are injected where
it would build its own (``Runner(backend=..., analyzer=...)``). So the driver keeps what it
always had (model calls, provider limiters, the one event-log writer, scoring) and only
sandbox sessions and scans move to the cluster. The driver's limits follow the cluster's
capacity: as many sessions and scans at once as the workers offer slots.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import msgspec

from .._errors import ConfigError
from ..config import RunConfig
from ..dataset import load_dataset, rule_packs_root
from ..rules.dynamic import checks_folder
from .ray_analysis import RayAnalyzer
from .ray_cluster import RayCluster, RayOptions, worker_sandbox_options
from .ray_sandbox import RayBackend

__all__ = ["RaySeams", "ray_seams"]


@dataclass
class RaySeams:
    """What a run on the cluster is given instead of building its own."""

    config: RunConfig
    backend: RayBackend
    analyzer: RayAnalyzer
    cluster: RayCluster


@asynccontextmanager
async def ray_seams(config: RunConfig, options: RayOptions | None = None) -> AsyncIterator[RaySeams]:
    """Connect to the cluster, start and check its workers; close them when the run ends.

    Raises:
        ConfigError: Ray is missing, or the run needs what the cluster path does not do yet.
        PreflightError: the cluster is out of reach, or a node lacks a tool.
    """
    options = options or RayOptions()
    dataset = load_dataset(config.dataset, seed_mapping=config.seed_mapping)
    if config.instances:
        dataset = dataset.subset(config.instances)
    if any(i.rule is None for i in dataset.instances):
        # The published data's analyzers are images started by the driver's Docker engine
        # (rules/_containers.py); moving them onto the nodes is not built yet.
        raise ConfigError("--executor ray runs datasets judged by rule files and dynamic checks (ase-lite); "
                          "the published data's analyzer images run with --executor local")
    hide = [Path(dataset.root), rule_packs_root(), config.out_dir.resolve()]
    sandbox_options = worker_sandbox_options(config.sandbox, dict(config.sandbox_options), hide=hide,
                                             run_label=uuid.uuid4().hex[:12])
    cluster = RayCluster(options, sandbox=config.sandbox, sandbox_options=sandbox_options,
                         semgrep_experimental=config.semgrep_experimental)
    try:
        dynamic = {i.language for i in dataset.instances if checks_folder(dataset.root, i) is not None}
        pool = await cluster.start({i.language for i in dataset.instances}, dynamic)
        first = pool.workers[0].info
        backend = RayBackend(pool, described=first.backend, check_runtime=first.check_runtime)
        analyzer = RayAnalyzer(backend, described=first.analyzer)
        sized = msgspec.structs.replace(config, sandbox_sessions=pool.capacity("session"),
                                        analyzer_processes=pool.capacity("scan"))
        yield RaySeams(sized, backend, analyzer, cluster)
    finally:
        await cluster.aclose()
