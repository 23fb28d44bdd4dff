"""The code under test cannot reach into the check that judges it (rules/checkstart.py).

The application runs as a child of its check, under the same user. A probe plays the
application: it tries to trace its parent and to write into its parent's standard output
through /proc. Started the plain way, the probe gets in (the control: the probe can tell);
started the way the harness starts every check program, it does not.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from ase_async.rules.dynamic import _START, CHECK_DIR, CheckSpec, _command, _manifest, _own_source
from ase_async.rules.steps import run_step
from ase_async.sandboxes import get_backend
from tests.test_sandbox_docker import image  # noqa: F401  (the docker image fixture)

# The "check": starts the "application" and passes its exit status on (1: it got in).
CHECK = textwrap.dedent('''\
    import subprocess, sys
    sys.exit(subprocess.run([sys.executable, "-c", PROBE]).returncode)
''')
# The "application": PTRACE_SEIZE its parent (no stop, detached when the probe exits), then
# open the parent's standard output through /proc.
PROBE = textwrap.dedent('''\
    import ctypes, os, sys
    libc = ctypes.CDLL(None, use_errno=True)
    parent = os.getppid()
    traced = libc.ptrace(0x4206, parent, None, None) == 0
    try:
        os.close(os.open(f"/proc/{parent}/fd/1", os.O_WRONLY))
        opened = True
    except OSError:
        opened = False
    print(f"traced={traced} opened={opened}")
    sys.exit(1 if traced or opened else 0)
''')


@pytest.fixture(params=["local", pytest.param("docker", marks=pytest.mark.docker)])
def backend_name(request: pytest.FixtureRequest) -> str:
    if request.param == "docker":
        request.getfixturevalue("image")  # built or reused; fails in CI without an engine
    return str(request.param)


async def test_the_application_cannot_trace_or_open_its_check(tmp_path: Path, backend_name: str) -> None:
    backend = get_backend(backend_name)
    files = {f"{CHECK_DIR}/shield_check.py": f"PROBE = {PROBE!r}\n{CHECK}".encode(), _START: _own_source("checkstart.py")}
    manifest = _manifest(files)
    work = tmp_path / "work"
    work.mkdir()
    try:
        async with await backend.open(work) as session:
            for path, data in files.items():
                await session.write_file(path, data)

            async def probe(argv: list[str]) -> str:
                command = _command(CheckSpec(argv=argv), manifest, runtime=backend.check_runtime)
                run = await run_step(session, command, timeout=60)
                assert run.exit in (0, 1), run.output
                return run.output

            # control: the same program under a plain interpreter (not rewritten by the harness)
            plain = await probe(["env", "python3", f"{CHECK_DIR}/shield_check.py"])
            assert "traced=True opened=True" in plain
            shielded = await probe(["python3", f"{CHECK_DIR}/shield_check.py"])
            assert "traced=False opened=False" in shielded
    finally:
        await backend.aclose()


def test_the_launcher_runs_the_program_as_python_would(tmp_path: Path) -> None:
    """Arguments, ``__file__``, the script's folder first on the path and the exit status as
    ``python3 SCRIPT`` gives them, in a process that is no longer dumpable."""
    import subprocess
    import sys

    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "helper.py").write_text("VALUE = 'found beside the script'\n")
    (tmp_path / "lib" / "prog.py").write_text(textwrap.dedent('''\
        import ctypes, sys, helper
        from pathlib import Path
        dumpable = ctypes.CDLL(None).prctl(3, 0, 0, 0, 0)  # PR_GET_DUMPABLE
        print(sys.argv[1:], Path(__file__).name, helper.VALUE, __name__, f"dumpable={dumpable}")
        sys.exit(int(sys.argv[1]))
    '''))
    start = tmp_path / "_start.py"
    start.write_bytes(_own_source("checkstart.py"))
    done = subprocess.run([sys.executable, str(start), "lib/prog.py", "7", "x y"], cwd=tmp_path,
                          capture_output=True, text=True)
    assert done.returncode == 7, done.stderr
    assert done.stdout.strip() == "['7', 'x y'] prog.py found beside the script __main__ dumpable=0"
