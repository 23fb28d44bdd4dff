"""The solver seam: how a system turns a task into an answer, with one signature.

A solver gets the task, the sandbox session of its own working copy (``None`` for a solver
that needs none), a ``call`` that runs one model request under the provider's limiter with
the scheduler's retries, an ``emit`` for the events of its work, and the sample's key. It
returns the answer and the number of model turns it took. The scheduler owns limits,
retries and the log; a solver owns only its loop.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Protocol, TypeVar

from ..adapters.base import ModelOutput
from ..events import Event
from ..sandboxes.base import Sandbox
from ..task import Task

__all__ = ["Caller", "Emit", "Solver"]

T = TypeVar("T")

#: runs one model request (a zero-argument coroutine function) with its estimated tokens
Caller = Callable[[Callable[[], Awaitable[Any]], float], Awaitable[Any]]
Emit = Callable[[Event], Any]


class Solver(Protocol):
    """One way of answering: single-shot, an agent loop, or a command-line agent."""

    #: recorded with every answer (``single``, ``agent``, ``cli:COMMAND``)
    name: str
    #: the solver works in a sandbox session of its own copy of the masked repository
    needs_session: bool
    #: that session may write to the copy (a command-line agent edits files itself)
    writable: bool

    async def solve(self, task: Task, session: Sandbox | None, *, call: Caller, emit: Emit, cycle: int,
                    key: tuple[str, str, int]) -> tuple[ModelOutput, int]:
        """Answer the task; returns (answer, model turns).

        Raises:
            ModelError: a model call failed after the scheduler's retries, or the budget ran out.
        """
        ...
