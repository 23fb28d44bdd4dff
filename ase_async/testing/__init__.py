"""Fakes and conformance kits for tests of ase_async and of backends written for it."""

from .models import ScriptedModel
from .sandbox_conformance import check_sandbox_backend

__all__ = ["ScriptedModel", "check_sandbox_backend"]
