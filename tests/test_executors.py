"""The Ray executor's parts, without a cluster: trees, the slot pool, and sessions that move.

The workers here are :class:`NodeWorker` objects called in-process through a stand-in for a
Ray actor handle; a worker can be "lost", and then every call fails as Ray's would. The
real cluster is exercised in ``test_ray.py``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import anyio
import pytest

ray_exceptions = pytest.importorskip("ray.exceptions")

from ase_async.executors.pool import Worker, WorkerLost, WorkerPool  # noqa: E402
from ase_async.executors.ray_sandbox import RayBackend  # noqa: E402
from ase_async.executors.trees import digest, pack, unpack  # noqa: E402
from ase_async.executors.worker import NodeWorker, WorkerInfo  # noqa: E402


class _Method:
    def __init__(self, handle: _Handle, name: str) -> None:
        self.handle, self.name = handle, name

    async def remote(self, *args: Any) -> Any:
        if self.handle.lost:
            raise ray_exceptions.ActorDiedError()
        self.handle.calls.append(self.name)
        return await getattr(self.handle.worker, self.name)(*args)


class _Handle:
    """A stand-in for a Ray actor handle around an in-process worker."""

    def __init__(self, worker: NodeWorker) -> None:
        self.worker = worker
        self.lost = False
        self.calls: list[str] = []

    def __getattr__(self, name: str) -> _Method:
        return _Method(self, name)


class _Backend(RayBackend):
    async def tree(self, root: Path, files: tuple[str, ...] | None = None) -> Any:
        return pack(root, files)  # bytes stand in for the object-store reference


def _worker(name: str) -> tuple[Worker, _Handle]:
    handle = _Handle(NodeWorker("local", {"isolation": "none"}, semgrep_experimental=True, node=name))
    info = WorkerInfo(node=name, host=name, cores=1, backend={}, analyzer={}, check_runtime="")
    return Worker(handle, info), handle


def test_trees_pack_the_same_bytes_and_unpack_within_the_folder(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "a").mkdir(parents=True)
    (src / "a" / "x.py").write_text("print(1)\n")
    (src / "run.sh").write_text("#!/bin/sh\n")
    os.chmod(src / "run.sh", 0o755)
    (src / "link").symlink_to("a/x.py")
    first = pack(src)
    os.utime(src / "a" / "x.py", (1, 1))
    assert pack(src) == first and digest(pack(src)) == digest(first)
    unpack(first, tmp_path / "dst")
    assert (tmp_path / "dst" / "a" / "x.py").read_text() == "print(1)\n"
    assert os.access(tmp_path / "dst" / "run.sh", os.X_OK)
    assert (tmp_path / "dst" / "link").is_symlink()
    assert pack(src, ("a/x.py",)) != first


async def test_free_slots_are_taken_by_whoever_is_free_and_lost_workers_leave() -> None:
    (one, _), (two, _) = _worker("one"), _worker("two")
    pool = WorkerPool([one, two], sessions=1, scans=1)
    first = await pool.acquire("session")
    second = await pool.acquire("session")
    assert {first, second} == {one, two}
    got: list[Worker] = []

    async def wait() -> None:
        got.append(await pool.acquire("session"))

    async with anyio.create_task_group() as group:
        group.start_soon(wait)
        await anyio.sleep(0.05)
        assert not got  # every slot is busy: the caller waits
        await pool.release("session", second)
    assert got == [second]
    await pool.lost(one, RuntimeError("node gone"))
    await pool.lost(two, RuntimeError("node gone"))
    with pytest.raises(WorkerLost):
        await pool.acquire("scan")


async def test_a_session_whose_worker_is_lost_is_replayed_on_another(tmp_path: Path) -> None:
    (one, h1), (two, h2) = _worker("one"), _worker("two")
    pool = WorkerPool([one, two], sessions=1, scans=1)
    backend = _Backend(pool, described={}, check_runtime="")
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "app.py").write_text("x = 1\n")
    session = await backend.open(copy)
    start = session.worker
    assert start is not None
    await session.write_file("app.py", b"x = 2\n")
    await session.exec(["sh", "-c", "echo made > made.txt"], timeout=30)
    (h1 if start is one else h2).lost = True
    # The next call finds the worker gone: the copy starts again elsewhere, the journal replayed.
    assert await session.read_file("made.txt") == b"made\n"
    assert await session.read_file("app.py") == b"x = 2\n"
    assert session.worker is not start and not start.alive
    await session.sync_out(["app.py"])
    assert (copy / "app.py").read_text() == "x = 2\n"
    await session.aclose()
    kept, _ = backend.kept[copy.resolve()]
    assert kept.alive and kept is not start  # the scan goes where the copy now is
    for handle in (h1, h2):
        await handle.worker.shutdown()


def test_without_ray_the_executor_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from ase_async._errors import ConfigError
    from ase_async.executors.ray_cluster import import_ray

    monkeypatch.setitem(sys.modules, "ray", None)  # as if it were not installed
    with pytest.raises(ConfigError, match=r"pip install 'ase_async\[ray\]'"):
        import_ray()


async def test_a_node_that_lacks_a_tool_stops_the_run_naming_the_node() -> None:
    from ase_async._errors import PreflightError
    from ase_async.executors.ray_cluster import RayCluster, RayOptions
    from ase_async.preflight import Requirement

    class _Preflight:
        async def remote(self, *args: Any) -> list[Requirement]:
            return [Requirement(name="git", ok=True, detail="git 2.39"),
                    Requirement(name="php (the PHP checker)", ok=False, detail="not found", fix="apt-get install php-cli")]

    class _Lacking:
        preflight = _Preflight()

    cluster = RayCluster(RayOptions(), sandbox="local", sandbox_options={}, semgrep_experimental=True)
    info = WorkerInfo(node="abcdef0123456789", host="node-b", cores=1, backend={}, analyzer={}, check_runtime="")
    cluster.workers = [Worker(_Lacking(), info)]
    with pytest.raises(PreflightError, match=r"php \(the PHP checker\) on node node-b .*\n.*apt-get install php-cli"):
        await cluster._preflight({"php"}, set())
