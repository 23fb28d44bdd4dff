"""The checks' warm stand-ins (datasets/ase-lite/checks/_lib/standins.py): a stand-in run
through the server must behave as the same Python program run on its own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

PROJECT = Path(__file__).parent.parent
LIB = PROJECT / "datasets" / "ase-lite" / "checks" / "_lib"
RUNTIME = PROJECT / "sandboxes" / "runtime"

pytestmark = pytest.mark.skipif(not os.access(RUNTIME / "standin" / "ase-standin", os.X_OK),
                                reason="the stand-in client is not built: run scripts/runtime/go.sh")

#: a stand-in that reports everything a program sees, leaves a file in its directory and
#: exits with $PROBE_STATUS
PROBE = """\
import json, os, sys
data = sys.stdin.read()
print(json.dumps({"argv": sys.argv, "env": os.environ.get("PROBE_VALUE"), "cwd": os.getcwd(), "stdin": data}))
print("a line on stderr", file=sys.stderr)
with open("made-here", "w") as out:
    out.write(str(os.getppid()))
sys.exit(int(os.environ.get("PROBE_STATUS", "0")))
"""


def drive(tmp_path: Path, body: str) -> Any:
    """Run ``body`` in a process that, like a check, installs stand-ins (``standins`` is
    imported, ``work`` is ``tmp_path``); the JSON of its last line."""
    script = tmp_path / "driver.py"
    script.write_text(textwrap.dedent(f"""\
        import json, os, signal, subprocess, sys, time
        from pathlib import Path
        sys.path.insert(0, {str(LIB)!r})
        import standins
        work = Path({str(tmp_path)!r})
    """) + textwrap.dedent(body))
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "ASE_RUNTIME": str(RUNTIME)})
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_a_stand_in_sees_what_the_same_program_sees_on_its_own(tmp_path: Path) -> None:
    result = drive(tmp_path, f"""\
        source = {PROBE!r}
        tool = work / "tool"
        (work / "sub").mkdir()
        args = ["a b", "", "$(touch x)", "é\\n-x", "--flag=1"]
        env = {{"PATH": "/usr/bin:/bin", "PROBE_VALUE": "v=1", "PROBE_STATUS": "3"}}

        def run():
            done = subprocess.run([str(tool), *args], cwd=work / "sub", env=env, input="some input",
                                  capture_output=True, text=True, timeout=30)
            parent = int((work / "sub" / "made-here").read_text())
            return [done.returncode, json.loads(done.stdout), done.stderr, parent]

        standins.install(tool, source)
        warm = run()
        server = standins._server().pid
        tool.write_text(f"#!{{sys.executable}} -IS\\n{{source}}")  # the program on its own
        alone = run()
        print(json.dumps({{"warm": warm, "alone": alone, "server": server, "me": os.getpid()}}))
    """)
    assert result["warm"][:3] == result["alone"][:3]
    status, seen, stderr, _ = result["warm"]
    assert status == 3 and stderr == "a line on stderr\n"
    assert seen == {"argv": [str(tmp_path / "tool"), "a b", "", "$(touch x)", "é\n-x", "--flag=1"],
                    "env": "v=1", "cwd": str(tmp_path / "sub"), "stdin": "some input"}
    assert result["warm"][3] == result["server"]  # run by the warm server...
    assert result["alone"][3] != result["server"]  # ...and on its own by a fresh interpreter


def test_errors_and_signals_end_a_stand_in_as_they_end_a_program(tmp_path: Path) -> None:
    result = drive(tmp_path, """\
        raising = standins.install(work / "raising", "raise RuntimeError('no such media')\\n")
        killed = standins.install(work / "killed", "import os, signal\\nos.kill(os.getpid(), signal.SIGTERM)\\n")
        words = standins.install(work / "words", "import sys\\nsys.exit('a message')\\n")
        out = []
        for tool in (raising, killed, words):
            done = subprocess.run([str(tool)], capture_output=True, text=True, timeout=30)
            out.append([done.returncode, done.stderr])
        print(json.dumps(out))
    """)
    (raised, raise_err), (killed, _), (words, words_err) = result
    assert raised == 1 and "RuntimeError: no such media" in raise_err and raise_err.startswith("Traceback")
    assert killed == -15
    assert words == 1 and words_err == "a message\n"


def test_a_stand_in_dies_with_the_client_the_application_killed(tmp_path: Path) -> None:
    result = drive(tmp_path, """\
        tool = standins.install(work / "hang", "import os, time\\nopen('pid', 'w').write(str(os.getpid()))\\ntime.sleep(60)\\n")
        client = subprocess.Popen([str(tool)], cwd=work)
        deadline = time.monotonic() + 20
        while not (work / "pid").exists() or not (work / "pid").read_text():
            assert time.monotonic() < deadline
            time.sleep(0.05)
        pid = int((work / "pid").read_text())
        client.kill()
        client.wait()
        gone = False
        while time.monotonic() < deadline and not gone:
            try:
                os.kill(pid, 0)
                time.sleep(0.05)
            except ProcessLookupError:
                gone = True
        print(json.dumps({"gone": gone}))
    """)
    assert result["gone"]


def test_without_the_server_the_script_runs_on_its_own(tmp_path: Path) -> None:
    """The check that installed a stand-in has ended: the script still answers, slower."""
    drive(tmp_path, f"""\
        standins.install(work / "tool", {PROBE!r})
        print(json.dumps(None))
    """)
    done = subprocess.run([str(tmp_path / "tool"), "x"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=30, env={"PROBE_STATUS": "4"})
    assert done.returncode == 4
    assert json.loads(done.stdout)["argv"] == [str(tmp_path / "tool"), "x"]
    assert int((tmp_path / "made-here").read_text()) == os.getpid()


def test_the_server_runs_only_what_the_check_installed(tmp_path: Path) -> None:
    """The code under test may rewrite a stand-in's script: the server does not run it."""
    result = drive(tmp_path, """\
        tool = standins.install(work / "tool", "print('installed')\\n")
        header = tool.read_text().splitlines()[:2]
        tool.write_text("\\n".join([*header, "print('rewritten')", ""]))
        done = subprocess.run([str(tool)], capture_output=True, text=True, timeout=30)
        print(json.dumps(done.stdout))
    """)
    assert result == "installed\n"


def test_many_clients_at_once(tmp_path: Path) -> None:
    started = time.monotonic()
    result = drive(tmp_path, """\
        tool = standins.install(work / "tool", "import sys, time\\ntime.sleep(0.5)\\nprint(sys.argv[1])\\n")
        clients = [subprocess.Popen([str(tool), str(n)], stdout=subprocess.PIPE, text=True) for n in range(8)]
        print(json.dumps([client.communicate(timeout=30)[0] for client in clients]))
    """)
    assert result == [f"{n}\n" for n in range(8)]
    assert time.monotonic() - started < 30


def test_without_process_descriptors_the_script_is_plain_python(tmp_path: Path) -> None:
    """On a kernel older than 5.3 the server could not wait on its forks: no server then."""
    result = drive(tmp_path, f"""\
        del os.pidfd_open
        tool = standins.install(work / "tool", {PROBE!r})
        done = subprocess.run([str(tool)], cwd=work, capture_output=True, text=True, timeout=30)
        print(json.dumps([tool.read_text().splitlines()[0], done.returncode, int((work / "made-here").read_text()),
                          os.getpid(), standins._running is None]))
    """)
    first_line, status, parent, driver, no_server = result
    assert first_line.endswith(" -IS") and status == 0
    assert parent == driver and no_server
