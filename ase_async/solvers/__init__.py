"""Solvers: how a system answers a task (single-shot, an agent loop, a command-line agent).

Every solver has the one signature of :class:`Solver`; the scheduler drives them alike.
"""

from .agents import AgentLoop, CommandLineAgent, make_solver
from .base import Caller, Emit, Solver
from .single import SingleShot

__all__ = ["AgentLoop", "Caller", "CommandLineAgent", "Emit", "SingleShot", "Solver", "make_solver"]
