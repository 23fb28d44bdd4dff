"""Backends by name, imported lazily so that a missing optional package only matters when used."""

from __future__ import annotations

import importlib
from typing import Any

from ase_async._errors import ConfigError

from .base import SandboxBackend

__all__ = ["BACKENDS", "get_backend"]

BACKENDS: dict[str, tuple[str, str, str]] = {
    "local": ("ase_async.sandboxes.local", "LocalBackend", ""),
    "docker": ("ase_async.sandboxes.docker", "DockerBackend", "aiodocker"),
    # Fails on purpose, for reliability tests and benchmarks/fault_injection.py.
    "flaky": ("ase_async.testing.sandboxes", "FlakyBackend", ""),
}


def get_backend(name: str, **options: Any) -> SandboxBackend:
    """Create the named backend.

    Raises:
        ConfigError: unknown name, or its optional dependency is not installed.
    """
    try:
        module_name, class_name, needs = BACKENDS[name]
    except KeyError:
        raise ConfigError(f"unknown sandbox {name!r}; choose one of {', '.join(BACKENDS)}") from None
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise ConfigError(
            f"the {name} sandbox needs {needs or exc.name}: pip install 'ase-async[{name}]'"
        ) from exc
    backend: SandboxBackend = getattr(module, class_name)(**options)
    return backend
