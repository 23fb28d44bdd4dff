"""ase_async: an asyncio harness for the A.S.E benchmark (repository-level security of
AI-generated code)."""

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
from .api import RunHandle, evaluate, open_run
from .config import RunConfig
from .dataset import Dataset, load_dataset
from .instance import Instance
from .results import Results
from .runner import run

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
