"""OpenAI-compatible Chat Completions: OpenAI, vLLM, Ollama, llama.cpp server, DeepSeek,
Qwen, Kimi, GLM, OpenRouter, anything that speaks ``POST /chat/completions``."""

from __future__ import annotations

import json
from typing import Any

from ase_async._errors import BadResponse
from ase_async.events import Usage
from ase_async.task import Task

from ._http import HttpModelAPI
from .base import ChatMessage, ChatTurn, ModelOutput, ToolCall, ToolSpec

__all__ = ["OpenAIChatAPI", "parse_chat_completion"]


def parse_chat_completion(name: str, data: dict[str, Any]) -> ModelOutput:
    """A Chat Completions body to an answer; empty or contentless replies are classified."""
    choices = data.get("choices")
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
        raise BadResponse(f"{name}: the reply has no choices")
    choice = choices[0]
    message: dict[str, Any] = choice["message"] if isinstance(choice.get("message"), dict) else {}
    content = message.get("content")
    finish = str(choice.get("finish_reason") or "stop")
    if isinstance(content, list):  # some servers return content parts
        content = "".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
    if not isinstance(content, str) or not content.strip():
        reason = "it was cut off at the token limit" if finish == "length" else "no content"
        raise BadResponse(f"{name}: the reply has {reason} (finish_reason={finish})")
    usage: dict[str, Any] = data["usage"] if isinstance(data.get("usage"), dict) else {}
    return ModelOutput(
        text=content,
        finish_reason=finish,
        usage=Usage(input_tokens=int(usage.get("prompt_tokens") or 0), output_tokens=int(usage.get("completion_tokens") or 0)),
    )


def _wire_message(message: ChatMessage) -> dict[str, Any]:
    if message.role == "tool":
        return {"role": "tool", "tool_call_id": message.tool_call_id, "content": message.content}
    wire: dict[str, Any] = {"role": message.role, "content": message.content or None}
    if message.tool_calls:
        wire["tool_calls"] = [
            {"id": c.id, "type": "function", "function": {"name": c.name, "arguments": json.dumps(c.arguments)}}
            for c in message.tool_calls
        ]
    elif wire["content"] is None:
        wire["content"] = ""
    return wire


def parse_tool_turn(name: str, data: dict[str, Any]) -> ChatTurn:
    choices = data.get("choices")
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
        raise BadResponse(f"{name}: the reply has no choices")
    choice = choices[0]
    message: dict[str, Any] = choice["message"] if isinstance(choice.get("message"), dict) else {}
    calls: list[ToolCall] = []
    for index, raw in enumerate(message.get("tool_calls") or []):
        function = raw.get("function") if isinstance(raw, dict) else None
        if not isinstance(function, dict):
            continue
        arguments: Any = function.get("arguments") or "{}"
        malformed = ""
        if isinstance(arguments, str):
            try:
                arguments = json.loads(arguments)
            except ValueError:
                malformed, arguments = arguments[:500], {}
        if not isinstance(arguments, dict):
            malformed, arguments = str(arguments)[:500], {}
        calls.append(ToolCall(id=str(raw.get("id") or f"call_{index}"), name=str(function.get("name", "")),
                              arguments=arguments, malformed=malformed))
    content: str = message["content"] if isinstance(message.get("content"), str) else ""
    if not calls and not content.strip():
        raise BadResponse(f"{name}: the reply has neither text nor tool calls")
    usage: dict[str, Any] = data["usage"] if isinstance(data.get("usage"), dict) else {}
    return ChatTurn(
        message=ChatMessage(role="assistant", content=content, tool_calls=tuple(calls)),
        finish_reason=str(choice.get("finish_reason") or "stop"),
        usage=Usage(input_tokens=int(usage.get("prompt_tokens") or 0), output_tokens=int(usage.get("completion_tokens") or 0)),
    )


class OpenAIChatAPI(HttpModelAPI):
    family = "openai"
    supports_tools = True

    def _parameters(self, body: dict[str, Any]) -> dict[str, Any]:
        config = self.config
        if config.temperature is not None:
            body["temperature"] = config.temperature
        if config.top_p is not None:
            body["top_p"] = config.top_p
        if config.max_tokens is not None:
            body["max_tokens"] = config.max_tokens
        if config.reasoning_effort is not None:
            body["reasoning_effort"] = config.reasoning_effort
        if config.seed is not None:
            body["seed"] = config.seed
        return body

    def request_body(self, task: Task) -> dict[str, Any]:
        return self._parameters({
            "model": self.model,
            "messages": [{"role": m.role, "content": m.content} for m in task.messages],
        })

    def _headers(self) -> dict[str, str]:
        return {"authorization": f"Bearer {self.api_key}"} if self.api_key else {}

    async def generate(self, task: Task, *, cycle: int) -> ModelOutput:
        data = await self.post_json("/chat/completions", self.request_body(task), self._headers())
        return parse_chat_completion(self.name, data)

    async def chat(self, messages: list[ChatMessage], tools: list[ToolSpec]) -> ChatTurn:
        body = self._parameters({
            "model": self.model,
            "messages": [_wire_message(m) for m in messages],
            "tools": [{"type": "function", "function": {"name": t.name, "description": t.description,
                                                        "parameters": t.parameters}} for t in tools],
        })
        data = await self.post_json("/chat/completions", body, self._headers())
        return parse_tool_turn(self.name, data)
