"""Provider limiters: as fast as a provider allows, and no faster.

One :class:`ProviderLimiter` per (provider, base URL, account) key, shared by every run in
the process (:func:`limiter_for`), combines:

- a concurrency cap that adapts (AIMD): it halves on a rate-limit answer, waits out the
  provider's ``Retry-After`` / reset time for everyone on the key (a cool-down), and grows
  back by one after each window of successful calls, up to the configured maximum;
- token buckets for requests per minute and tokens per minute, debited before a call with
  the prompt's size and corrected with the usage the provider reports.

Time comes from ``anyio.current_time()``, so tests drive it with a virtual clock.
"""

from __future__ import annotations

import math
from collections import deque

import anyio
import anyio.lowlevel
import msgspec

__all__ = ["LimitSettings", "ProviderLimiter", "TokenBucket", "limiter_for", "reset_limiters"]


class LimitSettings(msgspec.Struct, frozen=True, kw_only=True):
    max_in_flight: int = 16
    requests_per_minute: float | None = None
    tokens_per_minute: float | None = None
    min_in_flight: int = 1
    #: successes needed, per unit of the current cap, before the cap grows by one
    grow_after: float = 1.0


class TokenBucket:
    """A bucket of ``capacity`` tokens refilled at ``rate`` per second; may go into debt."""

    def __init__(self, per_minute: float) -> None:
        self.capacity = per_minute
        self.rate = per_minute / 60.0
        self.level = per_minute
        self.updated = -math.inf

    def _refill(self, now: float) -> None:
        if self.updated == -math.inf:
            self.updated = now
        self.level = min(self.capacity, self.level + (now - self.updated) * self.rate)
        self.updated = now

    def delay_for(self, amount: float, now: float) -> float:
        """Seconds to wait before ``amount`` fits (0 when it fits now)."""
        self._refill(now)
        amount = min(amount, self.capacity)  # a request bigger than a minute's worth waits for a full bucket
        return 0.0 if self.level >= amount else (amount - self.level) / self.rate

    def take(self, amount: float, now: float) -> None:
        self._refill(now)
        self.level -= amount


class _Waiter:
    __slots__ = ("event",)

    def __init__(self) -> None:
        self.event = anyio.Event()


class ProviderLimiter:
    """Admission control for one provider key. Use ``async with limiter.slot(tokens):``."""

    def __init__(self, key: str, settings: LimitSettings) -> None:
        self.key = key
        self.settings = settings
        self.limit = settings.max_in_flight
        self.in_flight = 0
        self.cool_until = -math.inf
        self._successes = 0.0
        self._waiters: deque[_Waiter] = deque()
        self.requests = TokenBucket(settings.requests_per_minute) if settings.requests_per_minute else None
        self.tokens = TokenBucket(settings.tokens_per_minute) if settings.tokens_per_minute else None
        # Statistics the tests and the benchmark read.
        self.rate_limited = 0
        self.lowest_limit = self.limit
        self.peak_in_flight = 0

    def _wake_head(self) -> None:
        if self._waiters:
            self._waiters[0].event.set()

    def _delay(self, tokens: float) -> float | None:
        """0 when a call may start now, seconds to wait for time-bound limits, None when
        only a release can help (the concurrency cap is full)."""
        now = anyio.current_time()
        if now < self.cool_until:
            return self.cool_until - now
        if self.in_flight >= self.limit:
            return None
        delay = 0.0
        if self.requests is not None:
            delay = max(delay, self.requests.delay_for(1, now))
        if self.tokens is not None:
            delay = max(delay, self.tokens.delay_for(tokens, now))
        return delay

    async def acquire(self, tokens: float = 0.0) -> None:
        """Wait for a slot, first come first served.

        Waiters queue in arrival order and only the head is woken: waking every waiter on
        every release would cost O(waiters) per request, which shows at 50 in flight.
        """
        if not self._waiters and self._delay(tokens) == 0.0:
            self._take(tokens)
            return
        waiter = _Waiter()
        self._waiters.append(waiter)
        try:
            while True:
                delay = self._delay(tokens) if self._waiters[0] is waiter else None
                if delay == 0.0:
                    break
                if waiter.event.is_set():
                    waiter.event = anyio.Event()
                if delay is None:
                    await waiter.event.wait()
                else:
                    with anyio.move_on_after(delay):
                        await waiter.event.wait()
        finally:
            self._waiters.remove(waiter)
            self._wake_head()  # the next in line may fit too (or must take over the watch)
        self._take(tokens)

    def _take(self, tokens: float) -> None:
        now = anyio.current_time()
        if self.requests is not None:
            self.requests.take(1, now)
        if self.tokens is not None:
            self.tokens.take(tokens, now)
        self.in_flight += 1
        self.peak_in_flight = max(self.peak_in_flight, self.in_flight)

    def release(self, *, used_tokens: float | None = None, estimated_tokens: float = 0.0) -> None:
        self.in_flight -= 1
        if self.tokens is not None and used_tokens is not None:
            self.tokens.take(used_tokens - estimated_tokens, anyio.current_time())
        self._wake_head()

    def record_success(self) -> None:
        self._successes += 1
        if self.limit < self.settings.max_in_flight and self._successes >= self.limit * self.settings.grow_after:
            self._successes = 0
            self.limit += 1
            self._wake_head()

    def record_rate_limited(self, retry_after: float | None) -> None:
        """Shrink the cap and cool the whole key down (for ``retry_after`` when given)."""
        self.rate_limited += 1
        self._successes = 0
        self.limit = max(self.settings.min_in_flight, self.limit // 2)
        self.lowest_limit = min(self.lowest_limit, self.limit)
        pause = retry_after if retry_after is not None else 1.0
        self.cool_until = max(self.cool_until, anyio.current_time() + min(pause, 600.0))
        self._wake_head()


_limiters: dict[tuple[str, object], ProviderLimiter] = {}


def limiter_for(key: str, settings: LimitSettings) -> ProviderLimiter:
    """The limiter of ``key`` in this event loop: every run in the loop shares it.

    The first caller's settings win; later callers with other settings get the shared
    limiter as it is, since two budgets for one account would defeat the point. Limiters
    hold loop-bound events, hence one per event loop.
    """
    loop = anyio.lowlevel.current_token()
    for stale in [k for k in _limiters if k[1] is not loop and k[1] != loop]:
        del _limiters[stale]  # a finished event loop's limiters can never be used again
    limiter = _limiters.get((key, loop))
    if limiter is None:
        limiter = _limiters[(key, loop)] = ProviderLimiter(key, settings)
    return limiter


def reset_limiters() -> None:
    """Forget every limiter (for tests, and between unrelated event loops)."""
    _limiters.clear()
