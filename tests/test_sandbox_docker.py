"""The Docker backend against a real engine: the conformance kit, warm-pool hygiene, cleanup,
and a small run that must score exactly as it does on the local backend.

Skipped when no engine answers (``docker info`` fails), except in CI (``CI=true``), where a
missing engine is a failure: there the docker job must really run.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path

import aiodocker
import anyio
import pytest

from ase_async import ConfigError, RunConfig, SandboxError, run
from ase_async.sandboxes import Limits
from ase_async.testing.sandbox_conformance import CHECKS, run_check

pytestmark = pytest.mark.docker

# One instance per language family with a native checker, plus Python; py-cmdi-02's checks
# run its ffmpeg stand-in through the warm server (its /tmp is noexec in a container).
RUN_INSTANCES = ["php-sqli-01", "go-cmdi-01", "java-xss-01", "py-pathtrav-01", "py-cmdi-02"]


def _engine_problem() -> str | None:
    try:
        probe = subprocess.run(["docker", "info"], capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return str(exc)
    if probe.returncode != 0:
        lines = probe.stderr.decode("utf-8", "replace").strip().splitlines()
        return lines[-1] if lines else f"exit status {probe.returncode}"
    return None


@pytest.fixture(scope="module")
def image() -> str:
    problem = _engine_problem()
    if problem is not None:
        message = f"no Docker engine answers (`docker info`: {problem}); start one with scripts/docker-engine.sh"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI must run the docker tests: " + message)
        pytest.skip(message)
    from ase_async.sandboxes.images import build_image

    return build_image()  # reused when present and current; built offline otherwise


def _dead_pid() -> int:
    """The pid of a process that has come and gone."""
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def _label(request: pytest.FixtureRequest) -> str:
    return "pytest-" + re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)[:80] + f"-{os.getpid()}"


async def _containers(label: str) -> list[str]:
    async with aiodocker.Docker() as client:
        found = await client.containers.list(all=True, filters={"label": [f"ase_async.run={label}"]})
        return [c.id for c in found]


@pytest.fixture
async def backend(image: str, request: pytest.FixtureRequest) -> AsyncIterator[object]:
    from ase_async.sandboxes.docker import DockerBackend

    label = _label(request)
    made = DockerBackend(limits=Limits(memory_mb=512, cpu_seconds=60), run_label=label, max_sessions=4)
    assert made.describe()["image_id"] == image
    try:
        yield made
    finally:
        await made.aclose()
    assert await _containers(label) == [], "a container outlived its backend"


@pytest.mark.parametrize("check", sorted(CHECKS))
async def test_docker_backend_conformance(backend, check: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    await run_check(check, backend, tmp_path / "work")


async def test_a_cancelled_exec_leaves_no_process_and_no_container(backend, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    work = tmp_path / "work"
    work.mkdir()
    marker = "ase-docker-cancel-marker"
    session = await backend.open(work)
    try:
        with anyio.move_on_after(1.5):
            await session.exec(["sh", "-c", f"exec -a {marker} sleep 120"], timeout=300)
        listing = await session.exec(
            ["sh", "-c", 'for f in /proc/[0-9]*/cmdline; do tr "\\000" " " < "$f"; echo; done'], timeout=30
        )
        assert listing.ok, listing
        assert marker.encode() not in listing.stdout, listing.stdout.decode()
    finally:
        await session.aclose()
    await backend.aclose()
    assert await _containers(backend.run_label) == []


async def test_warm_containers_are_reused_and_wiped(backend, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first, second = tmp_path / "first", tmp_path / "second"
    for folder in (first, second):
        folder.mkdir()
        (folder / "own.txt").write_text(folder.name)
    async with await backend.open(first) as session:
        container = session.container_id
        # Leftovers an answer could plant for the next sample: beside the copy and in /tmp.
        planted = await session.exec(
            ["sh", "-c", f"echo x > {tmp_path}/second-planted.txt && echo x > /tmp/planted && (sleep 300 &)"],
            timeout=30,
        )
        assert planted.ok, planted
    async with await backend.open(second) as session:
        assert session.container_id == container, "the warm container was not reused"
        seen = await session.exec(["sh", "-c", f"ls -A {tmp_path} /tmp; ps -eo args"], timeout=30)
        assert b"planted" not in seen.stdout and b"first" not in seen.stdout, seen.stdout.decode()
        assert b"sleep 300" not in seen.stdout
        assert await session.read_file("own.txt") == b"second"


async def test_containers_are_locked_down(backend, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "work").mkdir()
    async with await backend.open(tmp_path / "work") as session:
        details = await session.container.show()
        host = details["HostConfig"]
        assert host["ReadonlyRootfs"] is True and host["NetworkMode"] == "none"
        assert host["CapDrop"] == ["ALL"] and "no-new-privileges" in host["SecurityOpt"]
        assert host["Memory"] == host["MemorySwap"] == 512 * 1024 * 1024 and host["PidsLimit"] == 512
        assert details["Config"]["User"] == "1000:1000"
        labels = details["Config"]["Labels"]
        assert labels["ase_async"] == "1" and labels["ase_async.run"] == backend.run_label
        assert labels["ase_async.pid"] == str(os.getpid())
        who = await session.exec(["sh", "-c", "id -u; touch /usr/x 2>/dev/null || echo ro"], timeout=30)
        assert who.stdout.split() == [b"1000", b"ro"], who


async def test_sync_out_refuses_links_and_copies_only_what_is_named(backend, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    work = tmp_path / "work"
    work.mkdir()
    async with await backend.open(work) as session:
        await session.exec(["sh", "-c", "ln -s /etc/passwd evil.txt; echo a > a.txt; echo b > b.txt"], timeout=30)
        with pytest.raises(SandboxError, match="regular file"):
            await session.sync_out(["evil.txt"])
        await session.sync_out(["a.txt"])
    assert not (work / "evil.txt").exists() and not (work / "evil.txt").is_symlink()
    assert (work / "a.txt").read_text() == "a\n" and not (work / "b.txt").exists()


async def test_read_only_sessions_refuse_writes(backend, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    work = tmp_path / "work"
    work.mkdir()
    (work / "f.txt").write_text("data")
    async with await backend.open(work, writable=False) as session:
        assert await session.read_file("f.txt") == b"data"
        with pytest.raises(SandboxError, match="read-only"):
            await session.write_file("f.txt", b"x")
        tried = await session.exec(["sh", "-c", "echo x > f.txt"], timeout=30)
        assert not tried.ok
    assert (work / "f.txt").read_text() == "data"


async def test_containers_of_a_crashed_run_are_reaped(image: str, tmp_path: Path) -> None:
    from ase_async.sandboxes._labels import owner_labels
    from ase_async.sandboxes.docker import DockerBackend

    gone = _dead_pid()  # the "crashed harness"
    label = f"pytest-reap-{os.getpid()}"
    async with aiodocker.Docker() as client:
        orphan = await client.containers.create({
            "Image": image, "Cmd": ["/usr/local/bin/ase-init"],
            "Labels": {**owner_labels(label), "ase_async.pid": str(gone)},
        })
        # A live harness in another PID namespace with this hostname: its pid means nothing here.
        neighbour = await client.containers.create({
            "Image": image, "Cmd": ["/usr/local/bin/ase-init"],
            "Labels": {**owner_labels(label + "-neighbour"), "ase_async.pid": str(gone),
                       "ase_async.pidns": "pid:[1]"},
        })
        try:
            fresh = DockerBackend(run_label="pytest-reaper")
            await fresh.aclose()
            assert await _containers(label) == []
            assert len(await _containers(label + "-neighbour")) == 1
        finally:
            for container in (orphan, neighbour):
                try:
                    await container.delete(force=True)
                except aiodocker.DockerError:
                    pass


def test_ssh_engines_are_a_config_error() -> None:
    from ase_async.sandboxes.docker import DockerBackend

    with pytest.raises(ConfigError, match="ssh://"):
        DockerBackend(docker_hosts=["ssh://builder@example.org"])


def test_a_small_run_scores_the_same_as_on_the_local_backend(image: str, tmp_path: Path) -> None:
    models: dict[str, object] = {}
    for sandbox in ("local", "docker"):
        config = RunConfig(
            models=["oracle/gold", "oracle/vulnerable"], sandbox=sandbox, instances=RUN_INSTANCES,
            cycles=1, out=str(tmp_path / sandbox),
        )
        anyio.run(run, config)
        models[sandbox] = json.loads((tmp_path / sandbox / "results.json").read_text())["models"]
    assert models["docker"] == models["local"]
    gold = models["docker"]["oracle/gold"]  # type: ignore[index]
    assert gold["security"] == 100.0 and gold["quality"] == 100.0, gold


async def test_sessions_are_spread_over_engines(image: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    from ase_async.sandboxes.docker import DockerBackend

    socket_url = os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock")
    label = _label(request)
    spread = DockerBackend(docker_hosts=[socket_url, socket_url], run_label=label, pool_size=0)
    try:
        engines = []
        for name in ("a", "b", "c", "d"):
            (tmp_path / name).mkdir()
            async with await spread.open(tmp_path / name) as session:
                engines.append(spread.engines.index(session.engine))
                assert (await session.exec(["true"], timeout=30)).ok
        assert engines == [0, 1, 0, 1]
    finally:
        await spread.aclose()
    assert await _containers(label) == []


def test_packing_a_folder_that_changes_meanwhile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The analyzer's read-only copy of the work root races the runner removing finished
    working copies: vanished entries are left out, never an error (no engine needed)."""
    import io
    import shutil
    import tarfile

    from ase_async.sandboxes import docker

    root = tmp_path / "work"
    for folder in ("keep", "gone", "shrinks"):
        (root / folder).mkdir(parents=True)
        (root / folder / "a.py").write_text("x = 1\n")
    (root / "shrinks" / "b.py").write_text("y = 2\n")
    real_walk = os.walk

    def racing_walk(top: str | os.PathLike[str]):  # type: ignore[no-untyped-def]
        for directory, dirnames, filenames in real_walk(top):
            if directory.endswith("shrinks"):
                (root / "shrinks" / "b.py").unlink()  # listed, then removed before it is read
            yield directory, dirnames, filenames
            if Path(directory) == root:
                shutil.rmtree(root / "gone")  # listed, then removed before the walk goes in

    monkeypatch.setattr(docker.os, "walk", racing_walk)
    with tarfile.open(fileobj=io.BytesIO(docker._pack(root, writable=False))) as archive:
        names = set(archive.getnames())
    assert {"work/keep/a.py", "work/shrinks/a.py"} <= names
    assert not any(n.startswith("work/gone/") for n in names) and "work/shrinks/b.py" not in names


def test_sigint_leaves_no_container_behind(image: str, tmp_path: Path) -> None:
    """Ctrl-C on a docker run: the CLI exits 130, the log says interrupted, no container remains."""
    import signal
    import sys
    import time

    from ase_async.testing.provider import spawn

    out = tmp_path / "out"
    # A slow model keeps the run going (the oracle's later cycles reuse their verdicts and
    # end in a moment), so the signal lands mid-run rather than on a process already exiting.
    provider, base_url = spawn("--latency", "0.5", "--responder", "gold")
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "ase_async.cli", "--log-level", "error", "run", "--sandbox", "docker", "--quiet",
             "--out", str(out), "--cycles", "20", "--model", "oracle/gold", "--model", "openai/sim",
             "--base-url", base_url, "--max-connections", "1",
             *[word for i in RUN_INSTANCES for word in ("--instance", i)]],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 120
        run_id = None
        containers: list[str] = []
        while time.monotonic() < deadline and not containers:
            time.sleep(0.2)
            if run_id is None and (out / "events.jsonl").exists():
                first = (out / "events.jsonl").read_text().split("\n", 1)[0]
                run_id = json.loads(first)["run_id"] if first.endswith("}") else None
            if run_id is not None:
                containers = anyio.run(_containers, run_id)
        assert containers, "the run never started a container"
        assert process.poll() is None, "the run ended before the signal could interrupt it"
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=120) == 130
    finally:
        provider.terminate()
        provider.wait(timeout=30)
    assert anyio.run(_containers, run_id) == []
    last = json.loads((out / "events.jsonl").read_text().strip().splitlines()[-1])
    assert last["event"] == "run_finished" and last["interrupted"] is True


@pytest.mark.parametrize("parent", ["/root", "/var/tmp"])
async def test_run_folders_under_the_images_own_folders(image: str, tiny_dataset: Path, parent: str) -> None:
    """A run folder under /root or /var works: the container puts the copies elsewhere."""
    import shutil
    import tempfile

    from ase_async import RunConfig, run

    if not os.access(parent, os.W_OK):
        pytest.skip(f"{parent} is not writable here")
    out = Path(tempfile.mkdtemp(prefix="ase-docker-run-", dir=parent))
    try:
        results = await run(RunConfig(models=["oracle/gold", "oracle/vulnerable"], dataset=str(tiny_dataset),
                                      out=str(out), cycles=1, sandbox="docker"))
        assert results.models["oracle/gold"].security == 100.0
        assert results.models["oracle/vulnerable"].security == 0.0
        assert results.models["oracle/gold"].outcomes.get("infra_error", 0) == 0
    finally:
        shutil.rmtree(out, ignore_errors=True)
