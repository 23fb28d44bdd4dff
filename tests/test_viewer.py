"""The viewer's index, pages, live following and export, and ``ase compare`` (no browser)."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import msgspec
import pytest

from ase_async.cli import main
from ase_async.compare import merge_runs
from ase_async.events import AgentTurn, AnswerReceived, Integrated, RunStarted, SampleScored
from ase_async.progress import ProgressCounts
from ase_async.testing.synthetic import synthetic_events, write_synthetic_log
from ase_async.viewer import SampleIndex, Viewer, export_site
from ase_async.viewer.sample import load_sample

_encode = msgspec.json.Encoder().encode


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:  # loopback only
        return str(response.read().decode())


@pytest.fixture
def run_dir(tmp_path: Path) -> Path:
    write_synthetic_log(tmp_path / "run" / "events.jsonl", models=3, instances=8)
    return tmp_path / "run"


def test_the_index_lists_and_filters_samples(run_dir: Path, tmp_path: Path) -> None:
    index = SampleIndex(tmp_path / "index.sqlite", [run_dir])
    assert index.update() > 0
    assert index.update() == 0  # built once: nothing new, nothing read again
    total, rows = index.samples({})
    assert total == 3 * 8 * 3
    total, rows = index.samples({"model": "sim/model-01+agent", "cls": "xss"})
    assert total == 2 * 3 and {r["cls"] for r in rows} == {"xss"}
    total, _ = index.samples({"instance": "sqli"})
    assert total == 3 * 2 * 3
    facets = index.facets()
    assert facets["cls"] == ["cmdi", "pathtrav", "sqli", "xss"] and len(facets["model"]) == 3


def test_a_sample_holds_its_events_turns_and_tool_calls(run_dir: Path, tmp_path: Path) -> None:
    index = SampleIndex(tmp_path / "index.sqlite", [run_dir])
    index.update()
    _, rows = index.samples({"model": "sim/model-01+agent"}, limit=1)
    view = load_sample(index, int(rows[0]["id"]), rebuild_code=False)
    assert view is not None and view.answer is not None and view.task is not None
    assert len(view.turns) == 3 and len(view.tools) == 3
    assert view.outcome in {"secure", "insecure", "integration_failed"}


def test_an_index_follows_a_growing_log_and_a_redone_sample_starts_afresh(tmp_path: Path) -> None:
    events = synthetic_events(models=1, instances=2, cycles=1, agents=False)
    log = tmp_path / "run" / "events.jsonl"
    log.parent.mkdir()
    cut = next(i for i, e in enumerate(events) if isinstance(e, AnswerReceived))
    log.write_bytes(b"".join(_encode(e) + b"\n" for e in events[:cut + 1]))
    index = SampleIndex(tmp_path / "index.sqlite", [log.parent])
    index.update()
    progress = index.progress()
    assert progress[0]["done"] == 0 and progress[0]["planned"] == 2 and not progress[0]["finished"]
    with open(log, "ab") as handle:
        handle.write(b"".join(_encode(e) + b"\n" for e in events[cut + 1:]))
        handle.write(b'{"event":"sample_scored","mo')  # a torn line waits for its writer
    index.update()
    assert [p["done"] for p in index.progress()] == [2]
    first = events[cut]
    assert isinstance(first, AnswerReceived)
    redo = [AgentTurn(model=first.model, instance_id=first.instance_id, cycle=0, turn=0, text="again"),
            msgspec.structs.replace(first, text="second answer"),
            Integrated(model=first.model, instance_id=first.instance_id, cycle=0, ok=False, kind="malformed_diff"),
            SampleScored(model=first.model, instance_id=first.instance_id, cycle=0, outcome="integration_failed",
                         quality=False, secure=False)]
    with open(log, "ab") as handle:
        handle.write(b"\n" + b"".join(_encode(e) + b"\n" for e in redo))
    index.update()
    _, rows = index.samples({"instance": first.instance_id})
    view = load_sample(index, int(rows[0]["id"]), rebuild_code=False)
    assert view is not None and view.answer is not None
    assert view.answer["text"] == "second answer" and view.outcome == "integration_failed"
    assert [t["text"] for t in view.turns] == ["again"] and view.scanned is None


def test_a_replaced_log_is_indexed_again(run_dir: Path, tmp_path: Path) -> None:
    index = SampleIndex(tmp_path / "index.sqlite", [run_dir])
    index.update()
    write_synthetic_log(run_dir / "events.jsonl", models=1, instances=2, seed=5)
    index.update()
    assert index.samples({})[0] == 1 * 2 * 3


def test_the_server_shows_lists_samples_and_progress(run_dir: Path, tmp_path: Path) -> None:
    index = SampleIndex(tmp_path / "index.sqlite", [run_dir])
    with Viewer(index, port=0, follow=0.05) as viewer:
        assert viewer.url.startswith("http://127.0.0.1:")
        page = get(viewer.url + "?outcome=insecure")
        assert "samples" in page and "id='progress'" in page
        _, rows = index.samples({"outcome": "insecure"}, limit=1)
        sample = get(viewer.url + f"sample/{rows[0]['id']}")
        assert "Change as applied" in sample and "Findings" in sample and "Prompt" in sample
        progress = json.loads(get(viewer.url + "api/progress"))
        assert progress["done"] == 72 and all(p["finished"] for p in progress["progress"])
        side = get(viewer.url + f"compare/{rows[0]['run']}/{rows[0]['instance_id']}")
        assert side.count("class='system'") == 3


def test_answers_cannot_inject_markup(tmp_path: Path) -> None:
    events = synthetic_events(models=1, instances=1, cycles=1, agents=False)
    events = [msgspec.structs.replace(e, text="<script>alert(1)</script>") if isinstance(e, AnswerReceived) else e
              for e in events]
    log = tmp_path / "run" / "events.jsonl"
    log.parent.mkdir()
    log.write_bytes(b"".join(_encode(e) + b"\n" for e in events))
    index = SampleIndex(tmp_path / "index.sqlite", [log.parent])
    export_site(index, tmp_path / "site")
    page = next((tmp_path / "site" / "samples").iterdir()).read_text()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_export_writes_every_sample_and_instance(run_dir: Path, tmp_path: Path) -> None:
    assert main(["view", str(run_dir), "--export", str(tmp_path / "site"), "--index", str(tmp_path / "i.sqlite")]) == 0
    assert len(list((tmp_path / "site" / "samples").iterdir())) == 72
    assert len(list((tmp_path / "site" / "compare").iterdir())) == 8
    assert "samples/1.html" in (tmp_path / "site" / "index.html").read_text()


def test_compare_merges_runs_on_the_same_dataset(tmp_path: Path) -> None:
    for name, seed in (("day1", 1), ("day2", 2)):
        events = synthetic_events(models=2, instances=6, agents=False, seed=seed)
        renamed = [msgspec.structs.replace(e, models=[f"{m}-{name}" for m in e.models]) if isinstance(e, RunStarted)
                   else msgspec.structs.replace(e, model=f"{e.model}-{name}") if hasattr(e, "model") else e
                   for e in events]
        log = tmp_path / name / "events.jsonl"
        log.parent.mkdir()
        log.write_bytes(b"".join(_encode(e) + b"\n" for e in renamed))
    results, _ = merge_runs([tmp_path / "day1", tmp_path / "day2"])
    assert len(results.models) == 4
    assert main(["compare", str(tmp_path / "day1"), str(tmp_path / "day2"), "--out", str(tmp_path / "merged")]) == 0
    assert "## Paired comparisons" in (tmp_path / "merged" / "report.md").read_text()
    # the same model in two runs is kept apart
    results, _ = merge_runs([tmp_path / "day1", tmp_path / "day1"])
    assert len(results.models) == 2


def test_compare_refuses_runs_on_different_datasets(tmp_path: Path) -> None:
    write_synthetic_log(tmp_path / "a" / "events.jsonl", models=1, instances=2)
    write_synthetic_log(tmp_path / "b" / "events.jsonl", models=1, instances=2, digest="another")
    assert main(["compare", str(tmp_path / "a"), str(tmp_path / "b")]) == 2


def test_the_progress_line_counts_per_model() -> None:
    counts = ProgressCounts()
    for model, outcome in (("a", "secure"), ("a", "insecure"), ("b", "secure")):
        counts.add(model, outcome)
    assert counts.line() == "insecure=1 secure=2 | a 2 (1 secure) · b 1 (1 secure)"
    for index in range(10):
        counts.add(f"m{index}", "secure")
    assert "+4 more models" in counts.line()


def test_findings_before_the_change_are_shown_where_the_log_has_them(tmp_path: Path) -> None:
    from ase_async.events import BaselineMeasured, Finding
    from ase_async.viewer.pages import sample_page
    from ase_async.viewer.server import _ServerLinks

    events = synthetic_events(models=1, instances=1, cycles=1, agents=False)
    meta = events[0].instances[0]  # type: ignore[union-attr]
    baseline = BaselineMeasured(instance_id=meta.instance_id, expected=1, measured=1,
                                findings=[Finding("taint", "app/x.py", 7)])
    log = tmp_path / "run" / "events.jsonl"
    log.parent.mkdir()
    log.write_bytes(b"".join(_encode(e) + b"\n" for e in [events[0], baseline, *events[1:]]))
    index = SampleIndex(tmp_path / "index.sqlite", [log.parent])
    index.update()
    view = load_sample(index, 1)
    assert view is not None and view.baseline is not None
    page = sample_page(view, _ServerLinks())
    assert "Before the change (the original code)" in page and "<td class='line'>7</td>" in page


def test_dynamic_check_results_are_shown(tmp_path: Path) -> None:
    from ase_async.events import CheckStep, DynamicChecked
    from ase_async.viewer.pages import sample_page
    from ase_async.viewer.server import _ServerLinks

    events = synthetic_events(models=1, instances=1, cycles=1, agents=False)
    scored = next(i for i, e in enumerate(events) if isinstance(e, SampleScored))
    sample = events[scored]
    assert isinstance(sample, SampleScored)
    dynamic = DynamicChecked(model=sample.model, instance_id=sample.instance_id, cycle=0, functional=True,
                             exploited="union-select", steps=[
                                 CheckStep(kind="functional", name="search page", passed=True, exit=0),
                                 CheckStep(kind="exploit", name="union-select", passed=False, exit=1, output="leaked: s3cret")])
    log = tmp_path / "run" / "events.jsonl"
    log.parent.mkdir()
    log.write_bytes(b"".join(_encode(e) + b"\n" for e in [*events[:scored], dynamic, *events[scored:]]))
    index = SampleIndex(tmp_path / "index.sqlite", [log.parent])
    index.update()
    view = load_sample(index, 1, rebuild_code=False)
    assert view is not None and view.dynamic is not None
    page = sample_page(view, _ServerLinks())
    assert "exploited by union-select" in page and "leaked: s3cret" in page and "search page" in page


def test_a_busy_port_is_a_clear_error(run_dir: Path, tmp_path: Path) -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["view", str(run_dir), "--port", str(port), "--index", str(tmp_path / "i.sqlite")]) == 2


def test_a_reused_verdict_names_the_sample_it_comes_from(tmp_path: Path) -> None:
    from ase_async.viewer.pages import sample_page
    from ase_async.viewer.server import _ServerLinks

    events = synthetic_events(models=1, instances=1, cycles=2, agents=False)
    events = [msgspec.structs.replace(e, reused_from="sim/model-00|x|0") if isinstance(e, Integrated) and e.cycle == 1
              else e for e in events]
    log = tmp_path / "run" / "events.jsonl"
    log.parent.mkdir()
    log.write_bytes(b"".join(_encode(e) + b"\n" for e in events))
    index = SampleIndex(tmp_path / "index.sqlite", [log.parent])
    index.update()
    _, rows = index.samples({})
    pages = [sample_page(v, _ServerLinks()) for r in rows if (v := load_sample(index, int(r["id"]), rebuild_code=False))]
    assert sum("sim/model-00|x|0" in page for page in pages) == 1
