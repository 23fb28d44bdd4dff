"""The one error tree of ase_async.

Every error the harness raises on purpose derives from :class:`AseError`; vendor
exceptions (httpx, aiodocker, subprocess, msgspec) are translated at the seam that meets
them, with ``raise ... from exc`` so the cause stays visible::

    AseError
    ├── DatasetError            a dataset file or record is malformed (names file, record, field)
    ├── ConfigError             a flag, model spec or option that cannot work
    ├── PreflightError          a tool, image, key or service the run needs is missing or broken
    ├── EventLogError           an event log that cannot be read or does not match the run
    ├── AnswerError             the answer under test cannot be integrated
    │   ├── NoAnswerFound       no diff or fenced code in the answer
    │   ├── AnswerTooLarge      past the size an answer may have
    │   ├── MalformedDiff       the diff does not parse
    │   ├── UnsafePatch         the change would write outside the working copy (.., /, links, .git)
    │   └── PatchDoesNotApply   every documented apply method refused the diff
    ├── ModelError              a model adapter failed; ``kind`` tells the scheduler what to do
    │   ├── RateLimited         429 or a provider's equivalent; may carry ``retry_after``
    │   ├── TransientModelError 5xx, timeouts, resets: worth retrying
    │   │   └── ConnectionFailed    DNS, refused, TLS: the provider is out of reach (a set-up fault)
    │   ├── BadResponse         a body that is not a usable answer (truncated, not JSON)
    │   │   └── EmptyAnswer     the model answered with no text at all: retried once
    │   ├── ContentFiltered     the provider's filter stopped the answer (a model outcome)
    │   ├── CircuitOpen         the provider keeps failing the same way: fail fast for a while
    │   ├── BudgetExhausted     an agent spent its turn, token, time or cost budget
    │   └── FatalModelError     unknown model, bad request: never retried
    │       └── AuthenticationFailed  401/403: the key is refused (a set-up fault)
    ├── SandboxError            an execution backend failed (not the code it ran)
    │   └── SandboxClosed       a closed session was used
    └── AnalyzerError           the SAST engine could not produce a count
"""

from __future__ import annotations

__all__ = [
    "AnalyzerError",
    "AnswerError",
    "AnswerTooLarge",
    "AseError",
    "AuthenticationFailed",
    "BadResponse",
    "BudgetExhausted",
    "CircuitOpen",
    "ConfigError",
    "ConnectionFailed",
    "ContentFiltered",
    "DatasetError",
    "EmptyAnswer",
    "EventLogError",
    "FatalModelError",
    "MalformedDiff",
    "ModelError",
    "NoAnswerFound",
    "PatchDoesNotApply",
    "PreflightError",
    "RateLimited",
    "SandboxClosed",
    "SandboxError",
    "TransientModelError",
    "UnsafePatch",
]


class AseError(Exception):
    """Base of every error ase_async raises on purpose."""


class DatasetError(AseError):
    """A dataset file or one of its records is malformed.

    The message names the file, the record (instance id or index) and the field, so a
    dataset author can go straight to the fault.
    """

    def __init__(
        self, message: str, *, file: str, record: str | None = None, field: str | None = None
    ) -> None:
        self.file = file
        self.record = record
        self.field = field
        where = file
        if record is not None:
            where += f", record {record}"
        if field is not None:
            where += f", field {field!r}"
        super().__init__(f"{where}: {message}")


class ConfigError(AseError):
    """A flag, model spec or option that cannot work as given."""


class PreflightError(AseError):
    """A tool, image, key or service the run needs is missing or broken.

    Raised before any model is called (or as soon as it is known), so that a broken set-up
    never turns into a model's score. The message names the thing, where it was looked
    for, and the fix.
    """


class EventLogError(AseError):
    """An event log that cannot be read, or that belongs to a different run."""


class AnswerError(AseError):
    """The answer under test cannot be integrated into the working copy.

    ``kind`` is the stable name recorded in events and reports.
    """

    kind = "answer_error"


class NoAnswerFound(AnswerError):
    kind = "no_answer_found"


class AnswerTooLarge(AnswerError):
    kind = "answer_too_large"


class MalformedDiff(AnswerError):
    kind = "malformed_diff"


class UnsafePatch(AnswerError):
    """The change would touch something outside the working copy; refused before any write."""

    kind = "unsafe_patch"


class PatchDoesNotApply(AnswerError):
    kind = "patch_does_not_apply"


class ModelError(AseError):
    """A model adapter failed.

    Adapters raise a subclass; the scheduler reads ``retryable`` and ``retry_after`` and
    owns every retry.
    """

    kind = "model_error"
    retryable = False
    #: attempts this kind of failure gets at most (None: the retry policy's own limit)
    max_attempts: int | None = None
    #: the provider's set-up failed (a refused key, a server out of reach), not the model:
    #: its samples are infrastructure errors, never a model's score
    setup = False

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        self.retry_after = retry_after
        super().__init__(message)


class RateLimited(ModelError):
    kind = "rate_limited"
    retryable = True


class TransientModelError(ModelError):
    kind = "transient"
    retryable = True


class ConnectionFailed(TransientModelError):
    """The provider could not be reached at all (DNS, refused connection, TLS)."""

    kind = "connection"
    setup = True


class BadResponse(ModelError):
    """The provider answered, but not with a usable answer. Retried a bounded number of times."""

    kind = "bad_response"
    retryable = True


class EmptyAnswer(BadResponse):
    """The model replied, but with no text (and no tool call).

    One retry can clear a fluke; past that the model answered nothing, which is its outcome,
    not the provider's fault, so six attempts would only spend money.
    """

    kind = "empty_answer"
    max_attempts = 2


class ContentFiltered(ModelError):
    """The provider's content filter stopped the answer (OpenAI ``content_filter``,
    Anthropic ``refusal``). The same prompt would be filtered again: never retried."""

    kind = "content_filter"


class FatalModelError(ModelError):
    kind = "fatal"


class AuthenticationFailed(FatalModelError):
    """The provider refused the key (401, 403): no retry, and no other sample of the model tries."""

    kind = "auth"
    setup = True


class CircuitOpen(ModelError):
    """The provider failed the same way too many times in a row; calls fail fast for a while.

    ``setup`` follows the failure that opened it: a provider out of reach stays a set-up fault.
    """

    kind = "circuit_open"

    def __init__(self, message: str, *, setup: bool = False) -> None:
        super().__init__(message)
        self.setup = setup


class BudgetExhausted(ModelError):
    """An agent ran out of turns, tokens, wall time or cost before it submitted."""

    kind = "budget_exhausted"


class SandboxError(AseError):
    """An execution backend failed (not the command it ran, which reports its exit code)."""


class SandboxClosed(SandboxError):
    """A sandbox session was used after it was closed."""


class AnalyzerError(AseError):
    """The SAST engine could not produce a finding count."""
