"""Anthropic Messages API (``POST /v1/messages``), with extended thinking budgets."""

from __future__ import annotations

from typing import Any

from ase_async._errors import BadResponse
from ase_async.events import Usage
from ase_async.task import Task

from ._http import HttpModelAPI
from .base import ChatMessage, ChatTurn, ModelOutput, ToolCall, ToolSpec

__all__ = ["AnthropicAPI", "parse_message"]

API_VERSION = "2023-06-01"
DEFAULT_MAX_TOKENS = 16_000


def parse_message(name: str, data: dict[str, Any]) -> ModelOutput:
    blocks = data.get("content")
    if not isinstance(blocks, list):
        raise BadResponse(f"{name}: the reply has no content list")
    text = "".join(str(b.get("text", "")) for b in blocks if isinstance(b, dict) and b.get("type") == "text")
    stop = str(data.get("stop_reason") or "end_turn")
    finish = "length" if stop == "max_tokens" else "stop" if stop in ("end_turn", "stop_sequence") else stop
    if not text.strip():
        reason = "it was cut off at the token limit" if finish == "length" else "no text"
        raise BadResponse(f"{name}: the reply has {reason} (stop_reason={stop})")
    usage: dict[str, Any] = data["usage"] if isinstance(data.get("usage"), dict) else {}
    return ModelOutput(
        text=text,
        finish_reason=finish,
        usage=Usage(input_tokens=int(usage.get("input_tokens") or 0), output_tokens=int(usage.get("output_tokens") or 0)),
    )


def _wire_messages(messages: list[ChatMessage]) -> list[dict[str, Any]]:
    """Neutral messages to Anthropic's: tool results ride in a user message, in order."""
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
        if message.role == "assistant" and message.tool_calls:
            content: list[dict[str, Any]] = [{"type": "text", "text": message.content}] if message.content else []
            content += [{"type": "tool_use", "id": c.id, "name": c.name, "input": c.arguments} for c in message.tool_calls]
            wire.append({"role": "assistant", "content": content})
            continue
        wire.append({"role": message.role, "content": message.content})
    return wire


def parse_tool_turn(name: str, data: dict[str, Any]) -> ChatTurn:
    blocks = data.get("content")
    if not isinstance(blocks, list):
        raise BadResponse(f"{name}: the reply has no content list")
    text = "".join(str(b.get("text", "")) for b in blocks if isinstance(b, dict) and b.get("type") == "text")
    calls = tuple(
        ToolCall(id=str(b.get("id")), name=str(b.get("name", "")),
                 arguments=b["input"] if isinstance(b.get("input"), dict) else {},
                 malformed="" if isinstance(b.get("input"), dict) else str(b.get("input"))[:500])
        for b in blocks if isinstance(b, dict) and b.get("type") == "tool_use"
    )
    if not calls and not text.strip():
        raise BadResponse(f"{name}: the reply has neither text nor tool calls")
    usage: dict[str, Any] = data["usage"] if isinstance(data.get("usage"), dict) else {}
    stop = str(data.get("stop_reason") or "end_turn")
    return ChatTurn(
        message=ChatMessage(role="assistant", content=text, tool_calls=calls),
        finish_reason="length" if stop == "max_tokens" else stop,
        usage=Usage(input_tokens=int(usage.get("input_tokens") or 0), output_tokens=int(usage.get("output_tokens") or 0)),
    )


class AnthropicAPI(HttpModelAPI):
    family = "anthropic"
    supports_tools = True

    def request_body(self, task: Task) -> dict[str, Any]:
        return self._body([ChatMessage(role=m.role, content=m.content) for m in task.messages])

    def _body(self, messages: list[ChatMessage]) -> dict[str, Any]:
        config = self.config
        system = "\n\n".join(m.content for m in messages if m.role == "system")
        body: dict[str, Any] = {
            "model": self.model,
            "max_tokens": config.max_tokens or DEFAULT_MAX_TOKENS,
            "messages": _wire_messages(messages),
        }
        if system:
            body["system"] = system
        if config.thinking_budget:
            body["thinking"] = {"type": "enabled", "budget_tokens": config.thinking_budget}
        else:
            # Anthropic refuses temperature/top_p together with extended thinking.
            if config.temperature is not None:
                body["temperature"] = config.temperature
            if config.top_p is not None:
                body["top_p"] = config.top_p
        return body

    def _headers(self) -> dict[str, str]:
        headers = {"anthropic-version": API_VERSION}
        if self.api_key:
            headers["x-api-key"] = self.api_key
        return headers

    @property
    def _path(self) -> str:
        return "/v1/messages" if not self.base_url.endswith("/v1") else "/messages"

    async def generate(self, task: Task, *, cycle: int) -> ModelOutput:
        data = await self.post_json(self._path, self.request_body(task), self._headers())
        return parse_message(self.name, data)

    async def chat(self, messages: list[ChatMessage], tools: list[ToolSpec]) -> ChatTurn:
        body = self._body(messages)
        body["tools"] = [{"name": t.name, "description": t.description, "input_schema": t.parameters} for t in tools]
        data = await self.post_json(self._path, body, self._headers())
        return parse_tool_turn(self.name, data)
