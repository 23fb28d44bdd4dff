"""A check's steps in one sandbox command (``checkstart.py --batch``) keep what separate
steps give: each step verified, timed and cleaned up after, and only the exit status trusted."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from ase_async.rules.checkstart import BATCH_FAILED, BATCH_LINE, check_manifest
from ase_async.rules.dynamic import CHECK_DIR, _manifest, _own_source

PASS = "import sys; print('PASS: fine'); sys.exit(0)\n"
FAIL = "import sys; print('FAIL: exploited'); sys.exit(1)\n"
# Leaves a grandchild that detaches (new session, parent gone) and records its pid.
DAEMON = textwrap.dedent('''\
    import os, sys, time
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            open(".ase-check/daemon.pid", "w").write(str(os.getpid()))
            time.sleep(120)
        os._exit(0)
    time.sleep(0.5)
    print("PASS: left a daemon")
''')
SLEEP = "import time; time.sleep(60)\n"
TAMPER = "open('.ase-check/second.py', 'a').write('# changed\\n'); print('PASS')\n"


def _install(root: Path, programs: dict[str, str]) -> dict[str, bytes]:
    files = {f"{CHECK_DIR}/{name}": source.encode() for name, source in programs.items()}
    files[f"{CHECK_DIR}/_start.py"] = _own_source("checkstart.py")
    files[f"{CHECK_DIR}/_pristine.py"] = _own_source("pristine.py")
    (root / CHECK_DIR / "_lib").mkdir(parents=True)
    for path, data in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(data)
    return files


def _batch(root: Path, files: dict[str, bytes], steps: list[tuple[str, float]]) -> tuple[int, list[dict[str, object]], float]:
    plan = {"checks": CHECK_DIR, "manifest": hashlib.sha256(_manifest(files).encode()).hexdigest(),
            "store": "", "digest": "", "steps": [{"argv": [f"{CHECK_DIR}/{name}"], "timeout": t} for name, t in steps]}
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-E", "-s", "-B", f"{CHECK_DIR}/_start.py", "--batch", json.dumps(plan)],
                          cwd=root, capture_output=True, text=True, timeout=120)
    reports = [json.loads(line[len(BATCH_LINE):]) for line in done.stdout.splitlines() if line.startswith(BATCH_LINE)]
    return done.returncode, reports, time.monotonic() - started


def test_steps_run_in_order_and_the_first_failure_ends_the_batch(tmp_path: Path) -> None:
    files = _install(tmp_path, {"one.py": PASS, "two.py": FAIL, "three.py": PASS})
    status, reports, _ = _batch(tmp_path, files, [("one.py", 30), ("two.py", 30), ("three.py", 30)])
    assert status == BATCH_FAILED + 1
    assert [(r["index"], r["exit"]) for r in reports] == [(0, 0), (1, 1)]
    assert "FAIL: exploited" in str(reports[1]["output"])


def test_all_passed_is_status_zero(tmp_path: Path) -> None:
    files = _install(tmp_path, {"one.py": PASS, "two.py": PASS})
    status, reports, _ = _batch(tmp_path, files, [("one.py", 30), ("two.py", 30)])
    assert status == 0 and [r["exit"] for r in reports] == [0, 0]


def test_what_a_step_detaches_does_not_outlive_it(tmp_path: Path) -> None:
    files = _install(tmp_path, {"daemon.py": DAEMON, "two.py": PASS})
    status, _, _ = _batch(tmp_path, files, [("daemon.py", 30), ("two.py", 30)])
    assert status == 0
    pid = int((tmp_path / CHECK_DIR / "daemon.pid").read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_each_step_has_its_own_time_limit(tmp_path: Path) -> None:
    files = _install(tmp_path, {"one.py": PASS, "slow.py": SLEEP, "three.py": PASS})
    status, reports, took = _batch(tmp_path, files, [("one.py", 30), ("slow.py", 1.0), ("three.py", 30)])
    assert status == BATCH_FAILED + 1 and reports[1]["timed_out"] is True
    assert took < 30


def test_check_files_changed_by_a_step_stop_the_next(tmp_path: Path) -> None:
    files = _install(tmp_path, {"tamper.py": TAMPER, "second.py": PASS})
    status, reports, _ = _batch(tmp_path, files, [("tamper.py", 30), ("second.py", 30)])
    assert status == BATCH_FAILED + 1
    assert "changed while the code under test ran" in str(reports[1]["output"])


def test_the_batch_verifies_what_the_shell_guard_verifies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same manifest, byte for byte, as the harness computes and ``sha256sum`` prints."""
    files = _install(tmp_path, {"one.py": PASS, "sub/two.py": PASS, "b.pth": "x\n", "Z.py": PASS})
    (tmp_path / CHECK_DIR / "notes.txt").write_text("not a Python file\n")
    monkeypatch.chdir(tmp_path)
    assert check_manifest(f"./{CHECK_DIR}") == _manifest(files)
    shell = subprocess.run(f"find ./{CHECK_DIR} \\( -name '*.py*' -o -name '*.pth' \\) ! -type d | LC_ALL=C sort "
                           "| xargs -r sha256sum", shell=True, cwd=tmp_path, capture_output=True, text=True)
    assert shell.stdout.rstrip("\n") == _manifest(files)
