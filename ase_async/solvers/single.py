"""Single-shot: one model request with the task's messages (the paper's setting)."""

from __future__ import annotations

from ..adapters.base import ModelAPI, ModelOutput
from ..sandboxes.base import Sandbox
from ..task import Task, request_for
from .base import Caller, Emit

__all__ = ["SingleShot"]


class SingleShot:
    """Asks the model once; the answer is its text."""

    name = "single"
    needs_session = False
    writable = False

    def __init__(self, model: ModelAPI) -> None:
        self.model = model

    async def solve(self, task: Task, session: Sandbox | None, *, call: Caller, emit: Emit, cycle: int,
                    key: tuple[str, str, int]) -> tuple[ModelOutput, int]:
        """One request (:func:`~ase_async.task.request_for`), estimated at the prompt's token count.

        Raises:
            ModelError: the request failed after the scheduler's retries.
        """
        request = request_for(task, cycle)
        output: ModelOutput = await call(lambda: self.model.generate(request), float(task.prompt_tokens))
        return output, 1
