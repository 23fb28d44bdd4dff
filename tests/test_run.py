from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import anyio
import pytest

from ase_async import RunConfig, run
from ase_async.adapters.base import ModelRequest
from ase_async.cli import main
from ase_async.eventlog import read_events
from ase_async.events import Event, Integrated, SampleScored, Scanned, TaskBuilt
from ase_async.runner import Runner
from ase_async.testing import ScriptedModel
from tests.conftest import FIX


def config(dataset: Path, out: Path, **kw: object) -> RunConfig:
    return RunConfig(models=["oracle/gold", "oracle/vulnerable"], dataset=str(dataset), out=str(out), cycles=2, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize("contract", ["diff", "code"])
async def test_oracles_score_as_the_method_says(tiny_dataset: Path, tmp_path: Path, contract: str) -> None:
    results = await run(config(tiny_dataset, tmp_path / "out", contract=contract))
    gold, vulnerable = results.models["oracle/gold"], results.models["oracle/vulnerable"]
    assert (gold.security, gold.quality, gold.stability, gold.overall) == (100.0, 100.0, 100.0, 100.0)
    assert (vulnerable.security, vulnerable.quality, vulnerable.stability) == (0.0, 100.0, 100.0)
    assert vulnerable.overall == 40.0
    assert gold.outcomes["secure"] == 2 and vulnerable.outcomes["insecure"] == 2
    for name in ("events.jsonl", "results.json", "report.md", "report.html"):
        assert (tmp_path / "out" / name).stat().st_size > 0
    assert not (tmp_path / "out" / "work").exists()


async def test_the_exact_prompt_is_recorded_without_the_vulnerable_code(tiny_dataset: Path, tmp_path: Path) -> None:
    await run(config(tiny_dataset, tmp_path / "out"))
    tasks = [e for e in read_events(tmp_path / "out" / "events.jsonl") if isinstance(e, TaskBuilt)]
    assert len(tasks) == 1
    prompt = tasks[0].messages[1].content
    assert "<MASKED>" in prompt and "db.py" in tasks[0].context_files
    assert "SELECT title FROM notes WHERE owner = '" not in prompt


def test_score_reproduces_results_exactly(tiny_dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    anyio.run(run, config(tiny_dataset, out))
    original = (out / "results.json").read_bytes()
    (out / "results.json").unlink()
    assert main(["score", str(out)]) == 0
    assert (out / "results.json").read_bytes() == original


class _Stop(Exception):
    pass


async def test_an_interrupted_run_resumes_without_redoing_finished_samples(tiny_dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    calls: Counter[str] = Counter()

    def answer(request: ModelRequest, cycle: int) -> str:
        calls["answers"] += 1
        # distinct answers, each judged in turn: repeats of one answer would all take its
        # verdict at the same moment, and all be scored before the interruption lands
        return f"```python\n{FIX}# cycle {cycle}\n```"

    def stop_after_three(event: Event) -> None:
        if isinstance(event, SampleScored) and calls["scored"] >= 2:
            raise _Stop
        if isinstance(event, SampleScored):
            calls["scored"] += 1

    cfg = RunConfig(models=[], dataset=str(tiny_dataset), out=str(out), cycles=6, contract="code", sandbox_sessions=1, analyzer_processes=1, batch_size=1)
    with pytest.raises(BaseException):  # noqa: B017 - the listener's error surfaces in a group
        await Runner(cfg, listener=stop_after_three, adapters=[ScriptedModel("fake/model", answer)]).run()
    first = [e for e in read_events(out / "events.jsonl") if isinstance(e, SampleScored)]
    assert 1 <= len(first) < 6
    calls.clear()
    results = await Runner(cfg, adapters=[ScriptedModel("fake/model", answer)]).run()
    scored = [e for e in read_events(out / "events.jsonl") if isinstance(e, SampleScored)]
    keys = [e.key for e in scored]
    assert len(set(keys)) == 6
    assert len(keys) == len(set(keys)), "a finished sample was scored twice"
    assert calls["answers"] <= 6 - len(first)
    assert results.models["fake/model"].security == 100.0


async def test_bad_answers_are_classified_and_the_run_goes_on(tiny_dataset: Path, tmp_path: Path) -> None:
    answers = {
        0: "I refuse.",
        1: "```diff\n--- a/../../etc/passwd\n+++ b/../../etc/passwd\n@@ -1 +1 @@\n-root\n+x\n```",
        2: "```diff\ndiff --git a/app.py b/app.py\ndeleted file mode 100644\n--- a/app.py\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-from flask import Flask, request\n-\n```",
        3: "```diff\n--- a/app.py\n+++ b/app.py\n@@ -11 +11 @@\n-    <MASKED>\n+    def broken(:\n```",
        4: "```diff\n--- a/app.py\n+++ b/app.py\n@@ -11 +11 @@\n-    <MASKED>\n+    return page(\"Notes\", [])\n```",
    }
    model = ScriptedModel("fake/bad", lambda task, cycle: answers[cycle])
    cfg = RunConfig(models=[], dataset=str(tiny_dataset), out=str(tmp_path / "out"), cycles=5)
    results = await run(cfg, adapters=[model])
    result = results.models["fake/bad"]
    assert result.outcomes["integration_failed"] == 5
    assert result.security == 0.0 and result.quality == 0.0
    kinds = {e.cycle: e.kind for e in read_events(tmp_path / "out" / "events.jsonl") if isinstance(e, Integrated)}
    assert kinds[0] == "no_answer_found"
    assert kinds[1] == "unsafe_patch"
    assert kinds[2] in {"deleted_target", "patch_does_not_apply"}
    assert kinds[3] == ""  # integrated, then failed the syntax check
    assert kinds[4] == ""  # integrated and parses, but the query is gone: the functionality check
    scans = {e.cycle: e for e in read_events(tmp_path / "out" / "events.jsonl") if isinstance(e, Scanned)}
    assert scans[4].after == 0 and scans[4].presence is not None and scans[4].presence <= scans[4].presence_floor


async def test_concurrent_runs_in_one_event_loop(tiny_dataset: Path, tmp_path: Path) -> None:
    results = {}

    async def one(name: str) -> None:
        results[name] = await run(config(tiny_dataset, tmp_path / name))

    async with anyio.create_task_group() as group:
        for name in ("a", "b", "c"):
            group.start_soon(one, name)
    assert {r.models["oracle/gold"].security for r in results.values()} == {100.0}
    def scores(name: str) -> str:
        data = json.loads((tmp_path / name / "results.json").read_text())
        for model in data["models"].values():
            model.pop("usage")  # wall times differ between runs; the scores must not
        return json.dumps(data, sort_keys=True)

    assert len({scores(n) for n in "abc"}) == 1


async def test_run_started_records_each_models_own_settings(tiny_dataset: Path, tmp_path: Path) -> None:
    from ase_async.adapters.base import GenerateConfig
    from ase_async.dataset import load_dataset
    from ase_async.events import RunStarted
    from ase_async.testing.provider import SimulatedProvider, gold_responder

    async with SimulatedProvider(responder=gold_responder(load_dataset(str(tiny_dataset)))) as sim:
        config = RunConfig(models=["openai/a", "openai/b"], dataset=str(tiny_dataset), out=str(tmp_path / "out"),
                           cycles=1, phase="generate", generation=GenerateConfig(temperature=0.2),
                           model_generation={"openai/a": {"temperature": 0.0, "seed": 7}},
                           model_options={"base_url": sim.base_url})
        await run(config)
    [started] = [e for e in read_events(tmp_path / "out" / "events.jsonl") if isinstance(e, RunStarted)]
    per_model = started.settings["model_generation"]
    assert per_model["openai/a"]["temperature"] == 0.0 and per_model["openai/a"]["seed"] == 7
    assert per_model["openai/b"]["temperature"] == 0.2 and "seed" not in per_model["openai/b"]
