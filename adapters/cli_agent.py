"""Command-line agents (Claude Code, Codex CLI, Aider, Gemini CLI, a user's own script) run
inside a sandbox session on the masked working copy; the answer is ``git diff``.

The working copy has a history of one commit (the masked repository): no later commits, no
remote, no credentials. The model endpoint reaches the command through environment
variables (``OPENAI_BASE_URL``/``OPENAI_API_KEY``, ``ANTHROPIC_BASE_URL``/``ANTHROPIC_API_KEY``,
``ASE_MODEL``), the task through ``$ASE_TASK_FILE`` and standard input.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ase_async._errors import BadResponse
from ase_async.answers import fence
from ase_async.events import CommandRan, Event, Usage
from ase_async.sandboxes.base import Sandbox
from ase_async.task import Task, request_for

from .base import ModelAPI, ModelOutput

__all__ = ["CliSolver"]

# The task is written outside the repository (so it is not part of the diff), then the
# command runs in the repository with the task on standard input too.
_WRAPPER = 'cat > /tmp/ase-task.md && ASE_TASK_FILE=/tmp/ase-task.md exec sh -c "$ASE_COMMAND" < /tmp/ase-task.md'


class CliSolver:
    def __init__(self, command: str, model: ModelAPI | None = None, *, timeout: float = 1800.0) -> None:
        self.command = command
        self.model = model
        self.timeout = timeout
        self.name = f"cli:{command.split()[0] if command.split() else command}"

    def _environment(self) -> dict[str, str]:
        env = {"ASE_COMMAND": self.command}
        model = self.model
        if model is not None:
            env["ASE_MODEL"] = getattr(model, "model", model.name)
            base_url = getattr(model, "base_url", "")
            api_key = getattr(model, "api_key", "")
            family = getattr(model, "family", "openai")
            prefix = "ANTHROPIC" if family == "anthropic" else "OPENAI"
            if base_url:
                env[f"{prefix}_BASE_URL"] = base_url
            if api_key:
                env[f"{prefix}_API_KEY"] = api_key
        return env

    async def solve(self, task: Task, session: Sandbox, *, emit: Callable[[Event], Any], key: tuple[str, str, int]) -> tuple[ModelOutput, int]:
        fields: dict[str, Any] = {"model": key[0], "instance_id": key[1], "cycle": key[2]}
        # The request a single-shot model would get, as one text: the command brings its own tools.
        prompt = "\n\n".join(m.content for m in request_for(task, key[2]).messages).encode()
        result = await session.exec(["sh", "-c", _WRAPPER], input=prompt, timeout=self.timeout,
                                    env=self._environment(), output_limit=1024 * 1024)
        emit(CommandRan(**fields, command=self.command, returncode=result.returncode, timed_out=result.timed_out,
                        stdout=result.stdout[-4000:].decode("utf-8", "replace"),
                        stderr=result.stderr[-4000:].decode("utf-8", "replace"), duration_s=result.duration_s))
        diff = await session.exec(
            ["sh", "-c", "git -c safe.directory='*' add -A && git -c safe.directory='*' diff --cached --no-color --no-ext-diff"],
            timeout=120, output_limit=8 * 1024 * 1024,
        )
        if diff.returncode != 0:
            raise BadResponse(f"{self.name}: git diff failed: {diff.stderr.decode('utf-8', 'replace')[-300:]}")
        text = diff.stdout.decode("utf-8", "replace")
        if not text.strip():
            raise BadResponse(f"{self.name}: the command changed nothing (exit {result.returncode})")
        finish = "timeout" if result.timed_out else f"exit {result.returncode}"
        return ModelOutput(text=fence(text, "diff"), usage=Usage(), finish_reason=finish), 1
