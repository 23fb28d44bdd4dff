"""Where a run's sandbox sessions and scans execute: this machine, or a Ray cluster.

``local`` (the default) builds the sandbox backend and analyzer in the driver's process.
``ray`` runs them on the workers of a Ray cluster (``ray_run.py``); Ray is an optional
extra (``pip install 'ase_async[ray]'``) and is imported only when that executor is chosen.
"""

from __future__ import annotations

from typing import Literal

from .ray_cluster import INSTALL_HINT, RayOptions

__all__ = ["INSTALL_HINT", "Executor", "RayOptions"]

Executor = Literal["local", "ray"]
