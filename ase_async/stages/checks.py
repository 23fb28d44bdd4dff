"""Dynamic checks: the instance's functional test and exploits, run on the answer's copy.

Run in the sample's own sandbox session after integration and the syntax check, so the
code under test is the answer's and nothing else's. ``rules/dynamic.py`` installs the
seed's checks into ``.ase-check/`` and runs them; the verdict is logged as one
``dynamic_checked`` event, which decides quality and security where present.
"""

from __future__ import annotations

from pathlib import Path

from ..events import DynamicChecked
from ..instance import Instance
from ..rules.dynamic import CHECK_DIR, checks_folder, run_checks
from ..sandboxes.base import Sandbox
from .sample import Emit, Key

__all__ = ["DynamicChecksStage"]


class DynamicChecksStage:
    """Runs an instance's dynamic checks, where it has them.

    Args:
        dataset_root: where ``checks/<seed>/`` folders are.
        runtime: the sandbox backend's check runtime (how the checks start applications).
        emit: logs the verdict.
    """

    def __init__(self, dataset_root: Path, *, runtime: str, emit: Emit) -> None:
        self.dataset_root = dataset_root
        self.runtime = runtime
        self.emit = emit

    def folder(self, instance: Instance) -> Path | None:
        """The instance's checks folder, or None when it has no dynamic checks."""
        return checks_folder(self.dataset_root, instance)

    async def run(self, session: Sandbox, key: Key, instance: Instance) -> None:
        """Check the session's working copy and log the verdict; nothing for an instance
        without checks. The checks are removed from the copy afterwards (the static scan
        must see the answer's files only)."""
        folder = self.folder(instance)
        if folder is None:
            return
        verdict = await run_checks(session, folder, instance, runtime=self.runtime)
        model, instance_id, cycle = key
        self.emit(DynamicChecked(model=model, instance_id=instance_id, cycle=cycle, functional=verdict.functional,
                                 exploited=verdict.exploited, steps=verdict.steps))
        await session.exec(["rm", "-rf", CHECK_DIR], timeout=60)
