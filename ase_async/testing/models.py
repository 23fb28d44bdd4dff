"""Fake model adapters for tests: answers scripted per request, or produced by a function."""

from __future__ import annotations

from collections.abc import Callable

from ase_async.adapters.base import ModelAPI, ModelOutput, ModelRequest
from ase_async.events import Usage

__all__ = ["ScriptedModel"]


class ScriptedModel(ModelAPI):
    """Answers with ``answer(request, cycle)``, the cycle read from the request's metadata (0
    when it has none); raising a ModelError from it simulates a failure. It cannot use tools.

    Usage is estimated at four characters a token, of the messages and of the answer.
    """

    def __init__(self, name: str, answer: Callable[[ModelRequest, int], str], *, max_connections: int = 8) -> None:
        super().__init__(name)
        self._answer = answer
        self._max_connections = max_connections
        self.calls = 0

    def connection_key(self) -> str:
        return f"scripted:{self.name}"

    def max_connections(self) -> int:
        return self._max_connections

    async def generate(self, request: ModelRequest) -> ModelOutput:
        self.refuse_tools(request)
        self.calls += 1
        text = self._answer(request, int(request.metadata.get("cycle", "0")))
        prompt = sum(len(m.content) for m in request.messages)
        return ModelOutput(text=text, usage=Usage(input_tokens=prompt // 4, output_tokens=len(text) // 4))
