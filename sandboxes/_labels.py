"""Labels that name the harness process owning a container: cleanup, and reaping after a crash."""

from __future__ import annotations

import os
import socket
from pathlib import Path

__all__ = ["owner_labels", "pid_namespace", "process_started"]


def owner_labels(run_label: str) -> dict[str, str]:
    """Labels that tell which harness process owns a container, for cleanup and reaping."""
    return {
        "ase_async": "1",
        "ase_async.run": run_label,
        "ase_async.pid": str(os.getpid()),
        "ase_async.pidns": pid_namespace(),
        "ase_async.started": process_started(os.getpid()),
        "ase_async.host": socket.gethostname(),
    }


def pid_namespace() -> str:
    """This process's PID namespace, as the kernel names it (``pid:[4026531836]``)."""
    try:
        return os.readlink("/proc/self/ns/pid")
    except OSError:
        return "unknown"


def process_started(pid: int) -> str:
    """When ``pid`` started (clock ticks since boot): tells a reused pid from its first owner."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return "unknown"
