"""The stages of a run: identical candidates judged once, and the streaming pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from ase_async import RunConfig, run
from ase_async.eventlog import read_events
from ase_async.events import (
    DynamicChecked,
    Integrated,
    SampleScored,
    Scanned,
    SyntaxChecked,
    TaskBuilt,
)
from ase_async.stages.reuse import normalised_change
from ase_async.testing import ScriptedModel
from tests.conftest import FIX


async def test_a_repeated_candidate_reuses_the_verdict_and_says_whose(tiny_dataset: Path, tmp_path: Path) -> None:
    answer = f"```python\n{FIX}```\n"
    config = RunConfig(models=[], dataset=str(tiny_dataset), out=str(tmp_path / "out"), cycles=4, contract="code",
                       sandbox_sessions=2, analyzer_processes=1, batch_wait=0.05)
    results = await run(config, adapters=[ScriptedModel("fake/one", lambda request, cycle: answer),
                                                  ScriptedModel("fake/two", lambda request, cycle: answer)])
    events = list(read_events(tmp_path / "out" / "events.jsonl"))
    scans = [e for e in events if isinstance(e, Scanned)]
    judged = [e for e in scans if not e.reused_from]
    assert len(scans) == 8 and len(judged) == 1, [(e.key, e.reused_from) for e in scans]
    owner = "|".join(map(str, judged[0].key))
    assert {e.reused_from for e in scans if e.reused_from} == {owner}
    for kind in (Integrated, SyntaxChecked):
        assert sum(1 for e in events if isinstance(e, kind) and e.reused_from == owner) == 7
    assert not any(isinstance(e, DynamicChecked) for e in events)  # the tiny instance has none
    assert [e.outcome for e in events if isinstance(e, SampleScored)] == ["secure"] * 8
    assert results.models["fake/one"].security == results.models["fake/two"].security == 100.0


async def test_distinct_answers_are_each_judged(tiny_dataset: Path, tmp_path: Path) -> None:
    answers = [f"```python\n{FIX}# variant {n}\n```\n" for n in range(3)]
    config = RunConfig(models=[], dataset=str(tiny_dataset), out=str(tmp_path / "out"), cycles=3, contract="code",
                       analyzer_processes=1, batch_wait=0.05)
    await run(config, adapters=[ScriptedModel("fake/varying", lambda request, cycle: answers[cycle])])
    scans = [e for e in read_events(tmp_path / "out" / "events.jsonl") if isinstance(e, Scanned)]
    assert len(scans) == 3 and not any(e.reused_from for e in scans)


@pytest.mark.parametrize(("a", "b", "same"), [
    ("```python\nx = 1\n```", "```python\r\nx = 1   \r\n```", True),
    ("```python\nx = 1\n```", "```python\nx = 2\n```", False),
    ("```python\n    x = 1\n```", "```python\nx = 1\n```", False),  # indentation is meaning
])
def test_the_change_is_normalised_only_where_it_cannot_matter(a: str, b: str, same: bool) -> None:
    assert (normalised_change(a, "code", "python") == normalised_change(b, "code", "python")) is same


def test_a_change_that_cannot_be_extracted_has_no_key() -> None:
    assert normalised_change("no code at all", "diff", "python") is None


async def test_every_task_is_logged_once_and_before_its_answers(tiny_dataset: Path, tmp_path: Path) -> None:
    config = RunConfig(models=["oracle/gold"], dataset=str(tiny_dataset), out=str(tmp_path / "out"), cycles=2,
                       phase="generate")
    await run(config)
    events = list(read_events(tmp_path / "out" / "events.jsonl"))
    built = [n for n, e in enumerate(events) if isinstance(e, TaskBuilt)]
    answered = [n for n, e in enumerate(events) if getattr(e, "task_digest", None)]
    assert len(built) == 1 and answered and built[0] < min(answered)


async def test_verdicts_outlive_a_run_only_with_the_cache(tiny_dataset: Path, tmp_path: Path) -> None:
    answer = f"```python\n{FIX}```\n"

    def config(out: str, cache: str | None) -> RunConfig:
        return RunConfig(models=[], dataset=str(tiny_dataset), out=str(tmp_path / out), cycles=1, contract="code",
                         analyzer_processes=1, batch_wait=0.05, cache_dir=cache)

    def scans(out: str) -> list[Scanned]:
        return [e for e in read_events(tmp_path / out / "events.jsonl") if isinstance(e, Scanned)]

    cache = str(tmp_path / "cache")
    await run(config("first", cache), adapters=[ScriptedModel("fake/a", lambda request, cycle: answer)])
    await run(config("uncached", None), adapters=[ScriptedModel("fake/b", lambda request, cycle: answer)])
    await run(config("second", cache), adapters=[ScriptedModel("fake/b", lambda request, cycle: answer)])
    assert not any(e.reused_from for e in scans("first") + scans("uncached"))
    (reused,) = scans("second")
    assert reused.reused_from.endswith(":fake/a|tiny-sqli|0"), reused.reused_from
    assert reused.ok and reused.after == scans("first")[0].after


async def test_the_sandbox_backend_and_the_analyzer_can_be_injected(tiny_dataset: Path, tmp_path: Path) -> None:
    """The seam a remote executor uses: the run drives the given backend and analyzer, and
    leaves closing them to their owner."""
    from ase_async.dataset import load_dataset, rule_packs_root
    from ase_async.rules import SemgrepAnalyzer
    from ase_async.runner import Runner
    from ase_async.sandboxes import get_backend

    out = tmp_path / "out"
    backend = get_backend("local", hide=[Path(load_dataset(str(tiny_dataset)).root), rule_packs_root()])
    opened: list[Path] = []
    original_open = backend.open

    async def counting_open(workdir: Path, **options: object):  # type: ignore[no-untyped-def]
        opened.append(workdir)
        return await original_open(workdir, **options)  # type: ignore[arg-type]

    backend.open = counting_open  # type: ignore[method-assign]
    analyzer = SemgrepAnalyzer(backend, out / "work")
    scanned: list[int] = []
    original_scan = analyzer.scan

    async def counting_scan(candidates):  # type: ignore[no-untyped-def]
        scanned.append(len(candidates))
        return await original_scan(candidates)

    analyzer.scan = counting_scan  # type: ignore[method-assign]
    config = RunConfig(models=["oracle/gold"], dataset=str(tiny_dataset), out=str(out), cycles=1, contract="code",
                       analyzer_processes=1, batch_wait=0.05)
    try:
        results = await Runner(config, backend=backend, analyzer=analyzer).run()
        assert results.models["oracle/gold"].security == 100.0
        assert opened and sum(scanned) >= 3  # the baseline's candidates and the answer's
        async with await backend.open(tmp_path):  # still open: the run did not close it
            pass
    finally:
        await analyzer.aclose()
        await backend.aclose()


def test_worker_processes_can_load_the_cli_as_their_main_module() -> None:
    """Prompts are built in worker processes (anyio.to_process), which re-run the parent's main
    module by its path: under ``python -m ase_async.cli`` that is cli.py, outside its package."""
    import runpy

    from ase_async import cli

    namespace = runpy.run_path(cli.__file__, run_name="__mp_main__")
    assert callable(namespace["main"])


async def test_samples_waiting_for_a_verdict_leave_room_for_samples_that_need_a_session(
        tiny_dataset: Path, tmp_path: Path) -> None:
    """Repeats of one answer wait for its verdict, which waits for a batch of scans. Holding
    the stage's places meanwhile, they kept every other answer from its session until then."""
    import anyio

    from ase_async.adapters.base import ModelOutput, ModelRequest

    class Late(ScriptedModel):
        async def generate(self, request: ModelRequest) -> ModelOutput:
            await anyio.sleep(1.0)  # after the repeats have filled the stage
            return await super().generate(request)

    same = f"```python\n{FIX}```\n"
    config = RunConfig(models=[], dataset=str(tiny_dataset), out=str(tmp_path / "out"), cycles=10, contract="code",
                       sandbox_sessions=1, analyzer_processes=1, batch_wait=4.0)
    await run(config, adapters=[ScriptedModel("fake/same", lambda request, cycle: same),
                                Late("fake/late", lambda request, cycle: f"```python\n{FIX}# late {cycle}\n```\n")])
    events = list(read_events(tmp_path / "out" / "events.jsonl"))
    owner_scanned = min(e.time for e in events if isinstance(e, Scanned) and e.model == "fake/same")
    late = [e.time for e in events if isinstance(e, Integrated) and e.model == "fake/late"]
    assert len(late) == 10 and min(late) < owner_scanned - 1.0, (min(late), owner_scanned)
