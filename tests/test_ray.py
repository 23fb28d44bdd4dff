"""``--executor ray`` on a real cluster: a head and two worker nodes on this machine.

Each scenario runs in a private network namespace (only loopback: every node binds
127.0.0.1) through ``ase_async.testing.ray_cluster``; the local run it is compared with runs
here. Root only, and slow (a cluster takes tens of seconds to start on two cores): marked
``ray`` so CI runs them in their own step.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import anyio
import msgspec
import pytest

from ase_async.config import RunConfig
from ase_async.eventlog import read_events
from ase_async.events import InfraFailed, SampleScored
from ase_async.testing.ray_cluster import (
    AGENT_KEY,
    SCENARIO_CYCLES,
    SCENARIO_INSTANCES,
    agent_plan,
    can_run_clusters,
    private_network,
    scenario_config,
)

why_not = can_run_clusters()
pytestmark = [pytest.mark.ray, pytest.mark.timeout(900), pytest.mark.skipif(bool(why_not), reason=why_not)]


def _local(name: str, out: Path) -> bytes:
    from ase_async.api import evaluate
    from ase_async.testing.provider import SimulatedProvider, agent_responder

    async def run() -> None:
        if name == "agent":
            async with SimulatedProvider(responder=agent_responder(agent_plan()), api_key=AGENT_KEY) as sim:
                await evaluate(scenario_config(name, str(out), sim.base_url))
        else:
            await evaluate(scenario_config(name, str(out)))

    anyio.run(run)
    return (out / "results.json").read_bytes()


@pytest.fixture(scope="module")
def local_results(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return _local("oracle", tmp_path_factory.mktemp("local"))


def _scenario(name: str, out: Path) -> None:
    argv = private_network([sys.executable, "-m", "ase_async.testing.ray_cluster", name, str(out)])
    done = subprocess.run(argv, capture_output=True, timeout=840)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-4000:]


def _scored_once(out: Path, samples: int = 2 * len(SCENARIO_INSTANCES) * SCENARIO_CYCLES) -> None:
    events = list(read_events(out / "events.jsonl"))
    scored = Counter((e.model, e.instance_id, e.cycle) for e in events if isinstance(e, SampleScored))
    assert len(scored) == samples
    assert set(scored.values()) == {1}, scored  # none lost, none twice
    assert not [e for e in events if isinstance(e, InfraFailed)]


def test_the_oracle_run_on_ray_writes_the_local_runs_results(tmp_path: Path, local_results: bytes) -> None:
    _scenario("oracle", tmp_path)
    assert (tmp_path / "results.json").read_bytes() == local_results
    _scored_once(tmp_path)


def test_a_worker_node_lost_mid_run_changes_nothing(tmp_path: Path, local_results: bytes) -> None:
    _scenario("lose-node", tmp_path)
    assert (tmp_path / "results.json").read_bytes() == local_results
    _scored_once(tmp_path)


def test_the_agent_solver_works_through_ray(tmp_path: Path) -> None:
    local = _local("agent", tmp_path / "local")
    _scenario("agent", tmp_path / "ray")
    assert (tmp_path / "ray" / "results.json").read_bytes() == local
    _scored_once(tmp_path / "ray", samples=len(SCENARIO_INSTANCES))


@pytest.mark.docker
def test_the_docker_sandbox_works_through_ray(tmp_path: Path) -> None:
    if subprocess.run(["docker", "image", "inspect", "ase-async-eval:latest"], capture_output=True).returncode:
        pytest.skip("the evaluation image is not built (ase sandbox build)")
    local = _local("docker", tmp_path / "local")
    _scenario("docker", tmp_path / "ray")
    assert (tmp_path / "ray" / "results.json").read_bytes() == local
    _scored_once(tmp_path / "ray")


def test_an_unreachable_cluster_stops_before_any_model_call(tmp_path: Path) -> None:
    from ase_async._errors import PreflightError
    from ase_async.api import evaluate
    from ase_async.executors import RayOptions

    config = RunConfig(models=["oracle/gold"], dataset="ase-lite", out=str(tmp_path / "run"), cycles=1,
                       instances=SCENARIO_INSTANCES)
    with pytest.raises(PreflightError, match="cannot be reached"):
        anyio.run(lambda: evaluate(config, executor="ray", ray=RayOptions(address="127.0.0.1:1")))
    assert not (tmp_path / "run" / "events.jsonl").exists()
    msgspec.json.encode(config)  # the config is untouched and still a plain struct
