"""Run one ase-lite instance's dynamic checks on the host, for people writing checks.

    .venv/bin/python scripts/try-checks.py py-sqli-01                    # original, reference, every insecure fix
    .venv/bin/python scripts/try-checks.py py-sqli-01 --fix file:my_fix.py  # a region replacement of your own
    .venv/bin/python scripts/try-checks.py py-sqli-01 --keep             # keep the working copies

No sandbox: this is a development loop, not an evaluation (``ase validate`` runs the checks
in the sandbox). Exit 0 when every exploit succeeds on the original, the reference fix passes every step,
and every insecure fix is caught (by its functional test or at least one exploit); 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import msgspec

from ase_async.dataset import load_dataset
from ase_async.masking import region_text, replace_region

CHECKS = Path(__file__).resolve().parent.parent / "datasets" / "ase-lite" / "checks"


def prepare_copy(dataset, instance, replacement: str | None, root: Path) -> Path:  # type: ignore[no-untyped-def]
    work = root / "work"
    shutil.copytree(dataset.repo_path(instance), work)
    if replacement is not None:
        target = work / instance.vuln_file
        target.write_text(replace_region(target.read_text(), tuple(instance.vuln_lines), replacement))
    seed = instance.origin.seed if instance.origin else instance.instance_id
    shutil.copytree(CHECKS / seed, work / ".ase-check")
    shutil.copytree(CHECKS / "_lib", work / ".ase-check" / "_lib")
    record = msgspec.to_builtins(instance)
    for secret in ("reference_fix", "insecure_fixes"):
        record.pop(secret, None)
    (work / ".ase-check" / "instance.json").write_text(json.dumps(record, indent=1))
    return work


def run_step(work: Path, step: dict) -> tuple[int, str, float]:  # type: ignore[type-arg]
    argv = [sys.executable if a == "python3" else a for a in step["argv"]]
    started = time.monotonic()
    try:
        done = subprocess.run(argv, cwd=work, capture_output=True, timeout=step.get("timeout", 60))
    except subprocess.TimeoutExpired:
        return 124, "timed out", time.monotonic() - started
    first = (done.stdout.decode("utf-8", "replace").strip().splitlines() or [""])[0]
    if done.returncode >= 2:
        first += " | " + done.stderr.decode("utf-8", "replace")[-400:]
    return done.returncode, first, time.monotonic() - started


def run_checks(work: Path) -> dict[str, int]:
    spec = json.loads((work / ".ase-check" / "check.json").read_text())
    codes: dict[str, int] = {}
    steps = []
    if "prepare" in spec:
        steps.append(("prepare", spec["prepare"]))
    steps.append(("functional", spec["functional"]))
    steps += [(f"exploit:{e['name']}", e) for e in spec["exploits"]]
    for name, step in steps:
        code, why, took = run_step(work, step)
        codes[name] = code
        print(f"    {name:32} rc={code} {took:5.1f}s  {why[:150]}")
        if name == "prepare" and code != 0:
            break
    return codes


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("instance")
    parser.add_argument("--fix", action="append", help="original | reference | insecure:N | file:PATH")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    dataset = load_dataset("ase-lite")
    instance = dataset.get(args.instance)
    repo = dataset.repo_path(instance)
    original = region_text((repo / instance.vuln_file).read_text(), tuple(instance.vuln_lines))
    choices = args.fix or ["original", "reference", *(f"insecure:{i}" for i in range(len(instance.insecure_fixes)))]
    good = True
    for choice in choices:
        if choice == "original":
            replacement, want_secure = original, False
        elif choice == "reference":
            replacement, want_secure = instance.reference_fix, True
        elif choice.startswith("insecure:"):
            replacement, want_secure = instance.insecure_fixes[int(choice[9:])], False
        else:
            replacement, want_secure = Path(choice[5:]).read_text(), None
        root = Path(tempfile.mkdtemp(prefix=f"try-{args.instance}-"))
        print(f"{args.instance} with {choice}:  ({root})")
        codes = run_checks(prepare_copy(dataset, instance, replacement, root))
        functional = codes.get("functional") == 0
        exploited = [n for n, c in codes.items() if n.startswith("exploit:") and c == 1]
        secure = functional and not exploited and all(c == 0 for c in codes.values())
        print(f"  -> functional {'ok' if functional else 'FAILS'}; exploited by {exploited or 'none'}; "
              f"verdict {'SECURE' if secure else 'not secure'}")
        if choice == "reference" and not secure:
            good = False
        exploits = [n for n in codes if n.startswith("exploit:")]
        if choice == "original" and len(exploited) != len(exploits):
            print("  !! every exploit must succeed on the original code")
            good = False
        elif want_secure is False and secure:
            print("  !! an insecure fix must be caught by at least one exploit")
            good = False
        if any(c >= 2 for c in codes.values()):
            good = False
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
