"""The report model and its two renderings."""

from __future__ import annotations

from pathlib import Path

import anyio

from ase_async import RunConfig, run
from ase_async.cli import main
from ase_async.report import render_html, render_markdown
from ase_async.reportmodel import build_report
from ase_async.results import fold_events, results_from_log
from ase_async.testing.synthetic import synthetic_events


def test_the_model_carries_intervals_comparisons_and_the_matrix() -> None:
    fold = fold_events(synthetic_events(models=3, instances=24, agents=False))
    results = results_from_log(fold)
    report = build_report(results, fold)
    assert [r.model for r in report.leaderboard] == sorted(results.models, key=lambda n: -results.models[n].overall)
    for row in report.leaderboard:
        assert row.overall.value == results.models[row.model].overall
        assert row.overall.low <= row.overall.value <= row.overall.high
    assert len(report.comparisons) == 3
    assert {c.verdict for c in report.comparisons} <= {"A is ahead", "B is ahead", "not distinguishable at this size"}
    assert len(report.matrix) == 24
    row = report.matrix[0]
    assert set(row.cells) == set(results.models) and all(len(c) == 3 for c in row.cells.values())
    assert 0.0 <= row.solved_by <= 1.0
    by_class = report.breakdowns[0]
    assert by_class.keys == ["CWE-22", "CWE-78", "CWE-79", "CWE-89"]


def test_both_renderings_show_the_same_numbers() -> None:
    fold = fold_events(synthetic_events(models=2, instances=12, agents=False))
    results = results_from_log(fold)
    report = build_report(results, fold)
    markdown, page = render_markdown(results, fold, report), render_html(results, fold, report)
    first = report.leaderboard[0]
    assert f"{first.overall.value:.2f} [{first.overall.low:.2f}, {first.overall.high:.2f}]" in markdown
    assert f"[{first.overall.low:.2f}, {first.overall.high:.2f}]" in page
    assert "## Paired comparisons" in markdown and 'id="comparisons"' in page
    assert "## Per-instance outcomes" in markdown and 'id="matrix"' in page
    assert report.comparisons[0].verdict in markdown
    assert 'class="whisker"' in page


def test_model_names_are_escaped_in_html() -> None:
    events = synthetic_events(models=2, instances=4, agents=False)
    fold = fold_events(events)
    results = results_from_log(fold)
    evil = results.models.pop("sim/model-00")
    results.models["<script>x</script>"] = evil
    page = render_html(results, fold)
    assert "<script>x</script>" not in page and "&lt;script&gt;x&lt;/script&gt;" in page


def test_score_reproduces_results_and_both_reports_byte_for_byte(tiny_dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    config = RunConfig(models=["oracle/gold", "oracle/vulnerable"], dataset=str(tiny_dataset), out=str(out), cycles=2)
    anyio.run(run, config)
    names = ("results.json", "report.md", "report.html")
    original = {name: (out / name).read_bytes() for name in names}
    for name in names:
        (out / name).unlink()
    assert main(["score", str(out)]) == 0
    assert {name: (out / name).read_bytes() for name in names} == original
    assert b"[100.00, 100.00]" in original["report.md"]


def test_the_report_sets_static_findings_beside_the_dynamic_verdict() -> None:
    from ase_async.events import DynamicChecked, InstanceMeta, Scanned
    from ase_async.results import LogFold, judge_pair

    def pair(exploited: str, after: int, functional: bool = True) -> tuple[bool, bool, bool] | None:
        key = {"model": "m", "instance_id": "x", "cycle": 0}
        return judge_pair(DynamicChecked(functional=functional, exploited=exploited, **key),
                          Scanned(ok=True, before=2, after=after, **key))

    assert pair("", 0) == (True, True, True)
    assert pair("union", 1) == (False, True, False)  # fewer than the baseline, yet exploited
    assert pair("", 0, functional=False) is None  # the feature broke: no security verdict to compare
    fold = fold_events(synthetic_events(models=1, instances=4, agents=False))
    fold.instances.update(a=InstanceMeta("a", "CWE-89", "python", True, 2), b=InstanceMeta("b", "CWE-79", "php", True, 2))
    fold.judges = {("m", "a", 0): (True, True, True), ("m", "a", 1): (False, True, True),
                   ("m", "b", 0): (True, True, False), ("m", "b", 1): (False, False, False)}
    assert isinstance(fold, LogFold)
    results = results_from_log(fold)
    report = build_report(results, fold)
    rows = {j.group: j for j in report.judges}
    assert list(rows)[-1] == "all"
    assert (rows["all"].samples, rows["all"].missed, rows["all"].flagged) == (4, 1, 1)
    assert rows["all"].fewer_agrees == 0.75 and rows["all"].gone_agrees == 0.5
    assert rows["python"].missed == 1 and rows["php"].flagged == 1
    assert "## Static findings beside the dynamic verdict" in render_markdown(results, fold, report)
    assert 'id="judges"' in render_html(results, fold, report)
