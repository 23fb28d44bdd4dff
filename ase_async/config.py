"""The settings of one run."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import msgspec

from .adapters.agent import AgentBudgets
from .adapters.base import GenerateConfig
from .imports import ImportedAnswer
from .retry import RetryPolicy
from .rules.upstream import CommandTool
from .task import DEFAULT_BUDGET, ContextSource, Contract, PromptStyle
from .tokens import DEFAULT_TOKENIZER
from .upstream.retrieval import SeedMapping

__all__ = ["RunConfig"]


def _cores() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


class RunConfig(msgspec.Struct, kw_only=True):
    """Everything that decides what a run does.

    Limits: ``sandbox_sessions`` working copies are integrated and checked at once;
    ``analyzer_processes`` semgrep processes run at once (CPU-bound: about the core count),
    each on up to ``batch_size`` candidates.
    """

    models: list[str]
    dataset: str = "ase-lite"
    out: str = "runs/latest"
    cycles: int = 3
    contract: Contract = "diff"
    instances: list[str] | None = None
    sandbox: str = "local"
    sandbox_options: dict[str, Any] = {}
    prompt_budget: int = DEFAULT_BUDGET
    tokenizer: str = DEFAULT_TOKENIZER
    sandbox_sessions: int = msgspec.field(default_factory=lambda: 2 * _cores())
    analyzer_processes: int = msgspec.field(default_factory=_cores)
    batch_size: int = 32
    #: seconds a scan waits to fill its batch
    batch_wait: float = 0.5
    #: the same where dynamic checks pace the candidates (one every few seconds): a
    #: semgrep start costs about half a second of CPU, so scanning each candidate alone
    #: would cost more than the scans; a full batch or the end of the run cuts it short
    paced_batch_wait: float = 30.0
    #: at most this many worker processes rank repository files and count prompt tokens
    #: (CPU-bound), used when the first prompt shows the whole build would be long
    task_processes: int = msgspec.field(default_factory=_cores)
    #: repositories cloned or exported at once (disk- and network-bound)
    exports: int = 8
    #: seconds one answer's integration and checks may take in all; past it the answer
    #: fails (the harness's own commands have their own, shorter time limits)
    sample_eval_seconds: float = 900.0
    #: phase: ``run`` (answers and evaluation), ``generate`` (answers only), ``evaluate``
    #: (only answers already in the log; no model is called)
    phase: str = "run"
    #: answers produced elsewhere, to evaluate in the ``evaluate`` phase (``ase evaluate --answers``)
    imported_answers: list[ImportedAnswer] = []
    max_connections: int | None = None
    requests_per_minute: float | None = None
    tokens_per_minute: float | None = None
    retry: RetryPolicy = msgspec.field(default_factory=RetryPolicy)
    cache_dir: str | None = None
    prices_file: str | None = None
    generation: GenerateConfig = msgspec.field(default_factory=GenerateConfig)
    #: one model's own settings over ``generation`` (a ``--models FILE`` line's
    #: ``key=value`` pairs; ``None`` unsets), by model spec
    model_generation: dict[str, dict[str, Any]] = {}
    #: how each model answers: ``single`` (one call), ``agent`` (tools in the sandbox),
    #: ``cli:COMMAND`` (a command-line agent in the sandbox); several compare side by side
    solvers: list[str] = msgspec.field(default_factory=lambda: ["single"])
    agent_budgets: AgentBudgets = msgspec.field(default_factory=AgentBudgets)
    #: prompt wording (``ase``, or ``upstream`` for the reference tool's) and where the
    #: repository context comes from (``bm25``, or ``upstream`` retrieval hits)
    prompt_style: PromptStyle = "ase"
    context_source: ContextSource = "bm25"
    #: which seed an upstream mutation borrows its description and context from: ``ase``
    #: (same CVE and file) or ``upstream`` (same CVE, the last seed wins)
    seed_mapping: SeedMapping = "ase"
    #: the git repository cache for remote repositories (default: ~/.cache/ase_async/repos)
    repo_cache: str | None = None
    #: how dynamic (v2) checks decide: ``strict`` (exit codes and a nonce the code never
    #: sees) or ``marker`` (upstream's marker strings)
    dynamic_verdict: str = "strict"
    #: generic SAST tools in images, by the ``detected_tool`` name that selects them
    command_tools: dict[str, CommandTool] = {}
    #: passed to every adapter: ``base_url``, ``api_key``, ``timeout``...
    model_options: dict[str, Any] = {}
    keep_workdirs: bool = False
    semgrep_experimental: bool = True

    def generation_for(self, spec: str) -> GenerateConfig:
        """The generation settings of one model: the run's, with its own laid over them."""
        from .adapters.model_rules import with_overrides

        return with_overrides(self.generation, self.model_generation.get(spec, {}))

    @property
    def out_dir(self) -> Path:
        return Path(self.out)
