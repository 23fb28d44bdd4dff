"""Generation settings per model: checked before the run, set per model, recorded as sent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ase_async import ConfigError, RunConfig, run
from ase_async.adapters import GenerateConfig, get_model
from ase_async.adapters.model_rules import claude_version, parse_model_line
from ase_async.cli import _config, build_parser
from ase_async.eventlog import read_events
from ase_async.events import AnswerReceived

G = GenerateConfig


@pytest.mark.parametrize(
    ("spec", "config", "flag"),
    [
        ("anthropic/claude-sonnet-4-5", G(thinking_budget=512), "--thinking-budget 512"),
        ("anthropic/claude-sonnet-4-5", G(thinking_budget=16000), "must be below max_tokens (16000)"),
        ("anthropic/claude-sonnet-4-5", G(thinking_budget=4000, max_tokens=4000), "must be below max_tokens (4000)"),
        ("anthropic/claude-3-5-haiku-20241022", G(temperature=1.5), "--temperature 1.5: anthropic/claude-3-5-haiku-20241022 accepts 0 to 1"),
        ("anthropic/claude-opus-4-7", G(temperature=0.2), "refuses sampling settings"),
        ("anthropic/claude-opus-4-7", G(thinking_budget=2048), "accepts only adaptive thinking"),
        ("anthropic/claude-sonnet-4-5", G(reasoning_effort="high"), "has no adaptive thinking"),
        ("anthropic/claude-sonnet-4-5", G(temperature=0.5, top_p=0.9), "accepts only one of them"),
        ("anthropic/claude-opus-4-6", G(reasoning_effort="minimal"), "accepts low, medium, high, xhigh, max"),
        ("anthropic/claude-3-7-sonnet-20250219", G(seed=1), "--seed 1"),
        ("openai/o3", G(temperature=0.0), "--temperature 0.0: openai/o3 is a reasoning model"),
        ("openai/gpt-5", G(top_p=0.5), "--top-p 0.5"),
        ("openai/gpt-4.1", G(reasoning_effort="low"), "openai/gpt-4.1 is not a reasoning model"),
        ("openai/gpt-5-chat-latest", G(reasoning_effort="low"), "is not a reasoning model"),
        ("openai/o4-mini", G(reasoning_effort="minimal"), "(o-series) accepts low, medium, high"),
        ("openai/gpt-5.1", G(reasoning_effort="minimal"), "only GPT-5 itself"),
        ("openai/gpt-4.1", G(temperature=2.5), "accepts 0 to 2"),
        ("openai/gpt-4.1", G(thinking_budget=2048), "an Anthropic setting"),
        ("vllm/qwen3", G(max_tokens=0), "--max-tokens 0"),
    ],
)
def test_settings_a_model_would_refuse_are_named_before_any_request(spec: str, config: GenerateConfig, flag: str) -> None:
    with pytest.raises(ConfigError) as info:
        get_model(spec, base_url="http://127.0.0.1:9/v1", config=config)
    message = str(info.value)
    assert flag in message and spec in message and "--models FILE" in message


@pytest.mark.parametrize(
    ("spec", "config"),
    [
        ("anthropic/claude-sonnet-4-5", G(thinking_budget=1024, temperature=0.7)),  # temperature left out, not refused
        ("anthropic/claude-opus-4-7", G(reasoning_effort="xhigh", max_tokens=32000)),
        ("anthropic/claude-3-7-sonnet-20250219", G(temperature=0.0, top_p=0.9)),
        ("openai/o3", G(reasoning_effort="high", temperature=1.0)),
        ("openai/gpt-5-mini", G(reasoning_effort="minimal")),
        ("openai/gpt-4.1", G(temperature=0.0, top_p=1.0, seed=3)),
        ("deepseek/deepseek-reasoner", G(reasoning_effort="high", temperature=0.6)),  # not OpenAI's rules
    ],
)
def test_settings_a_model_takes_pass(spec: str, config: GenerateConfig) -> None:
    get_model(spec, base_url="http://127.0.0.1:9/v1", config=config)


def test_claude_versions_from_model_ids() -> None:
    assert claude_version("claude-sonnet-4-5-20250929") == (4, 5)
    assert claude_version("claude-3-7-sonnet-20250219") == (3, 7)
    assert claude_version("claude-opus-4-20250514") == (4, 0)
    assert claude_version("claude-sonnet-5") == (5, 0)
    assert claude_version("claude-mythos-preview")[0] > 4  # type: ignore[index]
    assert claude_version("my-finetune") is None


def test_recorded_params_are_the_ones_sent() -> None:
    claude = get_model("anthropic/claude-sonnet-4-5", base_url="http://127.0.0.1:9",
                       config=G(thinking_budget=2048, temperature=0.7, top_p=0.9, max_tokens=8000))
    assert claude.params() == {"max_tokens": 8000, "thinking": {"type": "enabled", "budget_tokens": 2048}}
    adaptive = get_model("anthropic/claude-opus-4-6", base_url="http://127.0.0.1:9", config=G(reasoning_effort="low"))
    assert adaptive.params() == {"max_tokens": 16000, "thinking": {"type": "adaptive"}, "output_config": {"effort": "low"}}
    o3 = get_model("openai/o3", base_url="http://127.0.0.1:9/v1", config=G(max_tokens=5000, reasoning_effort="low"))
    assert o3.params() == {"max_completion_tokens": 5000, "reasoning_effort": "low"}


def test_model_lines_carry_their_own_settings(tmp_path: Path) -> None:
    assert parse_model_line("openai/o3 reasoning_effort=high max_tokens=32000 temperature=none") == (
        "openai/o3", {"reasoning_effort": "high", "max_tokens": 32000, "temperature": None})
    with pytest.raises(ConfigError, match="'temprature=1' is not a setting"):
        parse_model_line("openai/o3 temprature=1", where="models.txt, line 2")
    with pytest.raises(ConfigError, match="max_tokens='many' is not a int"):
        parse_model_line("openai/o3 max_tokens=many")
    models = tmp_path / "models.txt"
    models.write_text("# fan-out\nopenai/gpt-4.1\nopenai/o3 temperature=none reasoning_effort=medium  # reasoning\n"
                      "anthropic/claude-sonnet-4-5 thinking_budget=4096 max_tokens=12000\n")
    args = build_parser().parse_args(["run", "--models", str(models), "--temperature", "0.2"])
    config = _config(args, "run")
    assert config.models == ["openai/gpt-4.1", "openai/o3", "anthropic/claude-sonnet-4-5"]
    assert config.generation_for("openai/gpt-4.1") == G(temperature=0.2)
    assert config.generation_for("openai/o3") == G(reasoning_effort="medium")
    assert config.generation_for("anthropic/claude-sonnet-4-5") == G(temperature=0.2, thinking_budget=4096, max_tokens=12000)


async def test_a_fan_out_run_sends_and_records_each_models_own_settings(tiny_dataset: Path, tmp_path: Path) -> None:
    from ase_async.testing.provider import SimulatedProvider

    def answer(body: dict[str, Any], family: str) -> str:
        return "```diff\n```"

    async with SimulatedProvider(responder=answer) as sim:
        config = RunConfig(
            models=["openai/gpt-4.1", "openai/o3"], dataset=str(tiny_dataset), out=str(tmp_path / "out"), cycles=1,
            phase="generate", generation=G(temperature=0.2, max_tokens=900),
            model_generation={"openai/o3": {"temperature": None, "reasoning_effort": "high"}},
            model_options={"base_url": sim.base_url, "api_key": "sk-test-rules-000"},
        )
        await run(config)
    sent = {b["model"]: {k: v for k, v in b.items() if k not in ("model", "messages")} for b in sim.requests}
    assert sent == {"gpt-4.1": {"temperature": 0.2, "max_completion_tokens": 900},
                    "o3": {"max_completion_tokens": 900, "reasoning_effort": "high"}}
    recorded = {e.model: e.params for e in read_events(tmp_path / "out" / "events.jsonl") if isinstance(e, AnswerReceived)}
    assert recorded == {"openai/gpt-4.1": sent["gpt-4.1"], "openai/o3": sent["o3"]}


async def test_a_refused_setting_stops_the_run_before_any_request(tiny_dataset: Path, tmp_path: Path) -> None:
    from ase_async.testing.provider import SimulatedProvider

    async with SimulatedProvider() as sim:
        config = RunConfig(models=["openai/o3"], dataset=str(tiny_dataset), out=str(tmp_path / "out"), cycles=1,
                           phase="generate", generation=G(temperature=0.0),
                           model_options={"base_url": sim.base_url, "api_key": "sk-test-rules-000"})
        with pytest.raises(ConfigError, match=r"--temperature 0\.0: openai/o3"):
            await run(config)
    assert sim.stats["requests"] == 0
