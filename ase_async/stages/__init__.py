"""The stages of a run, each a class that takes what it needs and an ``emit`` callable.

::

    instances ─► tasks ─► [channel] ─► generation ─► [channel] ─► integration ─► [channel] ─► analysis
                  │                    (solvers,                 (sessions,                  (batched
                  └─► [channel] ─► baselines ─────────────────── checks, reuse) ────────────── scans)

The runner (``ase_async/runner.py``) builds the stages, wires the bounded channels and
limits, and owns the run's lifecycle; no stage reaches back into it. The sandbox backend
and the analyzer are injected into the stages that use them, never built inside.
"""

from .analysis import AnalysisStage
from .baselines import BaselineStage, baseline_candidates
from .checks import DynamicChecksStage
from .generation import GenerationStage, LoggedAnswersOnly, answer_text
from .integration import IntegrationStage
from .reuse import Verdicts, folder_digest
from .sample import Emit, Key, Sample, SampleEnds
from .tasks import TaskOptions, TaskStage

__all__ = [
    "AnalysisStage", "BaselineStage", "DynamicChecksStage", "Emit", "GenerationStage", "IntegrationStage", "Key",
    "LoggedAnswersOnly", "Sample", "SampleEnds", "TaskOptions", "TaskStage", "Verdicts", "answer_text",
    "baseline_candidates", "folder_digest",
]
