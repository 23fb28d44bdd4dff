"""The model seam: one request in, one answer out.

A :class:`ModelRequest` is what any model can be asked: messages, the tools it may call and
generation settings, plus neutral labels (``metadata``) the harness attaches for its own
built-in systems. It knows nothing of the dataset. :meth:`ModelAPI.generate` answers it
with a :class:`ModelOutput`, the same type for a single-shot answer and for one turn of a
tool-using agent (the assistant's text, tool calls and reasoning).

Adapters do one thing: turn a request into a provider call and its reply into a
:class:`ModelOutput`, raising a classified :class:`~ase_async.ModelError` when that fails.
They never retry, sleep or limit themselves: the scheduler owns retries, backoff and rate
limits, keyed by :meth:`ModelAPI.connection_key`.
"""

from __future__ import annotations

import abc
from typing import Any

import msgspec

from ase_async._errors import FatalModelError
from ase_async.events import Usage

__all__ = [
    "ChatMessage", "GenerateConfig", "ModelAPI", "ModelOutput", "ModelRequest", "Reasoning", "ToolCall", "ToolSpec",
]

#: the finish reasons every adapter maps its provider's stop reasons to; an unknown one is
#: kept as the provider said it
FINISH_REASONS = ("stop", "length", "tool_calls", "content_filter", "submitted")


class GenerateConfig(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """Generation parameters, recorded with every answer."""

    temperature: float | None = None
    top_p: float | None = None
    max_tokens: int | None = None
    reasoning_effort: str | None = None
    thinking_budget: int | None = None
    seed: int | None = None


class ToolCall(msgspec.Struct, frozen=True):
    id: str
    name: str
    arguments: dict[str, Any]
    #: set when the model sent arguments that are not a JSON object
    malformed: str = ""
    #: ``function`` (JSON arguments) or ``custom`` (OpenAI's free-form input, which the
    #: agent's tools do not take; it is answered with an error, never dropped)
    kind: str = "function"
    #: the arguments (or custom input) exactly as the model sent them, to send back as they were
    raw: str | None = None


class Reasoning(msgspec.Struct, frozen=True, kw_only=True):
    """A block of the model's reasoning that must go back to the provider unmodified
    (Anthropic's signed ``thinking`` and ``redacted_thinking`` blocks)."""

    kind: str  # thinking, redacted_thinking
    text: str = ""
    signature: str = ""
    #: the encrypted content of a redacted block
    data: str = ""


class ToolSpec(msgspec.Struct, frozen=True):
    name: str
    description: str
    parameters: dict[str, Any]


class ChatMessage(msgspec.Struct, frozen=True, kw_only=True):
    """A provider-neutral message: of a single request, or of a tool-using conversation."""

    role: str  # system, user, assistant, tool
    content: str = ""
    tool_calls: tuple[ToolCall, ...] = ()
    tool_call_id: str | None = None
    #: the reasoning that came with an assistant turn, sent back with it (in this order,
    #: before its text and tool calls, as the provider gave it)
    reasoning: tuple[Reasoning, ...] = ()


class ModelRequest(msgspec.Struct, frozen=True, kw_only=True):
    """What a model is asked: the one request shape of every adapter, dataset-free.

    ``config`` holds settings for this request only, laid over the model's own
    (:meth:`ModelAPI.settings_for`); ``None`` fields leave the model's setting as it is.
    ``metadata`` holds neutral labels the harness attaches (``instance_id``, ``contract``,
    ``cycle``); ordinary adapters ignore them, the harness's built-in oracles read them.
    """

    messages: tuple[ChatMessage, ...]
    tools: tuple[ToolSpec, ...] = ()
    config: GenerateConfig | None = None
    metadata: dict[str, str] = {}


class ModelOutput(msgspec.Struct, frozen=True, kw_only=True):
    """An answer, or one turn of a tool-using conversation, with the finish reason mapped
    (:data:`FINISH_REASONS`) and, in ``params``, settings the adapter learnt only from the reply.

    ``text`` is the answer (for a turn, the assistant's text, possibly empty);
    ``tool_calls`` and ``reasoning`` are what a turn needs to go on, and :attr:`message`
    the assistant message to send back with the next request.
    """

    text: str
    finish_reason: str = "stop"
    usage: Usage = Usage()
    params: dict[str, Any] = {}
    tool_calls: tuple[ToolCall, ...] = ()
    reasoning: tuple[Reasoning, ...] = ()

    @property
    def message(self) -> ChatMessage:
        """The reply as the assistant message of the conversation."""
        return ChatMessage(role="assistant", content=self.text, tool_calls=self.tool_calls, reasoning=self.reasoning)


class ModelAPI(abc.ABC):
    """A model behind a provider. ``name`` is the ``provider/model`` spec."""

    #: the adapter can answer requests that carry tools (and so run as an agent)
    supports_tools = False

    def __init__(self, name: str, *, config: GenerateConfig | None = None) -> None:
        self.name = name
        self.config = config or GenerateConfig()

    @abc.abstractmethod
    async def generate(self, request: ModelRequest) -> ModelOutput:
        """Answer one request: a single-shot answer, or one turn when it carries tools.

        Raises:
            RateLimited: the provider asked to slow down (``retry_after`` when it said).
            TransientModelError: a failure worth retrying (5xx, timeout, reset).
            BadResponse: a reply that is not a usable answer.
            FatalModelError: a failure that retrying cannot fix; a request with tools to an
                adapter that cannot use them (:meth:`refuse_tools`).
        """

    def settings_for(self, request: ModelRequest) -> GenerateConfig:
        """The model's settings with the request's own laid over them: the one place they merge."""
        if request.config is None:
            return self.config
        overrides = {k: v for k, v in msgspec.structs.asdict(request.config).items() if v is not None}
        return msgspec.structs.replace(self.config, **overrides) if overrides else self.config

    def refuse_tools(self, request: ModelRequest) -> None:
        """For adapters that cannot use tools: refuse a request that carries them.

        Raises:
            FatalModelError: the request carries tools.
        """
        if request.tools:
            raise FatalModelError(f"{self.name}: this adapter cannot use tools")

    def connection_key(self) -> str:
        """Calls sharing this key share one limiter (provider, base URL, account)."""
        return self.name.split("/", 1)[0]

    def max_connections(self) -> int:
        """Default ceiling of requests in flight for this key."""
        return 16

    def params(self) -> dict[str, Any]:
        """The generation parameters to record with each answer: those actually sent."""
        return msgspec.to_builtins(self.config)  # type: ignore[no-any-return]

    async def aclose(self) -> None:
        """Release connections."""
