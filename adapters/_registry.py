"""Model providers by name, imported lazily."""

from __future__ import annotations

import importlib
from typing import Any

from ase_async._errors import ConfigError

from .base import ModelAPI

__all__ = ["PROVIDERS", "get_model"]

PROVIDERS: dict[str, tuple[str, str]] = {
    "oracle": ("ase_async.adapters.oracle", "OracleAPI"),
}


def get_model(spec: str, **options: Any) -> ModelAPI:
    """Create the adapter for ``provider/model``.

    Raises:
        ConfigError: the spec is malformed or names an unknown provider.
    """
    provider, sep, model = spec.partition("/")
    if not sep or not provider or not model:
        raise ConfigError(f"model spec {spec!r} must look like provider/model")
    try:
        module_name, class_name = PROVIDERS[provider]
    except KeyError:
        raise ConfigError(
            f"unknown provider {provider!r} in {spec!r}; known: {', '.join(sorted(PROVIDERS))}"
        ) from None
    module = importlib.import_module(module_name)
    adapter: ModelAPI = getattr(module, class_name)(spec, **options)
    return adapter
