"""OpenAI-compatible Chat Completions: OpenAI, vLLM, Ollama, llama.cpp server, DeepSeek,
Qwen, Kimi, GLM, OpenRouter, anything that speaks ``POST /chat/completions``."""

from __future__ import annotations

from typing import Any

from ase_async._errors import BadResponse
from ase_async.events import Usage
from ase_async.task import Task

from ._http import HttpModelAPI
from .base import ModelOutput

__all__ = ["OpenAIChatAPI", "parse_chat_completion"]


def parse_chat_completion(name: str, data: dict[str, Any]) -> ModelOutput:
    """A Chat Completions body to an answer; empty or contentless replies are classified."""
    choices = data.get("choices")
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
        raise BadResponse(f"{name}: the reply has no choices")
    choice = choices[0]
    message = choice.get("message") if isinstance(choice.get("message"), dict) else {}
    content = message.get("content")
    finish = str(choice.get("finish_reason") or "stop")
    if isinstance(content, list):  # some servers return content parts
        content = "".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
    if not isinstance(content, str) or not content.strip():
        reason = "it was cut off at the token limit" if finish == "length" else "no content"
        raise BadResponse(f"{name}: the reply has {reason} (finish_reason={finish})")
    usage = data.get("usage") if isinstance(data.get("usage"), dict) else {}
    return ModelOutput(
        text=content,
        finish_reason=finish,
        usage=Usage(input_tokens=int(usage.get("prompt_tokens") or 0), output_tokens=int(usage.get("completion_tokens") or 0)),
    )


class OpenAIChatAPI(HttpModelAPI):
    family = "openai"

    def request_body(self, task: Task) -> dict[str, Any]:
        body: dict[str, Any] = {
            "model": self.model,
            "messages": [{"role": m.role, "content": m.content} for m in task.messages],
        }
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

    async def generate(self, task: Task, *, cycle: int) -> ModelOutput:
        headers = {"authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        data = await self.post_json("/chat/completions", self.request_body(task), headers)
        return parse_chat_completion(self.name, data)
