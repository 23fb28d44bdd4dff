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
from ase_async.rules.steps import SHIELDED_WRAPPER, STEP_WRAPPER, run_step
from ase_async.sandboxes import get_backend
from tests.test_sandbox_docker import image  # noqa: F401  (the docker image fixture)

# The "check": starts the "application" and passes its exit status on (1: it got in).
CHECK = textwrap.dedent('''\
    import subprocess, sys
    sys.exit(subprocess.run([sys.executable, "-c", PROBE]).returncode)
''')
# The "application": for each ancestor up to the sandbox's first process, PTRACE_SEIZE it (no
# stop; detached when the probe exits) and open its standard output through /proc. Prints
# what it reached, by command name; exits 1 when it reached a Python or a shell process (the
# check, or whatever holds the step's nonce and reports its status).
PROBE = textwrap.dedent('''\
    import ctypes, os, sys
    libc = ctypes.CDLL(None, use_errno=True)
    reached = []
    pid = os.getppid()
    while pid > 1:
        with open(f"/proc/{pid}/stat") as handle:
            stat = handle.read()
        name, parent = stat[stat.index("(") + 1 : stat.rindex(")")], int(stat[stat.rindex(")") + 2 :].split()[1])
        traced = libc.ptrace(0x4206, pid, None, None) == 0
        try:
            os.close(os.open(f"/proc/{pid}/fd/1", os.O_WRONLY))
            opened = True
        except OSError:
            opened = False
        if traced or opened:
            reached.append(name)
        pid = parent
    print("reached=" + ",".join(reached))
    sys.exit(1 if any(n.startswith(("python", "sh", "dash", "bash")) for n in reached) else 0)
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

            async def probe(argv: list[str], wrapper: tuple[str, ...]) -> tuple[int | None, str]:
                command = _command(CheckSpec(argv=argv), manifest, runtime=backend.check_runtime)
                run = await run_step(session, command, timeout=60, wrapper=wrapper)
                assert "reached=" in run.output, run.output
                return run.exit, run.output

            # control: the same program under a plain interpreter and the shell wrapper
            status, plain = await probe(["env", "python3", f"{CHECK_DIR}/shield_check.py"], ("sh", "-c", STEP_WRAPPER))
            assert status == 1 and "reached=python" in plain
            status, shielded = await probe(["python3", f"{CHECK_DIR}/shield_check.py"], SHIELDED_WRAPPER)
            assert status == 0, shielded
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
