"""Whole runs, as root, in which answers try what the adversarial review did: run code during
the checks, escape the sandbox, poison state that a later sample or another model would use.

Nothing outside an answer's working copy may change (full snapshots of a canary folder in
the home folder and of the harness checkout), no other sample is touched, and the hostile
samples are not secure.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

import anyio
import pytest

from ase_async import RunConfig, run
from ase_async.eventlog import read_events
from ase_async.events import AnswerReceived, DynamicChecked, Integrated
from ase_async.imports import read_answers
from tests.conftest import FIX
from tests.test_dynamic import VULNERABLE, dataset_with_checks
from tests.test_sandbox_docker import image  # noqa: F401  (the docker image fixture)

CHECKOUT = Path(__file__).resolve().parent.parent


def snapshot(root: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        if path.is_symlink():
            found[str(path)] = "link:" + os.readlink(path)
        elif path.is_file():
            found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def checkout_snapshot() -> dict[str, str]:
    """The checkout as git sees it (tracked and untracked files; .venv and caches aside)."""
    import subprocess

    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=CHECKOUT, capture_output=True,
                            text=True, check=True).stdout.split("\n")
    return {p: hashlib.sha256((CHECKOUT / p).read_bytes()).hexdigest()
            for p in listed if p and (CHECKOUT / p).is_file() and not p.startswith("datasets/ase-lite/checks/")}


def escape_payload(canary: Path, victim_glob: str) -> str:
    """Python run when the answer's route runs (the functional test calls it)."""
    return (
        "    import glob, os, socket, subprocess\n"
        "    for attempt in (\n"
        f"        lambda: open({str(canary / 'pwned')!r}, 'w').write('x'),\n"
        f"        lambda: open({str(CHECKOUT / 'pwned')!r}, 'w').write('x'),\n"
        f"        lambda: [open(p, 'a').write('poison') for p in glob.glob({victim_glob!r}, recursive=True)],\n"
        "        lambda: subprocess.run(['mount', '-o', 'remount,rw', '/'], check=True),\n"
        "        lambda: socket.socket(socket.AF_UNIX).connect('/var/run/docker.sock'),\n"
        "        lambda: os.makedirs(os.path.expanduser('~/.config/git'), exist_ok=True),\n"
        "    ):\n"
        "        try:\n"
        "            attempt()\n"
        "        except Exception:\n"
        "            pass\n"
    )


def test_hostile_answers_change_nothing_outside_their_copies(tmp_path: Path) -> None:
    home = Path.home()
    canary = Path(tempfile.mkdtemp(prefix="ase-canary-", dir=home if os.access(home, os.W_OK) else tmp_path))
    (canary / "secret.txt").write_text("do not touch")
    dataset = dataset_with_checks(tmp_path / "data")
    out = tmp_path / "out"
    victim_glob = str(out / "work" / "samples" / "**" / "*.py")
    hostile_code = escape_payload(canary, victim_glob) + "".join(VULNERABLE)
    node_option = (  # item 1: a file name that node would take as an option
        "--- /dev/null\n+++ b/node_modules/x.js\n@@ -0,0 +1 @@\n+require('fs').writeFileSync('pwned', 'x')\n"
        "--- /dev/null\n+++ b/--require=node_modules/x.js\n@@ -0,0 +1 @@\n+let a = 1;\n"
    )
    lines = [
        {"model": "hostile-code", "instance_id": "tiny-sqli", "cycle": 0, "answer": f"```python\n{hostile_code}```\n"},
        {"model": "victim", "instance_id": "tiny-sqli", "cycle": 0,
         "answer": f"```python\n{FIX}```\n"},
    ]
    answers = tmp_path / "answers.jsonl"
    answers.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    names = tmp_path / "names.jsonl"
    names.write_text(json.dumps({"model": "hostile-names", "instance_id": "tiny-sqli", "cycle": 0,
                                 "answer": f"```diff\n{node_option}```\n"}) + "\n")
    before_canary, before_checkout = snapshot(canary), checkout_snapshot()
    config = RunConfig(models=["hostile-code", "victim"], dataset=str(dataset), out=str(out),
                       cycles=1, contract="code", phase="evaluate", imported_answers=read_answers(answers),
                       keep_workdirs=True)
    names_config = RunConfig(models=["hostile-names"], dataset=str(dataset), out=str(tmp_path / "names-out"),
                             cycles=1, contract="diff", phase="evaluate", imported_answers=read_answers(names))
    try:
        results = anyio.run(run, config)
        results.models.update(anyio.run(run, names_config).models)
        assert snapshot(canary) == before_canary
        assert checkout_snapshot() == before_checkout and not (CHECKOUT / "pwned").exists()
        assert results.models["victim"].security == 100.0
        assert results.models["hostile-names"].security == 0.0
        events = list(read_events(out / "events.jsonl"))
        refused = next(e for e in read_events(tmp_path / "names-out" / "events.jsonl")
                       if isinstance(e, Integrated) and e.model == "hostile-names")
        assert refused.kind == "unsafe_patch" and "'-' or '@'" in refused.message
        ran = next(e for e in events if isinstance(e, DynamicChecked) and e.model == "hostile-code")
        assert ran.steps, "the hostile code ran inside the sandbox (the functional step imported it)"
        victim_copies = list((out / "work" / "samples").glob("victim*/*/app.py"))
        assert victim_copies and all("poison" not in p.read_text() for p in victim_copies)
    finally:
        import shutil

        shutil.rmtree(canary, ignore_errors=True)


PLANT = (
    # item 3: state a warm container could hand to the next session: a global git config
    # with an fsmonitor hook in a folder of mode 0100, /dev/shm, and the fix itself.
    "mkdir -p \"$HOME/.config/git\" && printf '[core]\\n\\tfsmonitor = \"sh -c \\\\\"env > /tmp/stolen-env\\\\\"\"\\n' "
    "> \"$HOME/.config/git/config\" && chmod 0100 \"$HOME/.config\" && echo poison > /dev/shm/poison && "
    "python3 -c \"p='app.py'; s=open(p).read(); open(p,'w').write(s.replace('    <MASKED>', "
    "'    owner = 1\\n    return page(\\\"Notes\\\", [owner])'))\""
)
LOOK = (
    # The victim writes what it finds of earlier sessions into its answer.
    "{ [ -e /tmp/stolen-env ] && echo FOUND-ENV; [ -e /dev/shm/poison ] && echo FOUND-SHM; "
    "[ -e \"$HOME/.config\" ] && echo FOUND-CONFIG; git config --list 2>/dev/null | grep -q fsmonitor && echo FOUND-GIT; "
    "echo looked; } > seen.txt 2>&1; python3 -c \"p='app.py'; s=open(p).read(); open(p,'w').write(s.replace('    <MASKED>', "
    "'    owner = 2\\n    return page(\\\"Notes\\\", [owner])'))\""
)


def test_code_that_breaks_itself_after_the_functional_test_is_not_secure(tmp_path: Path) -> None:
    dataset = dataset_with_checks(tmp_path / "data")
    sabotage = ("    import glob\n"
                "    for path in glob.glob('*.py'):\n"
                "        open(path, 'a').write('\\nbroken(')\n") + "".join(VULNERABLE)
    answers = tmp_path / "answers.jsonl"
    answers.write_text(json.dumps({"model": "m", "instance_id": "tiny-sqli", "cycle": 0,
                                   "answer": f"```python\n{sabotage}```\n"}) + "\n")
    config = RunConfig(models=["m"], dataset=str(dataset), out=str(tmp_path / "out"), cycles=1, contract="code",
                       phase="evaluate", imported_answers=read_answers(answers))
    assert anyio.run(run, config).models["m"].security == 0.0


@pytest.mark.docker
async def test_a_poisoned_container_never_serves_another_system(image: str, tiny_dataset: Path, tmp_path: Path) -> None:
    config = RunConfig(models=["oracle/gold"], dataset=str(tiny_dataset), out=str(tmp_path / "out"), cycles=3,
                       solvers=[f"cli:{PLANT}", f"cli:{LOOK}"], sandbox="docker", sandbox_sessions=1)
    await run(config)
    answers = [e for e in read_events(tmp_path / "out" / "events.jsonl") if isinstance(e, AnswerReceived)]
    seen = [a.text for a in answers if LOOK in a.model]
    assert len(seen) == 3 and all("looked" in text for text in seen)
    assert not [text for text in seen if "FOUND-" in text], seen
