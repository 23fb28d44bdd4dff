"""Fake model adapters for tests: answers scripted per instance, or produced by a function."""

from __future__ import annotations

from collections.abc import Callable

from ase_async.adapters.base import ModelAPI, ModelOutput
from ase_async.events import Usage
from ase_async.task import Task

__all__ = ["ScriptedModel"]


class ScriptedModel(ModelAPI):
    """Answers with ``answer(task, cycle)``; raising a ModelError from it simulates a failure."""

    def __init__(self, name: str, answer: Callable[[Task, int], str], *, max_connections: int = 8) -> None:
        super().__init__(name)
        self._answer = answer
        self._max_connections = max_connections
        self.calls = 0

    def connection_key(self) -> str:
        return f"scripted:{self.name}"

    def max_connections(self) -> int:
        return self._max_connections

    async def generate(self, task: Task, *, cycle: int) -> ModelOutput:
        self.calls += 1
        text = self._answer(task, cycle)
        return ModelOutput(text=text, usage=Usage(input_tokens=task.prompt_tokens, output_tokens=len(text) // 4))
