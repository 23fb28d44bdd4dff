"""A real multi-node Ray cluster on one machine, for tests and benchmarks.

Ray binds the machine's own interface address unless the only interface is loopback, so
everything Ray-related runs inside a private network namespace: :func:`private_network`
gives the command line that re-executes a program there (``unshare --net``, loopback up;
root only). Inside, :func:`local_cluster` starts a head (no CPUs: it runs no worker) and
worker nodes of one CPU each, and shuts down exactly those processes afterwards; it never
uses ``ray stop``, which would end every Ray process on the machine.

The scenarios the tests run (``python -m ase_async.testing.ray_cluster SCENARIO OUT``):

- ``oracle``: the ase-lite oracle run with ``executor="ray"`` on a head and two workers.
- ``lose-node``: the same, with one worker node killed as soon as the first answer is
  integrated, while sessions are open on it.
- ``agent``: the agent solver (a scripted model on a simulated provider) on the workers.
- ``docker``: the oracle run with ``--sandbox docker`` on workers that declare ``docker``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["SCENARIO_INSTANCES", "can_run_clusters", "local_cluster", "private_network"]

#: the small subset the scenarios run (Python checks: the quickest to start)
SCENARIO_INSTANCES = ["py-sqli-01"]
SCENARIO_CYCLES = 2

#: a lost node is noticed within seconds, not the default half minute
FAST_FAILURE = {"health_check_initial_delay_ms": 0, "health_check_period_ms": 500,
                "health_check_failure_threshold": 4}


#: attempts at starting the cluster
_STARTS = 3
_PATIENCE = {"RAY_agent_register_timeout_ms": "180000", "RAY_raylet_start_wait_time_s": "180"}


def can_run_clusters() -> str:
    """Why a private-network cluster cannot run here ("" when it can)."""
    try:
        import ray  # noqa: F401
    except ImportError:
        return "ray is not installed (pip install 'ase_async[ray]')"
    if os.geteuid() != 0:
        return "a private network namespace needs root"
    if shutil.which("unshare") is None or shutil.which("ip") is None:
        return "unshare and ip (util-linux, iproute2) are needed"
    return ""


def private_network(argv: list[str]) -> list[str]:
    """``argv`` re-executed in a new network namespace whose only interface is loopback."""
    # The default route through loopback lets Ray's address probe (a UDP connect to a public
    # resolver, which sends nothing) answer 127.0.0.1 at once instead of timing out; nothing
    # can leave the namespace either way.
    return ["unshare", "--net", "sh", "-c", 'ip link set lo up && ip route add default dev lo && exec "$@"', "sh", *argv]


@contextmanager
def local_cluster(workers: int = 2, *, cpus: int = 1, resources: dict[str, float] | None = None) -> Iterator[Any]:
    """A head and ``workers`` worker nodes on 127.0.0.1; shut down on leaving."""
    from ray.cluster_utils import Cluster

    # On a loaded machine (2 shared cores) a node's agents take tens of seconds to start:
    # give them minutes rather than Ray's default seconds before it gives up on the node.
    for name, value in _PATIENCE.items():
        os.environ.setdefault(name, value)
    # The raylet waits a fixed 15 s for its dashboard agent (ray-project/ray#65983); the full
    # agent imports for longer than that on a loaded 2-core machine. Tests need no dashboard:
    # start the agent in its minimal mode, as a Ray without the dashboard extras would.
    import ray._private.utils

    ray._private.utils.get_dashboard_dependency_error = lambda: ImportError("not needed by the test cluster")
    for attempt in range(_STARTS):
        cluster = Cluster(initialize_head=False)
        try:
            cluster.add_node(num_cpus=0, node_ip_address="127.0.0.1", include_dashboard=False,
                             _system_config=FAST_FAILURE)
            for _ in range(workers):
                cluster.add_node(num_cpus=cpus, resources=resources or {}, node_ip_address="127.0.0.1")
            cluster.wait_for_nodes()
        except Exception as exc:
            # Ray gives a node a fixed 30 s to register; on a loaded machine it may need more.
            # A node that failed to start dies with this process (Ray's processes share its fate).
            cluster.shutdown()
            if attempt + 1 == _STARTS or "timed out during startup" not in str(exc):
                raise
            continue
        try:
            yield cluster
        finally:
            cluster.shutdown()
        return


AGENT_KEY = "sk-test-agent-000000"


def agent_plan() -> Any:
    """A scripted agent: looks around the copy with its tools, then submits the gold answer."""
    from ..adapters.oracle import oracle_answer
    from ..dataset import load_dataset

    dataset = load_dataset("ase-lite").subset(SCENARIO_INSTANCES)
    instance = dataset.instances[0]

    def plan(body: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
        contract = "diff" if "unified diff" in str(body["messages"]) else "code"
        return [("list_files", {"path": "."}), ("read_file", {"path": instance.vuln_file}),
                ("submit", {"answer": oracle_answer(dataset, instance, "gold", contract)})]

    return plan


def scenario_config(name: str, out: str, base_url: str = "") -> Any:
    """The run a scenario makes (the tests make the same one locally to compare)."""
    from ..config import RunConfig

    if name == "agent":
        return RunConfig(models=["openai/sim"], dataset="ase-lite", out=out, cycles=1, instances=SCENARIO_INSTANCES,
                         solvers=["agent"], model_options={"base_url": base_url, "api_key": AGENT_KEY})
    return RunConfig(models=["oracle/gold", "oracle/vulnerable"], dataset="ase-lite", out=out,
                     cycles=SCENARIO_CYCLES, instances=SCENARIO_INSTANCES,
                     sandbox="docker" if name == "docker" else "local")


async def _scenario(name: str, out: str, cluster: Any) -> None:
    from .provider import SimulatedProvider, agent_responder

    if name == "agent":
        async with SimulatedProvider(responder=agent_responder(agent_plan()), api_key=AGENT_KEY) as sim:
            await _run(name, scenario_config(name, out, sim.base_url), cluster)
    else:
        await _run(name, scenario_config(name, out), cluster)


async def _run(name: str, config: Any, cluster: Any) -> None:
    import anyio

    from ..api import open_run
    from ..events import Integrated
    from ..executors import RayOptions

    removed = False
    async with open_run(config, executor="ray", ray=RayOptions(address=cluster.address)) as handle:
        async for event in handle.events():
            if name == "lose-node" and isinstance(event, Integrated) and not removed:
                removed = True
                victim = next(iter(cluster.worker_nodes))
                print(f"removing worker node {victim.node_id}", flush=True)
                await anyio.to_thread.run_sync(lambda: cluster.remove_node(victim, allow_graceful=False))  # noqa: B023 (awaited at once)
    if name == "lose-node" and not removed:
        raise SystemExit("the node was never removed")


def main(argv: list[str] | None = None) -> int:
    import anyio

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("scenario", choices=["oracle", "lose-node", "agent", "docker"])
    parser.add_argument("out")
    args = parser.parse_args(argv)
    with local_cluster(2, resources={"docker": 1} if args.scenario == "docker" else None) as cluster:
        anyio.run(_scenario, args.scenario, args.out, cluster)
    return 0


if __name__ == "__main__":
    sys.exit(main())
