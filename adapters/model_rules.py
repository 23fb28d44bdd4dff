"""What each model family accepts, checked once, before the first request.

A run fans out over many models, and a setting one of them refuses would otherwise come back
as a 400 on every sample of that model. :func:`check_generation` names the flag, the value
and the model instead, and says how to set it for that model alone (a line of
``--models FILE`` may carry its own settings: :func:`parse_model_line`).

Defaults per family (what is sent when a setting is not given):

========================  =====================================================================
Anthropic                 ``max_tokens`` 16000 (the API requires one); no sampling settings.
                          ``--thinking-budget N`` sends ``thinking: enabled`` (1024 <= N <
                          max_tokens; Claude 4.6 and earlier). ``--reasoning-effort`` sends
                          adaptive thinking with ``output_config.effort`` (Claude 4.6 and
                          later). With thinking on, temperature and top_p are left out.
                          Claude 4.7 and later refuse temperature and top_p altogether.
OpenAI (``openai/``)      nothing but what is given; ``--max-tokens`` goes out as
                          ``max_completion_tokens`` (``max_tokens`` is refused by reasoning
                          models). Reasoning models (o-series, GPT-5 and later, not the
                          ``-chat`` variants) take ``reasoning_effort`` and only the default
                          temperature and top_p; other models refuse ``reasoning_effort``.
Other OpenAI-compatible   nothing but what is given, ``max_tokens`` as ``max_tokens``; the
                          server's own rules are unknown, so only ranges are checked.
========================  =====================================================================
"""

from __future__ import annotations

import re
from typing import Any

import httpx
import msgspec

from ase_async._errors import ConfigError

from .base import GenerateConfig

__all__ = [
    "ANTHROPIC_DEFAULT_MAX_TOKENS",
    "ModelTraits",
    "check_generation",
    "claude_version",
    "parse_model_line",
    "traits_for",
    "with_overrides",
]

ANTHROPIC_DEFAULT_MAX_TOKENS = 16_000
#: Anthropic's floor for a manual thinking budget
MIN_THINKING_BUDGET = 1024

_SETTINGS: dict[str, type] = {
    "temperature": float, "top_p": float, "max_tokens": int,
    "reasoning_effort": str, "thinking_budget": int, "seed": int,
}
_FLAGS = {name: "--" + name.replace("_", "-") for name in _SETTINGS}
_DATE = re.compile(r"^\d{8}$")


class ModelTraits(msgspec.Struct, frozen=True, kw_only=True):
    """What decides the shape of a model's requests."""

    family: str  # "anthropic" or "openai"
    #: the endpoint is OpenAI's own: its rules (and ``max_completion_tokens``) apply
    official_openai: bool = False
    #: an OpenAI reasoning model (o-series, GPT-5 and later)
    reasoning: bool = False
    #: Claude's version (major, minor), when the model id carries one
    claude: tuple[int, int] | None = None

    @property
    def rejects_sampling(self) -> bool:
        """Claude 4.7 and later (and the unversioned Mythos) refuse temperature and top_p."""
        return self.claude is not None and self.claude >= (4, 7)

    @property
    def adaptive_thinking(self) -> bool:
        """Claude 4.6 and later take ``thinking: adaptive`` with ``output_config.effort``."""
        return self.claude is not None and self.claude >= (4, 6)

    @property
    def budget_thinking(self) -> bool:
        """Claude 4.7 and later refuse ``thinking: enabled`` with a budget."""
        return self.claude is None or self.claude < (4, 7)


def claude_version(model: str) -> tuple[int, int] | None:
    """(major, minor) of a Claude model id: ``claude-sonnet-4-5-20250929`` -> (4, 5),
    ``claude-3-7-sonnet-20250219`` -> (3, 7), ``claude-opus-4-20250514`` -> (4, 0).

    A trailing eight-digit date is not a version. Mythos (no number) is taken as the newest.
    """
    name = model.rsplit("/", 1)[-1].lower()
    if "mythos" in name and not re.search(r"\d", name):
        return (99, 0)
    numbers = [int(t) for t in re.split(r"[-._@]", name) if t.isdigit() and not _DATE.match(t)]
    if not numbers:
        return None
    return (numbers[0], numbers[1] if len(numbers) > 1 and numbers[1] < 100 else 0)


def _openai_reasoning(model: str) -> bool:
    name = model.rsplit("/", 1)[-1].lower()
    if re.match(r"^o\d", name):
        return True
    match = re.match(r"^gpt-(\d+)", name)
    # gpt-5-chat-latest and the like are the non-reasoning chat models of a reasoning line.
    return match is not None and int(match.group(1)) >= 5 and "-chat" not in name


def traits_for(spec: str, *, family: str, base_url: str) -> ModelTraits:
    """The traits of ``provider/model`` served at ``base_url`` by an adapter of ``family``."""
    provider, _, model = spec.partition("/")
    if family == "anthropic":
        return ModelTraits(family="anthropic", claude=claude_version(model))
    host = (httpx.URL(base_url).host or "").lower()
    # The ``openai/`` prefix means OpenAI's rules wherever it points (a proxy, a recording,
    # a simulator); other servers go by their own prefix (vllm/, ollama/, ...).
    official = host == "api.openai.com" or provider == "openai"
    return ModelTraits(family="openai", official_openai=official, reasoning=official and _openai_reasoning(model))


def _problems_anthropic(spec: str, config: GenerateConfig, traits: ModelTraits) -> list[str]:
    found: list[str] = []
    max_tokens = config.max_tokens or ANTHROPIC_DEFAULT_MAX_TOKENS
    for name in ("temperature", "top_p"):
        value = getattr(config, name)
        if value is None:
            continue
        if not 0.0 <= value <= 1.0:
            found.append(f"{_FLAGS[name]} {value}: {spec} accepts 0 to 1")
        elif traits.rejects_sampling:
            found.append(f"{_FLAGS[name]} {value}: {spec} (Claude 4.7 and later) refuses sampling settings; leave it unset")
    thinking = config.thinking_budget is not None or config.reasoning_effort is not None
    # With thinking on both are left out of the request, so only a request without it can clash.
    if (config.temperature is not None and config.top_p is not None and not thinking
            and traits.claude is not None and traits.claude >= (4, 5)):
        found.append(f"--temperature with --top-p: {spec} accepts only one of them")
    if config.thinking_budget is not None:
        if not traits.budget_thinking:
            found.append(f"--thinking-budget {config.thinking_budget}: {spec} accepts only adaptive thinking; "
                         "use --reasoning-effort instead")
        elif config.thinking_budget < MIN_THINKING_BUDGET:
            found.append(f"--thinking-budget {config.thinking_budget}: {spec} needs at least {MIN_THINKING_BUDGET}")
        elif config.thinking_budget >= max_tokens:
            found.append(f"--thinking-budget {config.thinking_budget}: must be below max_tokens ({max_tokens}) for {spec}; "
                         "raise --max-tokens or lower the budget")
    if config.reasoning_effort is not None:
        if config.thinking_budget is not None:
            found.append(f"--reasoning-effort with --thinking-budget: {spec} takes one way of thinking, not both")
        elif not traits.adaptive_thinking:
            found.append(f"--reasoning-effort {config.reasoning_effort}: {spec} has no adaptive thinking "
                         "(Claude 4.6 and later); use --thinking-budget")
        elif config.reasoning_effort not in ("low", "medium", "high", "xhigh", "max"):
            found.append(f"--reasoning-effort {config.reasoning_effort}: {spec} accepts low, medium, high, xhigh, max")
    if config.seed is not None:
        found.append(f"--seed {config.seed}: the Anthropic API has no seed")
    return found


def _problems_openai(spec: str, config: GenerateConfig, traits: ModelTraits) -> list[str]:
    found: list[str] = []
    if config.temperature is not None and not 0.0 <= config.temperature <= 2.0:
        found.append(f"--temperature {config.temperature}: {spec} accepts 0 to 2")
    if config.top_p is not None and not 0.0 <= config.top_p <= 1.0:
        found.append(f"--top-p {config.top_p}: {spec} accepts 0 to 1")
    if config.thinking_budget is not None:
        found.append(f"--thinking-budget {config.thinking_budget}: an Anthropic setting; {spec} takes --reasoning-effort")
    if traits.official_openai and traits.reasoning:
        for name in ("temperature", "top_p"):
            value = getattr(config, name)
            if value is not None and value != 1.0:
                found.append(f"{_FLAGS[name]} {value}: {spec} is a reasoning model and accepts only the default (1)")
        effort = config.reasoning_effort
        name = spec.rsplit("/", 1)[-1].lower()
        if effort == "max":
            found.append(f"--reasoning-effort max: {spec} accepts none, minimal, low, medium, high, xhigh")
        elif effort in ("none", "minimal", "xhigh") and name.startswith("o"):
            found.append(f"--reasoning-effort {effort}: {spec} (o-series) accepts low, medium, high")
        elif effort == "minimal" and not re.match(r"^gpt-5(-mini|-nano)?(-\d{4}-\d{2}-\d{2})?$", name):
            found.append(f"--reasoning-effort minimal: only GPT-5 itself (and -mini, -nano) accept it, not {spec}")
    elif traits.official_openai and config.reasoning_effort is not None:
        found.append(f"--reasoning-effort {config.reasoning_effort}: {spec} is not a reasoning model and refuses it")
    return found


def check_generation(spec: str, config: GenerateConfig, traits: ModelTraits) -> None:
    """Refuse settings the model would refuse, all of them in one message.

    Raises:
        ConfigError: naming each flag, its value and the model, and how to set it per model.
    """
    if config.max_tokens is not None and config.max_tokens < 1:
        problems = [f"--max-tokens {config.max_tokens}: must be at least 1"]
    else:
        problems = []
    if traits.family == "anthropic":
        problems += _problems_anthropic(spec, config, traits)
    else:
        problems += _problems_openai(spec, config, traits)
    if problems:
        # Each problem starts with its flag: the example unsets the first one for this model.
        key = problems[0].split()[0].lstrip("-").replace("-", "_")
        raise ConfigError(
            f"{spec}: generation settings it would refuse:\n  " + "\n  ".join(problems)
            + f'\n(a model\'s own settings go on its line of --models FILE, e.g. "{spec} {key}=none")'
        )


def parse_model_line(line: str, *, where: str = "") -> tuple[str, dict[str, Any]]:
    """``provider/model key=value ...`` to the spec and its own settings.

    Keys are the generation flags without dashes (``temperature``, ``top_p``,
    ``max_tokens``, ``reasoning_effort``, ``thinking_budget``, ``seed``); ``none`` unsets
    a setting that the command line gave to every model.

    Raises:
        ConfigError: an unknown key or a value of the wrong type, naming ``where``.
    """
    spec, *pairs = line.split()
    settings: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or key not in _SETTINGS:
            raise ConfigError(f"{where or spec}: {pair!r} is not a setting; known: "
                              + ", ".join(f"{k}=" for k in _SETTINGS))
        if value.lower() == "none":
            settings[key] = None
            continue
        try:
            settings[key] = _SETTINGS[key](value)
        except ValueError:
            raise ConfigError(f"{where or spec}: {key}={value!r} is not a {_SETTINGS[key].__name__}") from None
    return spec, settings


def with_overrides(base: GenerateConfig, settings: dict[str, Any]) -> GenerateConfig:
    """``base`` with one model's own settings laid over it (``None`` unsets)."""
    return msgspec.structs.replace(base, **settings) if settings else base
