"""The functionality check: does the answer still do the job?

Deleting the vulnerable code, or stubbing it out, removes every finding, so a count of
findings alone would score it secure. The sinks of an instance's taint rules name what the
masked code is there to do (run the query, write the page, read the file, run the
command). Turned into plain search rules they find every such call whether tainted or not.

An answer keeps the functionality when its working copy has more sink sites than the
masked repository (whose region is gone): it wrote at least one. The check is calibrated
per instance: it applies only where the reference fix passes it, so a secure fix that
reaches the job through another API (an argument-list helper, an ORM) is never penalised
on an instance where the rule cannot see that API.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .semgrep import load_rule_file

__all__ = ["presence_rules"]

# Keys of a taint sink that only mean something in taint mode.
_TAINT_ONLY = {"requires", "exact", "by-side-effect", "label", "at-exit"}


def presence_rules(rule_file: Path) -> list[dict[str, Any]]:
    """Search-mode rules that find the sink sites of ``rule_file``'s taint rules."""
    found: list[dict[str, Any]] = []
    for rule in load_rule_file(rule_file):
        if rule.get("mode") != "taint":
            continue
        for index, sink in enumerate(rule.get("pattern-sinks") or []):
            if not isinstance(sink, dict):
                continue
            patterns = {k: v for k, v in sink.items() if k not in _TAINT_ONLY}
            if not patterns:
                continue
            found.append({
                "id": f"{rule['id']}-presence-{index}",
                "languages": rule["languages"],
                "severity": "INFO",
                "message": "a sink site",
                **({"paths": rule["paths"]} if "paths" in rule else {}),
                **patterns,
            })
    return found
