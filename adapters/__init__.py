"""Model adapters: ``get_model("provider/model")``."""

from ._registry import PROVIDERS, get_model
from .base import GenerateConfig, ModelAPI, ModelOutput, ModelRequest

__all__ = ["PROVIDERS", "GenerateConfig", "ModelAPI", "ModelOutput", "ModelRequest", "get_model"]
