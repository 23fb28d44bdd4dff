"""Solvers that do more than one model call per answer: a tool-using agent.

A solver turns a task into an answer like a single-shot call does, but it may explore the
sample's masked working copy first (:mod:`.agent_tools`). Each turn is one
:class:`~.base.ModelRequest` carrying the conversation so far and the tools, answered by the
model's one ``generate``. The scheduler still owns every model call: the solver gets a
``call`` function that applies the provider's limiter and the retry policy to each turn.
Every turn and every tool call is an event, so a run can be audited and re-scored.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Awaitable, Callable
from typing import Any

import msgspec

from ase_async._errors import BudgetExhausted, FatalModelError
from ase_async.answers import fence
from ase_async.events import AgentTurn, Event, ToolCalled, Usage
from ase_async.sandboxes.base import Sandbox
from ase_async.task import Task, request_for

from .agent_tools import TOOLS, run_tool
from .base import ChatMessage, ModelAPI, ModelOutput, ToolCall

__all__ = ["AgentBudgets", "AgentSolver", "wrap_answer"]

Caller = Callable[[Callable[[], Awaitable[ModelOutput]], float], Awaitable[ModelOutput]]
Emit = Callable[[Event], Any]

_AGENT_NOTE = """
## Working as an agent
You can explore the repository before you answer, with the tools list_files, read_file and
search (paths relative to the repository root). The file to complete is in the repository
with the `<MASKED>` line. When you are done, call the submit tool ONCE with your answer in
exactly the format "How to answer" asks for; the text of your messages is not read."""


class AgentBudgets(msgspec.Struct, frozen=True, kw_only=True):
    """What an agent may spend on one sample before it is stopped (a model error)."""

    max_turns: int = 30
    max_tokens: int = 1_000_000
    max_seconds: float = 900.0
    max_cost_usd: float | None = None
    #: tool calls honoured in one turn; the rest are answered with a refusal
    max_tool_calls_per_turn: int = 16


def wrap_answer(answer: str, contract: str, language: str) -> str:
    """A submitted answer in the fence the harness reads, unless it already has one."""
    if answer.lstrip().startswith(("```", "~~~", "<patch>")):
        return answer
    return fence(answer, "diff" if contract == "diff" else language)


class AgentSolver:
    name = "agent"

    def __init__(self, model: ModelAPI, budgets: AgentBudgets | None = None,
                 cost: Callable[[str, Usage], float | None] | None = None) -> None:
        if not model.supports_tools:
            raise FatalModelError(f"{model.name} cannot use tools, so it cannot be run as an agent")
        self.model = model
        self.budgets = budgets or AgentBudgets()
        self.cost = cost or (lambda model, usage: None)

    async def solve(self, task: Task, session: Sandbox, *, call: Caller, emit: Emit, key: tuple[str, str, int]) -> tuple[ModelOutput, int]:
        """Run the loop until the agent submits; returns (answer, turns).

        Raises:
            BudgetExhausted: turns, tokens, time or cost ran out first.
            ModelError: a model call failed after the scheduler's retries.
        """
        fields: dict[str, Any] = {"model": key[0], "instance_id": key[1], "cycle": key[2]}
        first = request_for(task, key[2])
        system = next((m.content for m in first.messages if m.role == "system"), "")
        user = "\n".join(m.content for m in first.messages if m.role == "user") + _AGENT_NOTE
        messages = [ChatMessage(role="system", content=system), ChatMessage(role="user", content=user)]
        started = time.monotonic()
        spent = Usage()
        budgets = self.budgets
        for turn_number in range(1, budgets.max_turns + 1):
            elapsed = time.monotonic() - started
            cost = self.cost(self.model.name, spent)
            if elapsed > budgets.max_seconds:
                raise BudgetExhausted(f"the agent used its {budgets.max_seconds:.0f} s")
            if spent.input_tokens + spent.output_tokens > budgets.max_tokens:
                raise BudgetExhausted(f"the agent used its {budgets.max_tokens} tokens")
            if budgets.max_cost_usd is not None and cost is not None and cost > budgets.max_cost_usd:
                raise BudgetExhausted(f"the agent spent its ${budgets.max_cost_usd}")
            turn_start = time.monotonic()
            request = msgspec.structs.replace(first, messages=tuple(messages), tools=TOOLS)
            turn = await call(functools.partial(self.model.generate, request), float(task.prompt_tokens))
            spent = Usage(input_tokens=spent.input_tokens + turn.usage.input_tokens,
                          output_tokens=spent.output_tokens + turn.usage.output_tokens)
            message = turn.message
            emit(AgentTurn(**fields, turn=turn_number, usage=turn.usage, text=message.content[:4000],
                           tool_calls=[c.name for c in message.tool_calls], finish_reason=turn.finish_reason,
                           latency_s=round(time.monotonic() - turn_start, 3)))
            messages.append(message)
            if not message.tool_calls:
                messages.append(ChatMessage(role="user", content="Use the tools, then call submit with your answer."))
                continue
            for index, tool_call in enumerate(message.tool_calls):
                # The time budget holds inside a turn too: one turn may ask for many calls.
                if time.monotonic() - started > budgets.max_seconds:
                    raise BudgetExhausted(f"the agent used its {budgets.max_seconds:.0f} s")
                if index >= budgets.max_tool_calls_per_turn:
                    refusal = f"refused: at most {budgets.max_tool_calls_per_turn} tool calls per turn"
                    emit(ToolCalled(**fields, turn=turn_number, tool=tool_call.name[:100], arguments={}, ok=False,
                                    result_bytes=0, refused=refusal))
                    messages.append(ChatMessage(role="tool", tool_call_id=tool_call.id, content=refusal))
                    continue
                unusable = _unusable(tool_call)
                if unusable:
                    # Answered, never dropped: the model learns what was wrong, and every
                    # tool call keeps its result (the provider refuses an unpaired one).
                    emit(ToolCalled(**fields, turn=turn_number, tool=tool_call.name[:100], arguments={}, ok=False,
                                    result_bytes=0, refused=unusable[0]))
                    messages.append(ChatMessage(role="tool", tool_call_id=tool_call.id, content=unusable[1]))
                    continue
                if tool_call.name == "submit":
                    answer = tool_call.arguments.get("answer")
                    ok = isinstance(answer, str) and bool(answer.strip())
                    emit(ToolCalled(**fields, turn=turn_number, tool="submit", arguments={"answer_bytes": len(str(answer or ""))},
                                    ok=ok, result_bytes=0, refused="" if ok else "empty answer"))
                    if ok:
                        return ModelOutput(text=wrap_answer(str(answer), task.contract, task.language), usage=spent,
                                           finish_reason="submitted"), turn_number
                    messages.append(ChatMessage(role="tool", tool_call_id=tool_call.id, content="error: the answer is empty"))
                    continue
                result = await run_tool(session, tool_call)
                emit(ToolCalled(**fields, turn=turn_number, tool=tool_call.name, arguments=_shown(tool_call.arguments),
                                ok=result.ok, result_bytes=len(result.text.encode()), refused=result.refused))
                messages.append(ChatMessage(role="tool", tool_call_id=tool_call.id, content=result.text))
        raise BudgetExhausted(f"the agent did not submit within {budgets.max_turns} turns")


def _unusable(call: ToolCall) -> tuple[str, str] | None:
    """(refusal recorded, message to the model) for a call that cannot be run as sent."""
    if call.kind == "custom":
        return ("custom tool call", f"error: {call.name!r} was called as a custom (free-form) tool; the tools here "
                "are functions: call it again with a JSON object of arguments. Nothing was run.")
    if call.malformed:
        return ("malformed arguments", f"error: the arguments of {call.name!r} are not a JSON object "
                f"({call.malformed[:200]!r}); nothing was run: call it again with a JSON object of arguments.")
    return None


def _shown(arguments: dict[str, Any]) -> dict[str, Any]:
    """Arguments as recorded: cut everywhere, so a hostile call cannot bloat the log."""
    return {str(k)[:100]: _cut(v, depth=0) for k, v in list(arguments.items())[:10]}


def _cut(value: Any, *, depth: int) -> Any:
    """A nested argument value with strings, lists, objects and nesting bounded."""
    if isinstance(value, str):
        return value[:500]
    if depth >= 3:
        return "..." if isinstance(value, (list, dict)) else value
    if isinstance(value, list):
        return [_cut(v, depth=depth + 1) for v in value[:10]]
    if isinstance(value, dict):
        return {str(k)[:100]: _cut(v, depth=depth + 1) for k, v in list(value.items())[:10]}
    return value
