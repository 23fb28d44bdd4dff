"""The model seam: one task in, one answer out.

Adapters do one thing: turn a :class:`~ase_async.task.Task` into a provider call and its
reply into a :class:`ModelOutput`, raising a classified
:class:`~ase_async.ModelError` when that fails. They never retry, sleep or limit
themselves: the scheduler owns retries, backoff and rate limits, keyed by
:meth:`ModelAPI.connection_key`.
"""

from __future__ import annotations

import abc
from typing import Any

import msgspec

from ase_async.events import Usage
from ase_async.task import Task

__all__ = ["ChatMessage", "ChatTurn", "GenerateConfig", "ModelAPI", "ModelOutput", "Reasoning", "ToolCall", "ToolSpec"]

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


class ModelOutput(msgspec.Struct, frozen=True, kw_only=True):
    """An answer, with the finish reason mapped (:data:`FINISH_REASONS`) and, in ``params``,
    settings the adapter learnt only from the reply."""

    text: str
    finish_reason: str = "stop"
    usage: Usage = Usage()
    params: dict[str, Any] = {}


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
    """A provider-neutral message of a tool-using conversation."""

    role: str  # system, user, assistant, tool
    content: str = ""
    tool_calls: tuple[ToolCall, ...] = ()
    tool_call_id: str | None = None
    #: the reasoning that came with an assistant turn, sent back with it (in this order,
    #: before its text and tool calls, as the provider gave it)
    reasoning: tuple[Reasoning, ...] = ()


class ChatTurn(msgspec.Struct, frozen=True, kw_only=True):
    message: ChatMessage
    finish_reason: str = "stop"
    usage: Usage = Usage()


class ModelAPI(abc.ABC):
    """A model behind a provider. ``name`` is the ``provider/model`` spec."""

    def __init__(self, name: str, *, config: GenerateConfig | None = None) -> None:
        self.name = name
        self.config = config or GenerateConfig()

    @abc.abstractmethod
    async def generate(self, task: Task, *, cycle: int) -> ModelOutput:
        """Answer one task.

        Raises:
            RateLimited: the provider asked to slow down (``retry_after`` when it said).
            TransientModelError: a failure worth retrying (5xx, timeout, reset).
            BadResponse: a reply that is not a usable answer.
            FatalModelError: a failure that retrying cannot fix.
        """

    supports_tools = False

    async def chat(self, messages: list[ChatMessage], tools: list[ToolSpec]) -> ChatTurn:
        """One turn of a tool-using conversation (for agents).

        Raises:
            FatalModelError: the adapter cannot use tools.
            RateLimited, TransientModelError, BadResponse: as :meth:`generate`.
        """
        from ase_async._errors import FatalModelError

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
