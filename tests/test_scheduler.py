"""The scheduler against the simulated provider: limits, retries, faults, cache, phases, secrets."""

from __future__ import annotations

import io
from pathlib import Path

import anyio
import pytest
import structlog
import trio
import trio.testing

from ase_async import RunConfig, TransientModelError, load_dataset, run
from ase_async.eventlog import read_events
from ase_async.events import AnswerReceived, InfraFailed, ModelFailed, SampleScored
from ase_async.limits import LimitSettings, ProviderLimiter
from ase_async.logs import configure_logging
from ase_async.retry import CircuitBreaker, RetryPolicy, call_model
from ase_async.testing.provider import Faults, SimulatedProvider, gold_responder

FAST_RETRY = RetryPolicy(max_attempts=4, max_total_seconds=30, base_delay=0.01, max_delay=0.05)


def sim_config(dataset: Path, out: Path, base_url: str, *, cycles: int = 20, **kw: object) -> RunConfig:
    options = {"base_url": base_url, "api_key": kw.pop("api_key", "sk-test-0123456789"), "timeout": kw.pop("timeout", 5.0)}
    return RunConfig(models=["openai/sim"], dataset=str(dataset), out=str(out), cycles=cycles,
                     retry=kw.pop("retry", FAST_RETRY), model_options=options, **kw)  # type: ignore[arg-type]


def outcomes(out: Path) -> dict[tuple[str, str, int], str]:
    return {e.key: e.outcome for e in read_events(out / "events.jsonl") if isinstance(e, SampleScored)}


# -- limiter and retries on virtual time --------------------------------------------------

def test_requests_per_minute_bucket_paces_on_virtual_time() -> None:
    started: list[float] = []

    async def main() -> None:
        limiter = ProviderLimiter("k", LimitSettings(max_in_flight=100, requests_per_minute=60))

        async def one() -> None:
            await limiter.acquire()
            started.append(trio.current_time())
            limiter.release()

        async with trio.open_nursery() as nursery:
            for _ in range(70):
                nursery.start_soon(one)

    trio.run(main, clock=trio.testing.MockClock(autojump_threshold=0))
    started.sort()
    assert started[59] == pytest.approx(0.0, abs=1e-6)  # a full bucket lets a minute's worth through
    assert started[-1] == pytest.approx(10.0, abs=0.05)  # then one a second


def test_rate_limits_shrink_concurrency_then_it_grows_back() -> None:
    async def main() -> tuple[int, int, int, float]:
        limiter = ProviderLimiter("k", LimitSettings(max_in_flight=16))
        limiter.record_rate_limited(retry_after=5.0)
        limiter.record_rate_limited(retry_after=5.0)
        shrunk = limiter.limit
        before = trio.current_time()
        await limiter.acquire()  # held for the whole cool-down
        waited = trio.current_time() - before
        limiter.release()
        for _ in range(400):
            await limiter.acquire()
            limiter.record_success()
            limiter.release()
        return shrunk, limiter.limit, limiter.lowest_limit, waited

    shrunk, recovered, lowest, waited = trio.run(main, clock=trio.testing.MockClock(autojump_threshold=0))
    assert shrunk == 4 and lowest == 4
    assert recovered == 16
    assert waited == pytest.approx(5.0, abs=0.01)


def test_retries_are_bounded_by_attempts_and_by_time() -> None:
    calls = 0

    async def failing() -> None:
        nonlocal calls
        calls += 1
        raise TransientModelError("boom", retry_after=100.0)

    async def main() -> float:
        start = trio.current_time()
        with pytest.raises(TransientModelError):
            await call_model(failing, policy=RetryPolicy(max_attempts=50, max_total_seconds=250))
        return trio.current_time() - start

    elapsed = trio.run(main, clock=trio.testing.MockClock(autojump_threshold=0))
    assert calls == 3  # 0 s, 100 s, 200 s: a third wait would pass the 250 s budget
    assert elapsed == pytest.approx(200.0, abs=1)


def test_circuit_breaker_opens_on_identical_failures() -> None:
    async def main() -> None:
        breaker = CircuitBreaker(threshold=3, cooldown=10)
        for n in range(3):
            breaker.failure(TransientModelError(f"HTTP 500 request {n}"))
        with pytest.raises(Exception, match="in a row"):
            breaker.check()
        await trio.sleep(11)
        breaker.check()  # half-open: one probe may go

    trio.run(main, clock=trio.testing.MockClock(autojump_threshold=0))


# -- against the simulated provider ----------------------------------------------------------

async def test_a_429_storm_completes_and_concurrency_recovers(tiny_dataset: Path, tmp_path: Path) -> None:
    from ase_async.runner import Runner

    faults = Faults(storm_seconds=0.6, retry_after=0.3, max_in_flight=6)
    async with SimulatedProvider(latency=0.05, responder=gold_responder(load_dataset(tiny_dataset)), faults=faults,
                                 api_key="sk-test-0123456789") as sim:
        config = sim_config(tiny_dataset, tmp_path / "out", sim.base_url, cycles=60, max_connections=16)
        runner = Runner(config)
        results = await runner.run()
        (limiter,) = runner.limiters.values()
    assert sim.stats["429"] > 0
    assert set(outcomes(tmp_path / "out").values()) == {"secure"}
    assert results.models["openai/sim"].security == 100.0
    assert limiter.lowest_limit < 16  # it shrank
    assert limiter.limit > limiter.lowest_limit  # and grew back


async def test_server_errors_end_in_classified_outcomes_with_bounded_retries(tiny_dataset: Path, tmp_path: Path) -> None:
    async with SimulatedProvider(responder=gold_responder(load_dataset(tiny_dataset)), faults=Faults(server_error=0.2),
                                 seed=3, api_key="sk-test-0123456789") as sim:
        await run(sim_config(tiny_dataset, tmp_path / "out", sim.base_url, cycles=40))
    events = list(read_events(tmp_path / "out" / "events.jsonl"))
    assert len(outcomes(tmp_path / "out")) == 40
    attempts = [e.attempts for e in events if isinstance(e, (AnswerReceived, ModelFailed))]
    assert max(attempts) <= FAST_RETRY.max_attempts
    assert sum(a > 1 for a in attempts) > 0  # some were retried
    assert sim.stats["500"] > 0


async def test_hangs_and_malformed_bodies_are_classified(tiny_dataset: Path, tmp_path: Path) -> None:
    faults = Faults(hang=0.2, malformed=0.2, truncated=0.1, reset=0.1, empty_choices=0.1, cut_off=0.1)
    async with SimulatedProvider(responder=gold_responder(load_dataset(tiny_dataset)), faults=faults, seed=5,
                                 api_key="sk-test-0123456789") as sim:
        with anyio.fail_after(120):
            await run(sim_config(tiny_dataset, tmp_path / "out", sim.base_url, cycles=30, timeout=0.5))
    result = outcomes(tmp_path / "out")
    assert len(result) == 30
    assert set(result.values()) <= {"secure", "model_error"}
    assert sim.stats["hang"] and sim.stats["malformed"]
    kinds = {e.kind for e in read_events(tmp_path / "out" / "events.jsonl") if isinstance(e, ModelFailed)}
    # An empty or cut-off reply gets one retry, then is the model's outcome (empty_answer).
    assert kinds <= {"transient", "bad_response", "empty_answer"}


async def test_a_dead_provider_ends_every_sample_quickly(tiny_dataset: Path, tmp_path: Path) -> None:
    async with SimulatedProvider(faults=Faults(server_error=1.0), api_key="sk-test-0123456789") as sim:
        with anyio.fail_after(60):
            results = await run(sim_config(tiny_dataset, tmp_path / "out", sim.base_url, cycles=30,
                                           retry=RetryPolicy(max_attempts=3, base_delay=0.01, max_delay=0.02)))
    assert results.models["openai/sim"].outcomes["model_error"] == 30
    kinds = {e.kind for e in read_events(tmp_path / "out" / "events.jsonl") if isinstance(e, ModelFailed)}
    assert "circuit_open" in kinds
    assert sim.stats["requests"] < 30 * 3


async def test_the_api_key_appears_nowhere(tiny_dataset: Path, tmp_path: Path) -> None:
    key = "sk-live-DO-NOT-LEAK-42424242"
    log = io.StringIO()
    configure_logging(level="debug")
    structlog.configure(logger_factory=structlog.PrintLoggerFactory(log))
    try:
        async with SimulatedProvider(responder=gold_responder(load_dataset(tiny_dataset)), api_key=key) as good:
            await run(sim_config(tiny_dataset, tmp_path / "good", good.base_url, cycles=2, api_key=key,
                                 cache_dir=str(tmp_path / "cache")))
        async with SimulatedProvider(api_key="another-key-entirely", echo_key_in_errors=True) as bad:
            await run(sim_config(tiny_dataset, tmp_path / "bad", bad.base_url, cycles=2, api_key=key))
    finally:
        structlog.reset_defaults()
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert any(p.name == "events.jsonl" for p in written) and any(p.parent.parent.name == "cache" for p in written)
    for path in written:
        assert key.encode() not in path.read_bytes(), path
    assert key not in log.getvalue()
    # A refused key is the set-up's fault: infrastructure errors, never the model's score.
    events = list(read_events(tmp_path / "bad" / "events.jsonl"))
    failed = [e for e in events if isinstance(e, InfraFailed)]
    assert failed and all(e.stage == "provider" for e in failed)
    assert not [e for e in events if isinstance(e, ModelFailed)]
    assert "***" in failed[0].message  # the provider echoed the key; it was masked


async def test_the_cache_replays_without_calling_the_provider(tiny_dataset: Path, tmp_path: Path) -> None:
    async with SimulatedProvider(responder=gold_responder(load_dataset(tiny_dataset)), api_key="sk-test-0123456789") as sim:
        first = await run(sim_config(tiny_dataset, tmp_path / "a", sim.base_url, cycles=3, cache_dir=str(tmp_path / "c")))
        calls = sim.stats["requests"]
        second = await run(sim_config(tiny_dataset, tmp_path / "b", sim.base_url, cycles=3, cache_dir=str(tmp_path / "c")))
    assert calls == 3 and sim.stats["requests"] == 3
    answers = [e for e in read_events(tmp_path / "b" / "events.jsonl") if isinstance(e, AnswerReceived)]
    assert len(answers) == 3 and all(a.cached for a in answers)
    assert first.models == second.models


async def test_generate_then_evaluate_equals_run(tiny_dataset: Path, tmp_path: Path) -> None:
    from ase_async.cli import main

    async with SimulatedProvider(responder=gold_responder(load_dataset(tiny_dataset)), api_key="sk-test-0123456789") as sim:
        await run(sim_config(tiny_dataset, tmp_path / "split", sim.base_url, cycles=3, phase="generate"))
        assert not outcomes(tmp_path / "split")
        await run(sim_config(tiny_dataset, tmp_path / "whole", sim.base_url, cycles=3))
    requests = sim.stats["requests"]
    assert await anyio.to_thread.run_sync(main, ["evaluate", str(tmp_path / "split"), "--quiet"]) == 0
    assert sim.stats["requests"] == requests  # evaluating called no model
    import json

    split = json.loads((tmp_path / "split" / "results.json").read_text())["models"]
    whole = json.loads((tmp_path / "whole" / "results.json").read_text())["models"]
    assert split == whole


def test_unknown_provider_without_base_url_is_a_config_error() -> None:
    from ase_async import ConfigError
    from ase_async.adapters import get_model

    with pytest.raises(ConfigError, match="base-url"):
        get_model("mystery/model")
    with pytest.raises(ConfigError, match="provider/model"):
        get_model("no-slash")


async def test_runs_in_one_process_share_the_limiter_of_a_key(tiny_dataset: Path, tmp_path: Path) -> None:
    from ase_async.runner import Runner

    async with SimulatedProvider(responder=gold_responder(load_dataset(tiny_dataset)), api_key="sk-test-0123456789") as sim:
        first = Runner(sim_config(tiny_dataset, tmp_path / "a", sim.base_url, cycles=2))
        second = Runner(sim_config(tiny_dataset, tmp_path / "b", sim.base_url, cycles=2))
        async with anyio.create_task_group() as group:
            group.start_soon(first.run)
            group.start_soon(second.run)
    (one,) = first.limiters.values()
    (two,) = second.limiters.values()
    assert one is two


def test_answers_produced_elsewhere_are_imported_and_evaluated(tiny_dataset: Path, tmp_path: Path) -> None:
    import json as _json

    from ase_async.cli import main
    from tests.conftest import FIX

    answers = tmp_path / "answers.jsonl"
    answers.write_text(
        _json.dumps({"model": "other-tool/x", "instance_id": "tiny-sqli", "cycle": 0, "answer": f"```python\n{FIX}```"}) + "\n"
        + _json.dumps({"model": "other-tool/x", "instance_id": "tiny-sqli", "cycle": 1, "text": "no idea"}) + "\n"
    )
    out = tmp_path / "run"
    assert main(["evaluate", str(out), "--answers", str(answers), "--dataset", str(tiny_dataset),
                 "--contract", "code", "--quiet"]) == 0
    results = _json.loads((out / "results.json").read_text())["models"]["other-tool/x"]
    assert results["outcomes"]["secure"] == 1 and results["outcomes"]["integration_failed"] == 1
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"model": "m/x", "cycle": 0}\n')
    assert main(["evaluate", str(tmp_path / "run2"), "--answers", str(bad), "--dataset", str(tiny_dataset)]) == 2
