"""Model providers by name, imported lazily."""

from __future__ import annotations

import importlib
from typing import Any

from ase_async._errors import ConfigError

from .base import ModelAPI

__all__ = ["PROVIDERS", "get_model"]

PROVIDERS: dict[str, tuple[str, str]] = {
    "oracle": ("ase_async.adapters.oracle", "OracleAPI"),
    "anthropic": ("ase_async.adapters.anthropic", "AnthropicAPI"),
}
# Every OpenAI-compatible provider prefix (openai, deepseek, vllm, ollama, ...) and any
# unknown prefix used with --base-url speak Chat Completions.
_OPENAI = ("ase_async.adapters.openai", "OpenAIChatAPI")


def get_model(spec: str, **options: Any) -> ModelAPI:
    """Create the adapter for ``provider/model``.

    Raises:
        ConfigError: the spec is malformed or names an unknown provider.
    """
    provider, sep, model = spec.partition("/")
    if not sep or not provider or not model:
        raise ConfigError(f"model spec {spec!r} must look like provider/model")
    from ._http import ENDPOINTS

    if provider in PROVIDERS:
        module_name, class_name = PROVIDERS[provider]
    elif provider in ENDPOINTS or options.get("base_url"):
        module_name, class_name = _OPENAI
    else:
        known = sorted({*PROVIDERS, *ENDPOINTS})
        raise ConfigError(
            f"unknown provider {provider!r} in {spec!r}; known: {', '.join(known)} "
            "(any other OpenAI-compatible server works with --base-url)"
        )
    module = importlib.import_module(module_name)
    adapter: ModelAPI = getattr(module, class_name)(spec, **options)
    return adapter
