"""Call the repository's invoice finder with raw filters and print its rows as JSON (child process).

    python3 .ase-check/probe.py DATABASE JSON_KWARGS
    python3 .ase-check/probe.py DATABASE @FILE_OF_JSON_LIST_OF_KWARGS   (a list of row lists, null on error)

Run by exploit.py as a separate process, never inside the check. The finder is the function
of the instance's vuln_file whose parameters are customer, status, issued_from, issued_to.
"""

from __future__ import annotations

import importlib
import inspect
import json
import os
import sys
from pathlib import Path


def finder(module_file: str):  # type: ignore[no-untyped-def]
    name = module_file.removesuffix(".py").replace("/", ".")
    module = importlib.import_module(name)
    for _, function in inspect.getmembers(module, inspect.isfunction):
        if {"customer", "status", "issued_from", "issued_to"} <= set(inspect.signature(function).parameters):
            return function
    raise SystemExit(f"no invoice finder in {module_file}")


def main() -> None:
    os.environ["LEDGERLY_DB"] = sys.argv[1]
    sys.path.insert(0, str(Path.cwd()))
    record = json.loads((Path(__file__).resolve().parent / "instance.json").read_text())
    find = finder(record["vuln_file"])
    spec = sys.argv[2]
    calls = json.loads(Path(spec[1:]).read_text() if spec.startswith("@") else spec)
    if isinstance(calls, dict):
        print(json.dumps([dict(row) for row in find(**calls)], default=str))
        return
    # a list of calls: one list of rows each, null where the finder raised
    answers = []
    for call in calls:
        try:
            answers.append([dict(row) for row in find(**call)])
        except Exception:  # a rejected value is an answer too
            answers.append(None)
    print(json.dumps(answers, default=str))


if __name__ == "__main__":
    main()
