"""Agent solvers on the one solver signature: the tool loop, and a command-line agent.

The loops themselves live with the model adapters (``adapters/agent.py``,
``adapters/cli_agent.py``): the agent sends the model requests with tools, one per turn;
these classes give them the solver seam's shape so the scheduler drives every solver alike.
"""

from __future__ import annotations

from collections.abc import Callable

from .._errors import ConfigError
from ..adapters.agent import AgentBudgets, AgentSolver
from ..adapters.base import ModelAPI, ModelOutput
from ..adapters.cli_agent import CliSolver
from ..events import Usage
from ..sandboxes.base import Sandbox
from ..task import Task
from .base import Caller, Emit, Solver
from .single import SingleShot

__all__ = ["AgentLoop", "CommandLineAgent", "make_solver"]


class AgentLoop:
    """The model works in the sandbox with tools until it submits (``agent``)."""

    needs_session = True
    writable = False

    def __init__(self, model: ModelAPI, budgets: AgentBudgets, cost: Callable[[str, Usage], float | None]) -> None:
        self._loop = AgentSolver(model, budgets, cost)
        self.name = self._loop.name

    async def solve(self, task: Task, session: Sandbox | None, *, call: Caller, emit: Emit, cycle: int,
                    key: tuple[str, str, int]) -> tuple[ModelOutput, int]:
        """Run the loop; returns (answer, turns).

        Raises:
            BudgetExhausted: turns, tokens, time or cost ran out first.
            ModelError: a model call failed after the scheduler's retries.
        """
        assert session is not None
        return await self._loop.solve(task, session, call=call, emit=emit, key=key)


class CommandLineAgent:
    """A command-line agent run in the sandbox, editing its copy (``cli:COMMAND``)."""

    needs_session = True
    writable = True

    def __init__(self, command: str, model: ModelAPI, *, timeout: float) -> None:
        self._agent = CliSolver(command, model, timeout=timeout)
        self.name = self._agent.name

    async def solve(self, task: Task, session: Sandbox | None, *, call: Caller, emit: Emit, cycle: int,
                    key: tuple[str, str, int]) -> tuple[ModelOutput, int]:
        """Run the command; its model calls are its own, so ``call`` is not used.

        Raises:
            ModelError: the command failed or gave no answer.
        """
        assert session is not None
        return await self._agent.solve(task, session, emit=emit, key=key)


def make_solver(spec: str, model: ModelAPI, *, budgets: AgentBudgets, cost: Callable[[str, Usage], float | None],
                sandbox: str) -> Solver:
    """The solver named ``spec``: ``single``, ``agent`` or ``cli:COMMAND``.

    Raises:
        ConfigError: an unknown solver, or a command-line agent without a container sandbox.
    """
    if spec == "single":
        return SingleShot(model)
    if spec == "agent":
        return AgentLoop(model, budgets, cost)
    if spec.startswith("cli:") and spec[4:].strip():
        if sandbox != "docker":
            # A CLI agent is any program, with network to reach its model: only a container
            # confines it; the local sandbox has no network to give it.
            raise ConfigError(f"solver {spec!r} runs a command-line agent: it needs --sandbox docker")
        return CommandLineAgent(spec[4:].strip(), model, timeout=budgets.max_seconds)
    raise ConfigError(f"unknown solver {spec!r}: use single, agent or cli:COMMAND")
