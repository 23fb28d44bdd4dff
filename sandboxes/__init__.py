"""Execution backends. ``get_backend("local")`` or ``get_backend("docker")``."""

from ._registry import BACKENDS, get_backend
from .base import ExecResult, Limits, Sandbox, SandboxBackend

__all__ = ["BACKENDS", "ExecResult", "Limits", "Sandbox", "SandboxBackend", "get_backend"]
