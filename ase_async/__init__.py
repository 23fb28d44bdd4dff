"""ase_async: an asyncio harness for the A.S.E benchmark (repository-level security of
AI-generated code).

The errors are imported here; the rest of the public names on first use (PEP 562), so that
a process that needs one module (a worker building prompts, ``ase --help``) does not import
the whole harness and its dependencies.
"""

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

from ._errors import (
    AnalyzerError,
    AnswerError,
    AnswerTooLarge,
    AseError,
    AuthenticationFailed,
    BadResponse,
    BudgetExhausted,
    CircuitOpen,
    ConfigError,
    ConnectionFailed,
    ContentFiltered,
    DatasetError,
    EmptyAnswer,
    EventLogError,
    FatalModelError,
    MalformedDiff,
    ModelError,
    NoAnswerFound,
    PatchDoesNotApply,
    PreflightError,
    RateLimited,
    SandboxClosed,
    SandboxError,
    TransientModelError,
    UnsafePatch,
)

if TYPE_CHECKING:
    from .api import RunHandle, evaluate, open_run
    from .config import RunConfig
    from .dataset import Dataset, load_dataset
    from .instance import Instance
    from .results import Results
    from .runner import run

_LAZY = {
    "RunHandle": "api", "evaluate": "api", "open_run": "api", "RunConfig": "config", "Dataset": "dataset",
    "load_dataset": "dataset", "Instance": "instance", "Results": "results", "run": "runner",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'ase_async' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value

__all__ = [
    "AnalyzerError",
    "AnswerError",
    "AnswerTooLarge",
    "AseError",
    "AuthenticationFailed",
    "BadResponse",
    "BudgetExhausted",
    "CircuitOpen",
    "ConfigError",
    "ConnectionFailed",
    "ContentFiltered",
    "Dataset",
    "DatasetError",
    "EmptyAnswer",
    "EventLogError",
    "FatalModelError",
    "Instance",
    "MalformedDiff",
    "ModelError",
    "NoAnswerFound",
    "PatchDoesNotApply",
    "PreflightError",
    "RateLimited",
    "Results",
    "RunConfig",
    "RunHandle",
    "SandboxClosed",
    "SandboxError",
    "TransientModelError",
    "UnsafePatch",
    "evaluate",
    "load_dataset",
    "open_run",
    "run",
    "__version__",
]
