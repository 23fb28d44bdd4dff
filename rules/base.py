"""The analyzer seam: count an instance rule's findings in working copies, many at a time."""

from __future__ import annotations

import abc
from collections.abc import Sequence
from pathlib import Path

import msgspec

from ase_async.events import Finding
from ase_async.instance import Instance

__all__ = ["Analyzer", "Candidate", "ScanResult"]


class Candidate(msgspec.Struct, frozen=True):
    """One working copy to scan with one rule file.

    ``root`` is the host folder of the working copy; ``files`` are relative to it.
    A parse failure in one of ``must_parse`` (the files the answer wrote) fails the scan;
    elsewhere it is recorded and tolerated, since the baseline carries it too.
    """

    key: str
    root: Path
    rule_file: Path
    files: tuple[str, ...]
    must_parse: tuple[str, ...] = ()
    #: also count the sink sites of the rule file (the functionality check)
    presence: bool = False
    #: the instance scanned; analyzers other than semgrep (rules/upstream.py) read their
    #: contract from it (``detected_tool``, ``dynamic``, ``scan_files``)
    instance: Instance | None = None


class ScanResult(msgspec.Struct, frozen=True):
    key: str
    ok: bool
    count: int | None = None
    findings: tuple[Finding, ...] = ()
    message: str = ""
    #: sink sites found, when the candidate asked for the functionality check
    presence: int | None = None
    #: named pass/fail steps of analyzers that have them (the dynamic contract:
    #: ``patch_file``, ``image_status_check``, ``test_case_check``, ``poc_check``)
    checks: dict[str, bool] = {}


class Analyzer(abc.ABC):
    """Counts findings. Batches are an optimisation: results must not depend on them."""

    name: str = "abstract"

    @abc.abstractmethod
    async def scan(self, candidates: Sequence[Candidate]) -> list[ScanResult]:
        """Scan every candidate; one result each, in the same order.

        A candidate whose scan fails gets ``ok=False`` and a message; it never makes the
        other candidates of the batch fail.
        """

    def describe(self) -> dict[str, str]:
        return {"engine": self.name}

    async def aclose(self) -> None:
        """Release what the analyzer holds."""
