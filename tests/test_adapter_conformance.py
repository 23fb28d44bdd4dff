"""The model adapters against the official SDKs' request types and the multi-turn rules
(the adapter conformance kit), and the replies the providers really give."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import msgspec
import pytest

from ase_async import ContentFiltered, EmptyAnswer, RunConfig, run
from ase_async.adapters.anthropic import AnthropicAPI, parse_message, wire_messages
from ase_async.adapters.base import ChatMessage, GenerateConfig, ModelOutput, ModelRequest
from ase_async.adapters.openai import OpenAIChatAPI, parse_chat_completion
from ase_async.eventlog import read_events
from ase_async.events import AgentTurn, ModelFailed, ToolCalled
from ase_async.retry import RetryPolicy
from ase_async.testing.adapter_conformance import ANTHROPIC_VARIANTS, OPENAI_VARIANTS, check_adapter
from ase_async.testing.provider import SimulatedProvider, agent_responder
from ase_async.testing.sdk_types import conforms

FAST = RetryPolicy(max_attempts=6, max_total_seconds=30, base_delay=0.01, max_delay=0.02)


@pytest.mark.parametrize("family", ["openai", "anthropic"])
async def test_every_request_variant_conforms(family: str) -> None:
    found = await check_adapter(family)
    variants = OPENAI_VARIANTS if family == "openai" else ANTHROPIC_VARIANTS
    assert {v.name for v in variants} <= set(found)
    assert {name: problems for name, problems in found.items() if not name.startswith("bodies:") and problems} == {}


async def test_two_turn_anthropic_agent_with_thinking_keeps_the_signed_blocks() -> None:
    found = await check_adapter("anthropic", [v for v in ANTHROPIC_VARIANTS if v.name == "agent, thinking"])
    first, second = (json.loads(b) for b in found["bodies:agent, thinking"])
    assert first["thinking"] == {"type": "enabled", "budget_tokens": 4096} and "temperature" not in first
    turn = next(m for m in second["messages"] if m["role"] == "assistant")
    assert turn["content"][:2] == [
        {"type": "thinking", "thinking": "Turn 0: look around first.", "signature": "sig-0-Ez9x=="},
        {"type": "redacted_thinking", "data": "EncryptedOpaque0=="},
    ]
    assert [b["type"] for b in turn["content"][2:]] == ["text", "tool_use"]
    results = second["messages"][second["messages"].index(turn) + 1]["content"]
    assert results[0]["type"] == "tool_result" and results[0]["tool_use_id"] == "toolu_0"


class _DropsThinking(AnthropicAPI):
    """The adapter as it was: an assistant turn went back without its thinking blocks."""

    async def generate(self, request: ModelRequest) -> ModelOutput:
        stripped = tuple(ChatMessage(role=m.role, content=m.content, tool_calls=m.tool_calls, tool_call_id=m.tool_call_id)
                         for m in request.messages)
        return await super().generate(msgspec.structs.replace(request, messages=stripped))


class _SendsMaxTokens(OpenAIChatAPI):
    def _generation(self, config: GenerateConfig) -> dict[str, Any]:
        return {**super()._generation(config), "max_tokens_to_sample": 5}


async def test_the_kit_catches_dropped_thinking_and_bodies_the_sdk_refuses() -> None:
    found = await check_adapter("anthropic", [v for v in ANTHROPIC_VARIANTS if v.name == "agent, thinking"],
                                make=lambda spec, **kw: _DropsThinking(spec, **kw))
    assert any("thinking blocks did not go back unmodified" in p for p in found["agent, thinking"])
    found = await check_adapter("openai", [v for v in OPENAI_VARIANTS if v.name == "single"],
                                make=lambda spec, **kw: _SendsMaxTokens(spec, **kw))
    assert any("max_tokens_to_sample: not a field" in p for p in found["single"])
    assert conforms({"model": "claude-x", "max_tokens": 5, "messages": [], "temperature": 0.5}, "anthropic") != []


async def test_malformed_and_custom_tool_calls_are_answered_and_sent_back_as_they_came() -> None:
    found = await check_adapter("openai", [v for v in OPENAI_VARIANTS if v.name == "agent"])
    assert found["agent"] == []
    second = json.loads(found["bodies:agent"][1])
    turn = next(m for m in second["messages"] if m["role"] == "assistant")
    assert turn["tool_calls"][0]["function"]["arguments"] == '{"path": ".",'  # not "{}"
    assert turn["tool_calls"][1] == {"id": "call_b", "type": "custom", "custom": {"name": "read_file", "input": "app.py"}}
    results = {m["tool_call_id"]: m["content"] for m in second["messages"] if m["role"] == "tool"}
    assert "not a JSON object" in results["call_a"] and "nothing was run" in results["call_a"]
    assert "custom (free-form) tool" in results["call_b"]
    assert results["call_c"] == "app.py (10 bytes)"


def test_content_filter_and_refusal_are_their_own_outcome() -> None:
    with pytest.raises(ContentFiltered):
        parse_chat_completion("openai/x", {"choices": [{"message": {"content": "partial"}, "finish_reason": "content_filter"}]})
    with pytest.raises(ContentFiltered):
        parse_chat_completion("openai/x", {"choices": [{"message": {"content": None}, "finish_reason": "content_filter"}]})
    with pytest.raises(ContentFiltered):
        parse_message("anthropic/x", {"content": [{"type": "text", "text": "I can't"}], "stop_reason": "refusal"})
    with pytest.raises(ContentFiltered, match="refused to answer: not this one"):
        parse_chat_completion("openai/x", {"choices": [{"message": {"content": None, "refusal": "not this one"},
                                                        "finish_reason": "stop"}]})
    assert ContentFiltered("x").retryable is False


def test_single_answers_and_agent_turns_are_one_reply_with_one_stop_reason_mapping() -> None:
    tool_use = {"content": [{"type": "tool_use", "id": "t", "name": "submit", "input": {}}], "stop_reason": "tool_use"}
    turn = parse_message("anthropic/x", tool_use)
    assert (turn.finish_reason, turn.text, [c.name for c in turn.tool_calls]) == ("tool_calls", "", ["submit"])
    capped = {"content": [{"type": "text", "text": "a"}], "stop_reason": "max_tokens"}
    assert parse_message("anthropic/x", capped).finish_reason == "length"
    ended = {"content": [{"type": "text", "text": "a"}], "stop_reason": "stop_sequence"}
    assert parse_message("anthropic/x", ended).finish_reason == "stop"
    legacy = {"choices": [{"message": {"content": None, "tool_calls": [
        {"id": "c", "type": "function", "function": {"name": "submit", "arguments": "{}"}}]}, "finish_reason": "function_call"}]}
    turn = parse_chat_completion("openai/x", legacy)
    assert (turn.finish_reason, turn.message.role, turn.message.tool_calls[0].name) == ("tool_calls", "assistant", "submit")
    # A single-shot answer is its text: tool calls alone, to a request without tools, are no answer.
    with pytest.raises(EmptyAnswer):
        parse_chat_completion("openai/x", legacy, tools=False)
    with pytest.raises(EmptyAnswer):
        parse_message("anthropic/x", tool_use, tools=False)


def test_an_empty_reply_is_retried_once_only() -> None:
    with pytest.raises(EmptyAnswer):
        parse_message("anthropic/x", {"content": [], "stop_reason": "end_turn"})
    assert EmptyAnswer("x").retryable and EmptyAnswer.max_attempts == 2


def test_thinking_is_sent_back_before_text_and_tool_use() -> None:
    reply = {"content": [{"type": "thinking", "thinking": "t", "signature": "s"}, {"type": "text", "text": "ok"},
                         {"type": "tool_use", "id": "u", "name": "list_files", "input": {}}], "stop_reason": "tool_use"}
    turn = parse_message("anthropic/x", reply)
    wire = wire_messages([ChatMessage(role="user", content="go"), turn.message,
                          ChatMessage(role="tool", tool_call_id="u", content="r")])
    assert wire[1]["content"] == reply["content"]


def _config(dataset: Path, out: Path, spec: str, base_url: str, **kw: Any) -> RunConfig:
    return RunConfig(models=[spec], dataset=str(dataset), out=str(out), cycles=1, phase="generate", retry=FAST,
                     model_options={"base_url": base_url, "api_key": "sk-test-conf-0000"}, **kw)


async def test_a_filtered_answer_ends_the_sample_as_content_filter(tiny_dataset: Path, tmp_path: Path) -> None:
    def filtered(body: dict[str, Any], family: str) -> dict[str, Any]:
        return {"role": "assistant", "content": "", "finish_reason": "content_filter"}

    async with SimulatedProvider(responder=filtered) as sim:
        await run(_config(tiny_dataset, tmp_path / "out", "openai/sim", sim.base_url))
    failed = [e for e in read_events(tmp_path / "out" / "events.jsonl") if isinstance(e, ModelFailed)]
    assert failed and {(e.kind, e.attempts, e.setup) for e in failed} == {("content_filter", 1, False)}
    assert sim.stats["requests"] == len(failed)  # never retried


async def test_an_empty_anthropic_reply_gets_one_retry_then_is_the_outcome(tiny_dataset: Path, tmp_path: Path) -> None:
    async with SimulatedProvider(responder=lambda body, family: {"content": [], "stop_reason": "end_turn"}) as sim:
        await run(_config(tiny_dataset, tmp_path / "out", "anthropic/claude-sonnet-4-5", sim.base_url))
    failed = [e for e in read_events(tmp_path / "out" / "events.jsonl") if isinstance(e, ModelFailed)]
    assert failed and {(e.kind, e.attempts) for e in failed} == {("empty_answer", 2)}
    assert sim.stats["requests"] == 2 * len(failed)


async def test_agent_turns_record_mapped_stop_reasons_and_answer_malformed_submits(tiny_dataset: Path, tmp_path: Path) -> None:
    plan = [("submit", {"answer": 5}), ("say", {"text": "thinking aloud"})]

    def broken_submit(body: dict[str, Any], family: str) -> Any:
        if body.get("messages") and sum(m.get("role") == "assistant" for m in body["messages"]) == 0:
            return {"content": [{"type": "tool_use", "id": "t0", "name": "submit", "input": "not an object"}],
                    "stop_reason": "tool_use"}
        return agent_responder(lambda b: plan)(body, family)

    async with SimulatedProvider(responder=broken_submit) as sim:
        config = _config(tiny_dataset, tmp_path / "out", "anthropic/claude-sonnet-4-5", sim.base_url,
                         solvers=["agent"], sandbox="local")
        config.agent_budgets = type(config.agent_budgets)(max_turns=2)
        await run(config)
    events = list(read_events(tmp_path / "out" / "events.jsonl"))
    turns = [e for e in events if isinstance(e, AgentTurn)]
    assert turns[0].finish_reason == "tool_calls" and turns[1].finish_reason == "stop"
    refused = [e for e in events if isinstance(e, ToolCalled) and not e.ok]
    assert refused[0].refused == "malformed arguments"
    second = sim.requests[1]
    result = second["messages"][-1]["content"][0]
    assert result["tool_use_id"] == "t0" and "not a JSON object" in result["content"]
