"""Retries, owned by the scheduler: bounded in attempts AND in total time, always.

Adapters only classify failures (:class:`~ase_async.ModelError` subclasses with
``retryable`` and ``retry_after``). :func:`call_model` retries the retryable ones with
exponential backoff and full jitter, honours the provider's ``Retry-After`` (never waiting
past the sample's total budget), and trips a per-provider :class:`CircuitBreaker` after
repeated identical failures, so a provider that is down ends every waiting sample quickly
as a model error instead of wedging the run.

Defaults (:class:`RetryPolicy`): 6 attempts, 10 minutes per sample, backoff from 1 s
doubling to at most 60 s; the breaker opens after 8 identical consecutive failures and
lets one probe through after 30 s.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Awaitable, Callable
from typing import TypeVar

import anyio
import anyio.lowlevel
import msgspec

from ._errors import CircuitOpen, ModelError

__all__ = ["CircuitBreaker", "RetryPolicy", "breaker_for", "call_model"]

T = TypeVar("T")

_DIGITS = re.compile(r"\d+")


class RetryPolicy(msgspec.Struct, frozen=True, kw_only=True):
    max_attempts: int = 6
    #: rate limits are the provider pacing us, not failing: they get more attempts, but
    #: the same time budget
    max_rate_limited_attempts: int = 30
    max_total_seconds: float = 600.0
    base_delay: float = 1.0
    max_delay: float = 60.0


class CircuitBreaker:
    """Opens after ``threshold`` identical consecutive failures; half-opens after ``cooldown``."""

    def __init__(self, threshold: int = 8, cooldown: float = 30.0) -> None:
        self.threshold = threshold
        self.cooldown = cooldown
        self.signature: str | None = None
        self.count = 0
        self.open_until = -math.inf
        self.trips = 0
        self.setup = False  # whether the failures that opened it were set-up faults

    @staticmethod
    def _signature(exc: ModelError) -> str:
        # Ids and numbers in messages differ between identical failures.
        return f"{exc.kind}:{_DIGITS.sub('#', str(exc))[:200]}"

    def check(self) -> None:
        if anyio.current_time() < self.open_until:
            raise CircuitOpen(f"the provider failed {self.count} times in a row with: {self.signature}",
                              setup=self.setup)

    def success(self) -> None:
        self.signature, self.count = None, 0

    def failure(self, exc: ModelError) -> None:
        if exc.kind == "rate_limited":
            return  # rate limits are the limiter's business, not a broken provider
        signature = self._signature(exc)
        self.count = self.count + 1 if signature == self.signature else 1
        self.signature = signature
        self.setup = exc.setup
        if self.count >= self.threshold:
            self.open_until = anyio.current_time() + self.cooldown
            self.trips += 1


async def call_model(
    attempt: Callable[[], Awaitable[T]],
    *,
    policy: RetryPolicy,
    breaker: CircuitBreaker | None = None,
    on_failure: Callable[[ModelError, int], None] | None = None,
    rng: random.Random | None = None,
) -> tuple[T, int]:
    """Run ``attempt`` until it succeeds or the policy gives up; returns (result, attempts).

    Raises:
        ModelError: the last failure, once attempts or time are spent, or a fatal one.
    """
    rng = rng or random.Random()
    deadline = anyio.current_time() + policy.max_total_seconds
    number = 0
    failures = 0
    while True:
        number += 1
        try:
            if breaker is not None:
                breaker.check()
            result = await attempt()
        except ModelError as exc:
            exc.attempts = number  # type: ignore[attr-defined]
            if breaker is not None and not isinstance(exc, CircuitOpen):
                breaker.failure(exc)
            if on_failure is not None:
                on_failure(exc, number)
            rate_limited = exc.kind == "rate_limited"
            failures += not rate_limited
            # A failure kind may allow fewer attempts than the policy (an empty answer: one retry).
            limit = min(policy.max_attempts, exc.max_attempts or policy.max_attempts)
            if not exc.retryable or failures >= limit or number >= policy.max_rate_limited_attempts:
                raise
            if rate_limited:
                # The provider's limiter already holds every caller of this key for the
                # Retry-After time; a little jitter keeps them from arriving at once.
                delay = rng.uniform(0, policy.base_delay)
            else:
                backoff = min(policy.max_delay, policy.base_delay * 2 ** (failures - 1))
                delay = rng.uniform(0, backoff)  # full jitter spreads a thundering herd
                if exc.retry_after is not None:
                    delay = max(delay, exc.retry_after)
            if anyio.current_time() + delay > deadline:
                raise
            await anyio.sleep(delay)
            continue
        if breaker is not None:
            breaker.success()
        return result, number


_breakers: dict[tuple[str, object], CircuitBreaker] = {}


def breaker_for(key: str) -> CircuitBreaker:
    """The breaker of a provider key in this event loop, shared by its runs."""
    loop = anyio.lowlevel.current_token()
    for stale in [k for k in _breakers if k[1] != loop]:
        del _breakers[stale]
    breaker = _breakers.get((key, loop))
    if breaker is None:
        breaker = _breakers[(key, loop)] = CircuitBreaker()
    return breaker
