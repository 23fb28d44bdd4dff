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


_TOOL_UNDER_TMP = """
import anyio, sys
from pathlib import Path
from ase_async.sandboxes.local import LocalBackend

async def main() -> None:
    work = Path(sys.argv[1])
    work.mkdir()
    async with await LocalBackend(isolation="bwrap").open(work) as session:
        result = await session.exec(["semgrep", "--version"], timeout=30)
        print(result.returncode, result.stdout.decode().strip())

anyio.run(main)
"""


def test_tools_installed_under_tmp_are_visible(tmp_path: Path) -> None:
    """A virtualenv under /tmp (a clone there, say) keeps its tools inside the private /tmp."""
    import subprocess
    import sys
    import sysconfig

    if not bubblewrap_works():
        pytest.skip("bubblewrap does not work on this machine")
    assert str(tmp_path).startswith("/tmp/")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    # The new environment imports this one's packages; only its own tool is new.
    site = next(venv.glob("lib/python*/site-packages"))
    (site / "harness.pth").write_text(f"import site; site.addsitedir({sysconfig.get_paths()['purelib']!r})\n")
    tool = venv / "bin" / "semgrep"
    tool.write_text("#!/bin/sh\necho semgrep-under-tmp\n")
    tool.chmod(0o755)
    done = subprocess.run([str(venv / "bin" / "python"), "-c", _TOOL_UNDER_TMP, str(tmp_path / "work")],
                          capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "0 semgrep-under-tmp", (done.stdout, done.stderr[-2000:])
