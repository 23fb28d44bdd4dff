from __future__ import annotations

from pathlib import Path

import pytest

from ase_async.sandboxes import Limits, get_backend
from ase_async.sandboxes.local import LocalBackend, bubblewrap_works
from ase_async.testing.sandbox_conformance import CHECKS, run_check


@pytest.fixture(params=["bubblewrap", "plain"])
def backend(request: pytest.FixtureRequest) -> LocalBackend:
    if request.param == "bubblewrap" and not bubblewrap_works():
        pytest.skip("bubblewrap does not work on this machine")
    isolation = "bwrap" if request.param == "bubblewrap" else "none"
    return LocalBackend(limits=Limits(memory_mb=512, cpu_seconds=60), isolation=isolation)


@pytest.mark.parametrize("check", sorted(CHECKS))
async def test_local_backend_conformance(backend: LocalBackend, check: str, tmp_path: Path) -> None:
    await run_check(check, backend, tmp_path / "work")


async def test_hidden_folders_are_empty_inside(tmp_path: Path) -> None:
    if not bubblewrap_works():
        pytest.skip("bubblewrap does not work on this machine")
    secret = tmp_path / "dataset"
    secret.mkdir()
    (secret / "fix.txt").write_text("reference fix")
    work = tmp_path / "work"
    work.mkdir()
    backend = LocalBackend(hide=[secret, tmp_path])
    async with await backend.open(work) as session:
        result = await session.exec(["cat", str(secret / "fix.txt")], timeout=30)
        assert not result.ok and b"reference fix" not in result.stdout
        assert (await session.exec(["true"], timeout=30)).ok  # the working copy stays usable


def test_unknown_backend_is_a_config_error() -> None:
    from ase_async import ConfigError

    with pytest.raises(ConfigError, match="local"):
        get_backend("nope")
