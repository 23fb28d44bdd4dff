"""OpenAI-compatible Chat Completions: OpenAI, vLLM, Ollama, llama.cpp server, DeepSeek,
Qwen, Kimi, GLM, OpenRouter, anything that speaks ``POST /chat/completions``.

Which settings go out, and under which names, follows :mod:`.model_rules`: on OpenAI's own
endpoint the token limit is ``max_completion_tokens`` (reasoning models refuse
``max_tokens``); elsewhere it stays ``max_tokens``.
"""

from __future__ import annotations

import json
from typing import Any

from ase_async._errors import BadResponse, ContentFiltered, EmptyAnswer
from ase_async.events import Usage

from ._http import HttpModelAPI
from .base import ChatMessage, GenerateConfig, ModelOutput, ModelRequest, ToolCall

__all__ = ["OpenAIChatAPI", "map_finish_reason", "parse_chat_completion"]


def map_finish_reason(raw: object) -> str:
    """OpenAI's finish reason to the adapters' shared names (``function_call`` is the old
    name of ``tool_calls``); one mapping for single calls and agent turns alike."""
    finish = str(raw or "stop")
    return "tool_calls" if finish == "function_call" else finish


def _choice(name: str, data: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """The first choice's message and mapped finish reason; a filtered answer is an outcome."""
    choices = data.get("choices")
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
        raise BadResponse(f"{name}: the reply has no choices")
    choice = choices[0]
    message: dict[str, Any] = choice["message"] if isinstance(choice.get("message"), dict) else {}
    finish = map_finish_reason(choice.get("finish_reason"))
    if finish == "content_filter":
        # Whatever text came before the filter is a fragment, not an answer.
        raise ContentFiltered(f"{name}: the provider's content filter stopped the answer (finish_reason=content_filter)")
    refusal = message.get("refusal")
    if isinstance(refusal, str) and refusal.strip() and not message.get("content") and not message.get("tool_calls"):
        # The model declined in the refusal field instead of answering: the same outcome.
        raise ContentFiltered(f"{name}: the model refused to answer: {refusal[:200]}")
    return message, finish


def _wire_call(call: ToolCall) -> dict[str, Any]:
    """A tool call as the model made it: its own arguments string, even a malformed one (the
    tool result says what was wrong with it; "{}" would tell the model it sent nothing)."""
    if call.kind == "custom":
        return {"id": call.id, "type": "custom", "custom": {"name": call.name, "input": call.raw or ""}}
    arguments = call.raw if call.raw is not None else json.dumps(call.arguments)
    return {"id": call.id, "type": "function", "function": {"name": call.name, "arguments": arguments}}


def _wire_message(message: ChatMessage) -> dict[str, Any]:
    if message.role == "tool":
        return {"role": "tool", "tool_call_id": message.tool_call_id, "content": message.content}
    wire: dict[str, Any] = {"role": message.role, "content": message.content or None}
    if message.tool_calls:
        wire["tool_calls"] = [_wire_call(c) for c in message.tool_calls]
    elif wire["content"] is None:
        wire["content"] = ""
    return wire


def _parse_call(index: int, raw: Any) -> ToolCall | None:
    if not isinstance(raw, dict):
        return None
    call_id = str(raw.get("id") or f"call_{index}")
    custom = raw.get("custom")
    if raw.get("type") == "custom" and isinstance(custom, dict):
        text = str(custom.get("input", ""))
        return ToolCall(id=call_id, name=str(custom.get("name", "")), arguments={}, kind="custom", raw=text,
                        malformed=text[:500])
    function = raw.get("function")
    if not isinstance(function, dict):
        return None
    sent: Any = function.get("arguments")
    arguments: Any = sent if sent not in (None, "") else "{}"
    malformed = ""
    if isinstance(arguments, str):
        try:
            arguments = json.loads(arguments)
        except ValueError:
            malformed, arguments = arguments[:500], {}
    if not isinstance(arguments, dict):
        malformed, arguments = str(arguments)[:500], {}
    return ToolCall(id=call_id, name=str(function.get("name", "")), arguments=arguments, malformed=malformed,
                    raw=sent if isinstance(sent, str) else None)


def parse_chat_completion(name: str, data: dict[str, Any], *, tools: bool = True) -> ModelOutput:
    """A Chat Completions body to an answer or a turn (its text, its tool calls); a reply
    with neither, or without text when the request offered no ``tools``, is classified."""
    message, finish = _choice(name, data)
    calls = tuple(c for index, raw in enumerate(message.get("tool_calls") or []) if (c := _parse_call(index, raw)))
    content = message.get("content")
    if isinstance(content, list):  # some servers return content parts
        content = "".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
    text = content if isinstance(content, str) else ""
    if not (calls and tools) and not text.strip():
        reason = "it was cut off at the token limit" if finish == "length" else "no content"
        raise EmptyAnswer(f"{name}: the reply has {reason} (finish_reason={finish})")
    usage: dict[str, Any] = data["usage"] if isinstance(data.get("usage"), dict) else {}
    return ModelOutput(
        text=text,
        finish_reason=finish,
        usage=Usage(input_tokens=int(usage.get("prompt_tokens") or 0), output_tokens=int(usage.get("completion_tokens") or 0)),
        tool_calls=calls,
    )


class OpenAIChatAPI(HttpModelAPI):
    family = "openai"
    supports_tools = True

    def _generation(self, config: GenerateConfig) -> dict[str, Any]:
        """The generation settings of a request, under the names the endpoint takes."""
        sent: dict[str, Any] = {}
        if config.temperature is not None:
            sent["temperature"] = config.temperature
        if config.top_p is not None:
            sent["top_p"] = config.top_p
        if config.max_tokens is not None:
            # OpenAI deprecated max_tokens, and its reasoning models refuse it.
            sent["max_completion_tokens" if self.traits.official_openai else "max_tokens"] = config.max_tokens
        if config.reasoning_effort is not None:
            sent["reasoning_effort"] = config.reasoning_effort
        if config.seed is not None:
            sent["seed"] = config.seed
        return sent

    def params(self) -> dict[str, Any]:
        return self._generation(self.config)

    def request_body(self, request: ModelRequest) -> dict[str, Any]:
        """The body of ``POST /chat/completions`` for one request."""
        body: dict[str, Any] = {"model": self.model, "messages": [_wire_message(m) for m in request.messages]}
        if request.tools:
            body["tools"] = [{"type": "function", "function": {"name": t.name, "description": t.description,
                                                               "parameters": t.parameters}} for t in request.tools]
        return {**body, **self._generation(self.settings_for(request))}

    def _headers(self) -> dict[str, str]:
        return {"authorization": f"Bearer {self.api_key}"} if self.api_key else {}

    async def generate(self, request: ModelRequest) -> ModelOutput:
        data = await self.post_json("/chat/completions", self.request_body(request), self._headers())
        return parse_chat_completion(self.name, data, tools=bool(request.tools))
