"""Anthropic Messages API (``POST /v1/messages``), with extended thinking budgets."""

from __future__ import annotations

from typing import Any

from ase_async._errors import BadResponse
from ase_async.events import Usage
from ase_async.task import Task

from ._http import HttpModelAPI
from .base import ModelOutput

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
    usage = data.get("usage") if isinstance(data.get("usage"), dict) else {}
    return ModelOutput(
        text=text,
        finish_reason=finish,
        usage=Usage(input_tokens=int(usage.get("input_tokens") or 0), output_tokens=int(usage.get("output_tokens") or 0)),
    )


class AnthropicAPI(HttpModelAPI):
    family = "anthropic"

    def request_body(self, task: Task) -> dict[str, Any]:
        config = self.config
        system = "\n\n".join(m.content for m in task.messages if m.role == "system")
        body: dict[str, Any] = {
            "model": self.model,
            "max_tokens": config.max_tokens or DEFAULT_MAX_TOKENS,
            "messages": [{"role": m.role, "content": m.content} for m in task.messages if m.role != "system"],
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

    async def generate(self, task: Task, *, cycle: int) -> ModelOutput:
        headers = {"anthropic-version": API_VERSION}
        if self.api_key:
            headers["x-api-key"] = self.api_key
        path = "/v1/messages" if not self.base_url.endswith("/v1") else "/messages"
        data = await self.post_json(path, self.request_body(task), headers)
        return parse_message(self.name, data)
