"""A conformance kit for model adapters, as :mod:`.sandbox_conformance` is for sandboxes.

:func:`check_adapter` drives an adapter through every request variant it must handle (a
single call; a two-turn agent exchange; sampling limits; OpenAI reasoning effort;
Anthropic extended and adaptive thinking) against a :class:`~.provider.SimulatedProvider`
on 127.0.0.1 that answers like the real API (signed thinking blocks, a custom tool call, a
malformed argument string). It captures every body the adapter sent and returns what is
wrong with them:

- each body against the official SDK's request type (:mod:`.sdk_types`; the ``openai`` and
  ``anthropic`` packages are test-only dependencies, pinned in the ``dev`` extra);
- the multi-turn rules no schema expresses: an assistant turn goes back with its thinking
  blocks unmodified and first; every tool call has its result, right after it; a call goes
  back with the arguments the model sent;
- the record: ``params()`` equals the generation settings the body carried.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import msgspec

from ase_async.adapters import get_model
from ase_async.adapters.agent import AgentSolver
from ase_async.adapters.base import GenerateConfig, ModelAPI
from ase_async.events import Event, Message
from ase_async.sandboxes.base import ExecResult, Sandbox
from ase_async.task import Task, request_for

from .provider import SimulatedProvider
from .sdk_types import conforms

__all__ = ["ANTHROPIC_VARIANTS", "OPENAI_VARIANTS", "Variant", "check_adapter", "conversation_problems"]

#: fields Anthropic's API takes that its SDK (1.0 and later) passes through ``extra_body``
ANTHROPIC_EXTRA_FIELDS: dict[str, Any] = {"temperature": float, "top_p": float}
#: body keys that are the conversation, not generation settings
_NOT_SETTINGS = {"model", "messages", "system", "tools"}


class Variant(msgspec.Struct, frozen=True, kw_only=True):
    name: str
    spec: str
    config: GenerateConfig = GenerateConfig()
    agent: bool = False


OPENAI_VARIANTS = [
    Variant(name="single", spec="openai/gpt-4.1"),
    Variant(name="limits", spec="openai/gpt-4.1", config=GenerateConfig(temperature=0.2, top_p=0.9, max_tokens=1000, seed=7)),
    Variant(name="reasoning effort", spec="openai/o4-mini", config=GenerateConfig(reasoning_effort="high", max_tokens=4000)),
    Variant(name="gpt-5 minimal", spec="openai/gpt-5", config=GenerateConfig(reasoning_effort="minimal")),
    Variant(name="compatible server", spec="vllm/qwen3", config=GenerateConfig(temperature=0.7, max_tokens=800)),
    Variant(name="agent", spec="openai/gpt-4.1", agent=True),
    Variant(name="agent, reasoning", spec="openai/o3", config=GenerateConfig(reasoning_effort="low", max_tokens=8000), agent=True),
]
ANTHROPIC_VARIANTS = [
    Variant(name="single", spec="anthropic/claude-sonnet-4-5"),
    Variant(name="limits", spec="anthropic/claude-3-7-sonnet-20250219", config=GenerateConfig(temperature=0.3, top_p=0.9, max_tokens=2000)),
    Variant(name="thinking", spec="anthropic/claude-sonnet-4-5", config=GenerateConfig(thinking_budget=2048, max_tokens=8000)),
    Variant(name="adaptive", spec="anthropic/claude-opus-4-6", config=GenerateConfig(reasoning_effort="high")),
    Variant(name="new model, defaults", spec="anthropic/claude-opus-4-7"),
    Variant(name="agent", spec="anthropic/claude-sonnet-4-5", agent=True),
    Variant(name="agent, thinking", spec="anthropic/claude-sonnet-4-5", config=GenerateConfig(thinking_budget=4096, max_tokens=16000), agent=True),
    Variant(name="agent, adaptive", spec="anthropic/claude-opus-4-7", config=GenerateConfig(reasoning_effort="medium"), agent=True),
]

TASK = Task(instance_id="conformance", contract="diff", digest="d", vuln_file="app.py", language="python",
            prompt_tokens=20, tokenizer="approx",
            messages=(Message("system", "You are a careful engineer."), Message("user", "Complete the function.")))
ANSWER = "```diff\n--- a/app.py\n+++ b/app.py\n@@ -1 +1 @@\n-x\n+y\n```"


def _turn(body: Mapping[str, Any]) -> int:
    return sum(1 for m in body.get("messages", []) if isinstance(m, dict) and m.get("role") == "assistant")


def _anthropic_reply(body: dict[str, Any]) -> dict[str, Any] | str:
    """Answers as the Messages API does: thinking (signed) first when thinking is on."""
    if not body.get("tools"):
        return ANSWER
    turn = _turn(body)
    thinking = []
    if body.get("thinking"):
        thinking = [{"type": "thinking", "thinking": f"Turn {turn}: look around first.", "signature": f"sig-{turn}-Ez9x=="}]
        if turn == 0:
            thinking.append({"type": "redacted_thinking", "data": "EncryptedOpaque0=="})
    if turn == 0:
        content = [*thinking, {"type": "text", "text": "Listing the files."},
                   {"type": "tool_use", "id": "toolu_0", "name": "list_files", "input": {"path": "."}}]
    else:
        content = [*thinking, {"type": "tool_use", "id": f"toolu_{turn}", "name": "submit", "input": {"answer": ANSWER}}]
    return {"content": content, "stop_reason": "tool_use"}


def _openai_reply(body: dict[str, Any]) -> dict[str, Any] | str:
    """Answers as Chat Completions does, with a malformed argument string and a custom tool call first."""
    if not body.get("tools"):
        return ANSWER
    if _turn(body) == 0:
        return {"role": "assistant", "content": None, "tool_calls": [
            {"id": "call_a", "type": "function", "function": {"name": "list_files", "arguments": '{"path": ".",'}},
            {"id": "call_b", "type": "custom", "custom": {"name": "read_file", "input": "app.py"}},
            {"id": "call_c", "type": "function", "function": {"name": "list_files", "arguments": '{"path": "."}'}}]}
    return {"role": "assistant", "content": None, "tool_calls": [
        {"id": "call_d", "type": "function", "function": {"name": "submit", "arguments": json.dumps({"answer": ANSWER})}}]}


class _ListingSandbox(Sandbox):
    """Answers every tool program with a one-line listing: the kit tests requests, not tools."""

    async def exec(self, argv: Sequence[str], *, cwd: str = ".", input: bytes | None = None, timeout: float,
                   env: Mapping[str, str] | None = None, output_limit: int = 0) -> ExecResult:
        return ExecResult(returncode=0, stdout=json.dumps({"ok": True, "result": "app.py (10 bytes)"}).encode(), stderr=b"")

    async def read_file(self, path: str) -> bytes:
        return b""

    async def write_file(self, path: str, data: bytes) -> None:
        return None


def conversation_problems(family: str, bodies: list[dict[str, Any]], replies: list[Any]) -> list[str]:
    """The multi-turn rules: for request ``k`` of one exchange, every earlier assistant turn
    is the reply that came, its reasoning unmodified and first, each tool call paired with
    its result right after it, each call with the arguments the model sent."""
    problems: list[str] = []
    for number, body in enumerate(bodies):
        messages = [m for m in body.get("messages", []) if isinstance(m, dict)]
        assistant = [(i, m) for i, m in enumerate(messages) if m.get("role") == "assistant"]
        for index, (position, sent) in enumerate(assistant):
            where = f"request {number + 1}, assistant turn {index + 1}"
            reply = replies[index] if index < len(replies) else None
            following = messages[position + 1:]
            if family == "anthropic":
                problems += _anthropic_turn(where, sent, reply, following)
            else:
                problems += _openai_turn(where, sent, reply, following)
    return problems


def _anthropic_turn(where: str, sent: dict[str, Any], reply: Any, following: list[dict[str, Any]]) -> list[str]:
    problems: list[str] = []
    raw = sent.get("content")
    content: list[dict[str, Any]] = raw if isinstance(raw, list) else []
    if isinstance(reply, dict):
        kept = [b for b in reply["content"] if b.get("type") in ("thinking", "redacted_thinking")]
        if content[: len(kept)] != kept:
            problems.append(f"{where}: the thinking blocks did not go back unmodified and first "
                            f"(sent {content[: len(kept)]!r:.300}, received {kept!r:.300})")
    uses = [b["id"] for b in content if b.get("type") == "tool_use"]
    if uses:
        nxt = following[0] if following else {}
        given = nxt.get("content")
        results: list[dict[str, Any]] = given if nxt.get("role") == "user" and isinstance(given, list) else []
        paired = [b.get("tool_use_id") for b in results[: len(uses)] if b.get("type") == "tool_result"]
        if paired != uses:
            problems.append(f"{where}: tool uses {uses} are not answered first in the next user turn (got {paired})")
    return problems


def _openai_turn(where: str, sent: dict[str, Any], reply: Any, following: list[dict[str, Any]]) -> list[str]:
    problems: list[str] = []
    calls = sent.get("tool_calls") or []
    if isinstance(reply, dict) and reply.get("tool_calls") and calls != reply["tool_calls"]:
        problems.append(f"{where}: the tool calls did not go back as the model sent them "
                        f"(sent {calls!r:.300}, received {reply['tool_calls']!r:.300})")
    ids = [c.get("id") for c in calls]
    answered = []
    for message in following:
        if message.get("role") != "tool":
            break
        answered.append(message.get("tool_call_id"))
    if ids and answered != ids:
        problems.append(f"{where}: tool calls {ids} are not each answered, in order, right after (got {answered})")
    return problems


async def _exchange(model: ModelAPI, variant: Variant) -> None:
    if not variant.agent:
        await model.generate(request_for(TASK, 0))
        return
    events: list[Event] = []

    async def call(fn: Callable[[], Any], estimated: float) -> Any:
        return await fn()

    solver = AgentSolver(model)
    await solver.solve(TASK, _ListingSandbox(), call=call, emit=events.append, key=(variant.spec, TASK.instance_id, 0))


async def check_adapter(family: str, variants: Sequence[Variant] | None = None,
                        make: Callable[..., ModelAPI] = get_model) -> dict[str, list[str]]:
    """Run every variant of ``family`` (``openai`` or ``anthropic``); returns each variant's
    problems (all empty: the adapter conforms). ``make(spec, base_url=..., config=...)``
    builds the adapter under test.

    Also returns, under ``"bodies:<variant>"``, the captured bodies as JSON lines, for a
    test that wants to look at them.
    """
    chosen = variants if variants is not None else (ANTHROPIC_VARIANTS if family == "anthropic" else OPENAI_VARIANTS)
    responder = _anthropic_reply if family == "anthropic" else _openai_reply
    found: dict[str, list[str]] = {}
    for variant in chosen:
        sim_replies: list[Any] = []

        def respond(body: dict[str, Any], wire_family: str, _replies: list[Any] = sim_replies) -> Any:
            reply = responder(body)
            _replies.append(reply)
            return reply

        async with SimulatedProvider(responder=respond) as sim:
            model = make(variant.spec, base_url=sim.base_url, config=variant.config)
            try:
                await _exchange(model, variant)
                recorded = model.params()
            finally:
                await model.aclose()
        bodies = list(sim.requests)
        problems: list[str] = []
        extra = ANTHROPIC_EXTRA_FIELDS if family == "anthropic" else None
        for number, body in enumerate(bodies, 1):
            problems += [f"request {number}: {p}" for p in conforms(body, family, extra_fields=extra)]
            sent = {k: v for k, v in body.items() if k not in _NOT_SETTINGS}
            if sent != recorded:
                problems.append(f"request {number}: params() records {recorded}, the body carried {sent}")
        if variant.agent:
            problems += conversation_problems(family, bodies, sim_replies)
        found[variant.name] = problems
        found[f"bodies:{variant.name}"] = [json.dumps(b) for b in bodies]
    return found
