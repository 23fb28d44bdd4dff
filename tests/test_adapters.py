from __future__ import annotations

import httpx
import pytest

from ase_async import BadResponse, FatalModelError, RateLimited, TransientModelError
from ase_async.adapters import GenerateConfig, get_model
from ase_async.adapters._http import parse_reset
from ase_async.adapters.anthropic import AnthropicAPI, parse_message
from ase_async.adapters.openai import OpenAIChatAPI, parse_chat_completion
from ase_async.events import Message
from ase_async.task import Task

TASK = Task(instance_id="i", contract="diff", messages=(Message("system", "be good"), Message("user", "write it")),
            digest="d", vuln_file="a.py", language="python", prompt_tokens=10, tokenizer="approx")


@pytest.mark.parametrize(
    "body",
    [{}, {"choices": []}, {"choices": [{"message": {"content": None}, "finish_reason": "stop"}]},
     {"choices": [{"message": {"content": ""}, "finish_reason": "length"}]}, {"choices": ["x"]}],
)
def test_unusable_chat_completions_are_bad_responses(body: dict) -> None:
    with pytest.raises(BadResponse):
        parse_chat_completion("openai/x", body)


def test_chat_completion_with_usage_and_truncation() -> None:
    out = parse_chat_completion("openai/x", {"choices": [{"message": {"content": "hi"}, "finish_reason": "length"}],
                                             "usage": {"prompt_tokens": 5, "completion_tokens": 7}})
    assert (out.text, out.finish_reason, out.usage.input_tokens, out.usage.output_tokens) == ("hi", "length", 5, 7)


def test_anthropic_message_keeps_text_blocks_only() -> None:
    out = parse_message("anthropic/x", {"content": [{"type": "thinking", "thinking": "hmm"}, {"type": "text", "text": "answer"}],
                                        "stop_reason": "end_turn", "usage": {"input_tokens": 3, "output_tokens": 4}})
    assert out.text == "answer" and out.usage.output_tokens == 4
    with pytest.raises(BadResponse):
        parse_message("anthropic/x", {"content": [], "stop_reason": "max_tokens"})


def test_request_bodies_carry_the_generation_parameters() -> None:
    openai = OpenAIChatAPI("openai/o4-mini", base_url="http://h/v1", api_key="k",
                           config=GenerateConfig(max_tokens=100, reasoning_effort="high"))
    body = openai.request_body(TASK)
    # OpenAI's endpoint: the limit is max_completion_tokens (reasoning models refuse max_tokens).
    assert body["model"] == "o4-mini" and body["reasoning_effort"] == "high" and body["max_completion_tokens"] == 100
    assert openai.params() == {"max_completion_tokens": 100, "reasoning_effort": "high"}
    vllm = OpenAIChatAPI("vllm/qwen", base_url="http://h/v1", api_key="k",
                         config=GenerateConfig(temperature=0.2, top_p=0.9, max_tokens=100))
    assert vllm.params() == {"temperature": 0.2, "top_p": 0.9, "max_tokens": 100}
    claude = AnthropicAPI("anthropic/claude-x", base_url="http://h", api_key="k", config=GenerateConfig(thinking_budget=2048, temperature=1.0))
    body = claude.request_body(TASK)
    assert body["system"] == "be good" and body["thinking"]["budget_tokens"] == 2048 and "temperature" not in body
    assert [m["role"] for m in body["messages"]] == ["user"]


@pytest.mark.parametrize(
    ("status", "headers", "error", "retry_after"),
    [(429, {"retry-after": "3"}, RateLimited, 3.0), (429, {"x-ratelimit-reset-requests": "1m30s"}, RateLimited, 90.0),
     (503, {}, TransientModelError, None), (401, {}, FatalModelError, None), (400, {}, FatalModelError, None)],
)
async def test_http_errors_are_classified(status: int, headers: dict, error: type, retry_after: float | None) -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(status, headers=headers, text="nope"))
    model = OpenAIChatAPI("openai/x", base_url="http://h/v1", api_key="k", transport=transport)
    with pytest.raises(error) as info:
        await model.generate(TASK, cycle=0)
    assert info.value.retry_after == retry_after
    await model.aclose()


async def test_non_json_and_connection_errors() -> None:
    model = OpenAIChatAPI("openai/x", base_url="http://h/v1", api_key="k",
                          transport=httpx.MockTransport(lambda r: httpx.Response(200, text="<html>")))
    with pytest.raises(BadResponse):
        await model.generate(TASK, cycle=0)

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused")

    model = OpenAIChatAPI("openai/x", base_url="http://h/v1", api_key="k", transport=httpx.MockTransport(refuse))
    with pytest.raises(TransientModelError):
        await model.generate(TASK, cycle=0)


def test_reset_header_formats() -> None:
    assert parse_reset("20ms") == pytest.approx(0.02)
    assert parse_reset("6m0s") == 360.0
    assert parse_reset("2.5") == 2.5
    assert parse_reset("2000-01-01T00:00:10Z", now=946684800.0) == pytest.approx(10.0)
    assert parse_reset("garbage") is None


def test_provider_table_and_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEEPSEEK_API_KEY", "sk-deepseek-abcdefgh")
    model = get_model("deepseek/deepseek-chat")
    assert model.base_url == "https://api.deepseek.com/v1"  # type: ignore[attr-defined]
    assert "sk-deepseek" not in model.connection_key()
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-abcdefgh")
    assert isinstance(get_model("anthropic/claude-x"), AnthropicAPI)
    assert isinstance(get_model("local/llama", base_url="http://127.0.0.1:9/v1"), OpenAIChatAPI)
