"""Anthropic Messages API (``POST /v1/messages``), with extended and adaptive thinking.

With thinking on, an assistant turn that used a tool must go back with its ``thinking``
and ``redacted_thinking`` blocks exactly as they came (their signatures are checked), or the
next turn is refused with a 400: :func:`parse_message` keeps them as
:class:`~.base.Reasoning` and :func:`wire_messages` puts them back first in the turn.
Which settings go out follows :mod:`.model_rules`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ase_async._errors import BadResponse, ContentFiltered, EmptyAnswer
from ase_async.events import Usage

from ._http import HttpModelAPI
from .base import ChatMessage, GenerateConfig, ModelOutput, ModelRequest, Reasoning, ToolCall
from .model_rules import ANTHROPIC_DEFAULT_MAX_TOKENS

__all__ = ["AnthropicAPI", "map_stop_reason", "parse_message", "wire_messages"]

API_VERSION = "2023-06-01"
DEFAULT_MAX_TOKENS = ANTHROPIC_DEFAULT_MAX_TOKENS

_STOPS = {"end_turn": "stop", "stop_sequence": "stop", "max_tokens": "length",
          "model_context_window_exceeded": "length", "tool_use": "tool_calls", "refusal": "content_filter"}


def map_stop_reason(raw: object) -> str:
    """Anthropic's stop reason to the adapters' shared names, for single calls and agent
    turns alike; an unknown one (``pause_turn``) is kept as it came."""
    stop = str(raw or "end_turn")
    return _STOPS.get(stop, stop)


def _blocks(name: str, data: dict[str, Any]) -> tuple[list[dict[str, Any]], str]:
    blocks = data.get("content")
    if not isinstance(blocks, list):
        raise BadResponse(f"{name}: the reply has no content list")
    finish = map_stop_reason(data.get("stop_reason"))
    if finish == "content_filter":
        raise ContentFiltered(f"{name}: the model refused to answer (stop_reason=refusal)")
    return [b for b in blocks if isinstance(b, dict)], finish


def _usage(data: dict[str, Any]) -> Usage:
    usage: dict[str, Any] = data["usage"] if isinstance(data.get("usage"), dict) else {}
    return Usage(input_tokens=int(usage.get("input_tokens") or 0), output_tokens=int(usage.get("output_tokens") or 0))


def _reasoning(block: dict[str, Any]) -> Reasoning | None:
    if block.get("type") == "thinking":
        return Reasoning(kind="thinking", text=str(block.get("thinking", "")), signature=str(block.get("signature", "")))
    if block.get("type") == "redacted_thinking":
        return Reasoning(kind="redacted_thinking", data=str(block.get("data", "")))
    return None


def _wire_reasoning(block: Reasoning) -> dict[str, Any]:
    if block.kind == "redacted_thinking":
        return {"type": "redacted_thinking", "data": block.data}
    return {"type": "thinking", "thinking": block.text, "signature": block.signature}


def wire_messages(messages: Sequence[ChatMessage]) -> list[dict[str, Any]]:
    """Neutral messages to Anthropic's: tool results ride in a user message, in order;
    an assistant turn keeps its reasoning blocks first, unmodified."""
    wire: list[dict[str, Any]] = []
    for message in messages:
        if message.role == "system":
            continue
        if message.role == "tool":
            block = {"type": "tool_result", "tool_use_id": message.tool_call_id, "content": message.content}
            if wire and wire[-1]["role"] == "user" and isinstance(wire[-1]["content"], list):
                wire[-1]["content"].append(block)
            else:
                wire.append({"role": "user", "content": [block]})
            continue
        if message.role == "assistant" and (message.tool_calls or message.reasoning):
            content: list[dict[str, Any]] = [_wire_reasoning(r) for r in message.reasoning]
            if message.content:  # the API refuses empty text blocks
                content.append({"type": "text", "text": message.content})
            content += [{"type": "tool_use", "id": c.id, "name": c.name, "input": c.arguments} for c in message.tool_calls]
            wire.append({"role": "assistant", "content": content})
            continue
        wire.append({"role": message.role, "content": message.content})
    return wire


def parse_message(name: str, data: dict[str, Any], *, tools: bool = True) -> ModelOutput:
    """A Messages reply to an answer or a turn: its text blocks are the text (thinking is not
    the answer; it is kept, unmodified, to go back with the turn), its tool uses the calls.
    A reply with neither, or without text when the request offered no ``tools``, is classified."""
    blocks, finish = _blocks(name, data)
    text = "".join(str(b.get("text", "")) for b in blocks if b.get("type") == "text")
    calls = tuple(
        ToolCall(id=str(b.get("id")), name=str(b.get("name", "")),
                 arguments=b["input"] if isinstance(b.get("input"), dict) else {},
                 malformed="" if isinstance(b.get("input"), dict) else str(b.get("input"))[:500])
        for b in blocks if b.get("type") == "tool_use"
    )
    reasoning = tuple(r for b in blocks if (r := _reasoning(b)) is not None)
    if not (calls and tools) and not text.strip():
        reason = "it was cut off at the token limit" if finish == "length" else "no text"
        raise EmptyAnswer(f"{name}: the reply has {reason} (stop_reason={data.get('stop_reason')})")
    return ModelOutput(text=text, finish_reason=finish, usage=_usage(data), tool_calls=calls, reasoning=reasoning)


class AnthropicAPI(HttpModelAPI):
    family = "anthropic"
    supports_tools = True

    def _generation(self, config: GenerateConfig) -> dict[str, Any]:
        """The generation settings of a request, as the API names them."""
        sent: dict[str, Any] = {"max_tokens": config.max_tokens or DEFAULT_MAX_TOKENS}
        if config.thinking_budget:
            sent["thinking"] = {"type": "enabled", "budget_tokens": config.thinking_budget}
        elif config.reasoning_effort is not None:
            sent["thinking"] = {"type": "adaptive"}
            sent["output_config"] = {"effort": config.reasoning_effort}
        else:
            # Thinking refuses temperature (and top_p outside 0.95-1): both stay out then,
            # and the record says so, since it records what was sent.
            if config.temperature is not None:
                sent["temperature"] = config.temperature
            if config.top_p is not None:
                sent["top_p"] = config.top_p
        return sent

    def params(self) -> dict[str, Any]:
        return self._generation(self.config)

    def request_body(self, request: ModelRequest) -> dict[str, Any]:
        """The body of ``POST /v1/messages`` for one request (system messages go in ``system``)."""
        system = "\n\n".join(m.content for m in request.messages if m.role == "system")
        body: dict[str, Any] = {"model": self.model, "messages": wire_messages(request.messages)}
        if system:
            body["system"] = system
        body.update(self._generation(self.settings_for(request)))
        if request.tools:
            body["tools"] = [{"name": t.name, "description": t.description, "input_schema": t.parameters}
                             for t in request.tools]
        return body

    def _headers(self) -> dict[str, str]:
        headers = {"anthropic-version": API_VERSION}
        if self.api_key:
            headers["x-api-key"] = self.api_key
        return headers

    @property
    def _path(self) -> str:
        return "/v1/messages" if not self.base_url.endswith("/v1") else "/messages"

    async def generate(self, request: ModelRequest) -> ModelOutput:
        data = await self.post_json(self._path, self.request_body(request), self._headers())
        return parse_message(self.name, data, tools=bool(request.tools))
