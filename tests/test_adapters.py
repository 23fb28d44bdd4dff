from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from ase_async import BadResponse, FatalModelError, RateLimited, TransientModelError, load_dataset
from ase_async.adapters import GenerateConfig, get_model
from ase_async.adapters._http import parse_reset
from ase_async.adapters.anthropic import AnthropicAPI, parse_message
from ase_async.adapters.base import ChatMessage, ModelRequest, ToolSpec
from ase_async.adapters.openai import OpenAIChatAPI, parse_chat_completion
from ase_async.adapters.oracle import oracle_answer
from ase_async.testing import ScriptedModel

REQUEST = ModelRequest(messages=(ChatMessage(role="system", content="be good"), ChatMessage(role="user", content="write it")))


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
    body = openai.request_body(REQUEST)
    # OpenAI's endpoint: the limit is max_completion_tokens (reasoning models refuse max_tokens).
    assert body["model"] == "o4-mini" and body["reasoning_effort"] == "high" and body["max_completion_tokens"] == 100
    assert openai.params() == {"max_completion_tokens": 100, "reasoning_effort": "high"}
    vllm = OpenAIChatAPI("vllm/qwen", base_url="http://h/v1", api_key="k",
                         config=GenerateConfig(temperature=0.2, top_p=0.9, max_tokens=100))
    assert vllm.params() == {"temperature": 0.2, "top_p": 0.9, "max_tokens": 100}
    claude = AnthropicAPI("anthropic/claude-x", base_url="http://h", api_key="k", config=GenerateConfig(thinking_budget=2048, temperature=1.0))
    body = claude.request_body(REQUEST)
    assert body["system"] == "be good" and body["thinking"]["budget_tokens"] == 2048 and "temperature" not in body
    assert [m["role"] for m in body["messages"]] == ["user"]



def test_a_request_with_tools_and_settings_of_its_own() -> None:
    tool = ToolSpec(name="submit", description="answer", parameters={"type": "object", "properties": {}})
    openai = OpenAIChatAPI("vllm/qwen", base_url="http://h/v1", api_key="k",
                           config=GenerateConfig(temperature=0.2, max_tokens=100))
    assert "tools" not in openai.request_body(REQUEST)
    body = openai.request_body(ModelRequest(messages=REQUEST.messages, tools=(tool,), config=GenerateConfig(temperature=0.7)))
    assert body["tools"][0]["function"]["name"] == "submit"
    # The request's setting wins, the model's others stay, and the record is the model's own.
    assert (body["temperature"], body["max_tokens"]) == (0.7, 100) and openai.params()["temperature"] == 0.2
    claude = AnthropicAPI("anthropic/claude-x", base_url="http://h", api_key="k")
    body = claude.request_body(ModelRequest(messages=REQUEST.messages, tools=(tool,), config=GenerateConfig(max_tokens=50)))
    assert body["tools"][0]["input_schema"] == tool.parameters and body["max_tokens"] == 50
    with pytest.raises(FatalModelError, match="max-tokens 0"):
        openai.request_body(ModelRequest(messages=REQUEST.messages, config=GenerateConfig(max_tokens=0)))


async def test_adapters_that_cannot_use_tools_refuse_requests_that_carry_them(tiny_dataset: Path) -> None:
    tool = ToolSpec(name="submit", description="answer", parameters={})
    oracle = get_model("oracle/gold", dataset=load_dataset(tiny_dataset))
    scripted = ScriptedModel("fake/x", lambda request, cycle: "x")
    for model in (oracle, scripted):
        assert not model.supports_tools
        with pytest.raises(FatalModelError, match="cannot use tools"):
            await model.generate(ModelRequest(messages=REQUEST.messages, tools=(tool,)))


async def test_oracles_read_the_instance_from_the_request_labels(tiny_dataset: Path) -> None:
    dataset = load_dataset(tiny_dataset)
    instance = dataset.instances[0]
    oracle = get_model("oracle/gold", dataset=dataset)
    labels = {"instance_id": instance.instance_id, "contract": "code", "cycle": "0"}
    output = await oracle.generate(ModelRequest(messages=REQUEST.messages, metadata=labels))
    assert output.text == oracle_answer(dataset, instance, "gold", "code") and output.params == {"oracle": "gold"}
    with pytest.raises(FatalModelError, match="no instance_id"):
        await oracle.generate(REQUEST)


def test_the_request_type_does_not_need_the_dataset() -> None:
    code = ("import sys, ase_async.adapters.base as b; "
            "print(sorted(m for m in ('ase_async.task', 'ase_async.dataset', 'ase_async.instance') if m in sys.modules)); "
            "print(list(b.ModelRequest.__struct_fields__))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[:2] == ["[]", "['messages', 'tools', 'config', 'metadata']"]


@pytest.mark.parametrize(
    ("status", "headers", "error", "retry_after"),
    [(429, {"retry-after": "3"}, RateLimited, 3.0), (429, {"x-ratelimit-reset-requests": "1m30s"}, RateLimited, 90.0),
     (503, {}, TransientModelError, None), (401, {}, FatalModelError, None), (400, {}, FatalModelError, None)],
)
async def test_http_errors_are_classified(status: int, headers: dict, error: type, retry_after: float | None) -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(status, headers=headers, text="nope"))
    model = OpenAIChatAPI("openai/x", base_url="http://h/v1", api_key="k", transport=transport)
    with pytest.raises(error) as info:
        await model.generate(REQUEST)
    assert info.value.retry_after == retry_after
    await model.aclose()


async def test_non_json_and_connection_errors() -> None:
    model = OpenAIChatAPI("openai/x", base_url="http://h/v1", api_key="k",
                          transport=httpx.MockTransport(lambda r: httpx.Response(200, text="<html>")))
    with pytest.raises(BadResponse):
        await model.generate(REQUEST)

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused")

    model = OpenAIChatAPI("openai/x", base_url="http://h/v1", api_key="k", transport=httpx.MockTransport(refuse))
    with pytest.raises(TransientModelError):
        await model.generate(REQUEST)


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


@pytest.mark.parametrize(("adapter", "base_url", "expected"), [
    (OpenAIChatAPI, "http://h/v1", "http://h/v1/chat/completions"),
    (OpenAIChatAPI, "http://h/proxy/v1/", "http://h/proxy/v1/chat/completions"),
    (AnthropicAPI, "http://h", "http://h/v1/messages"),
    (AnthropicAPI, "http://h/gateway", "http://h/gateway/v1/messages"),
])
async def test_requests_go_to_the_endpoint_under_the_base_url(adapter, base_url: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    """The endpoint's URL is parsed once and reused: it must still sit under any base path."""
    seen: list[str] = []

    def reply(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(500, text="down")

    model = adapter("x/y", base_url=base_url, api_key="k", transport=httpx.MockTransport(reply))
    request = ModelRequest(messages=(ChatMessage(role="user", content="hi"),))
    for _ in range(2):
        with pytest.raises(TransientModelError):
            await model.generate(request)
    await model.aclose()
    assert seen == [expected, expected]
