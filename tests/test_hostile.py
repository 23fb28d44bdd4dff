"""The hostile answers corpus (tests/hostile_corpus.py) through whole runs.

One run per (contract, instance): a ScriptedModel answers cycle N with case N, so the whole
corpus costs a handful of runs. Cases that can take a run down get a run of their own, so
that one crash fails only its own case. Then, for every case:

(a) the sample ends in exactly the expected outcome, and kind when one is given;
(b) no byte is written outside the working copy: canaries around the run (the dataset
    copied into the test's folder, that folder, decoys named like the traversals' targets at
    every level above the working copies, ``/tmp/ase-hostile-canary``) are snapshotted
    (paths, types, sizes, hashes, link targets) before and after, and every working copy's
    ``.git`` must be the template's;
(c) deleting or stubbing out the code never scores secure, and a suppression comment never
    hides a finding (the scan counted it).

The runs use the local sandbox WITHOUT bubblewrap: bubblewrap would absorb an escape
(read-only host, private /tmp) and hide a failure of the vetting, which is what is tested
here. Nothing runs an answer either way; payload cases prove it (their canaries stay put).

``ASE_WRITE_HOSTILE_TABLE=1`` writes the outcomes table to
benchmarks/results/hostile_outcomes.md (for the README's reliability section).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import anyio
import pytest

from ase_async import RunConfig, run
from ase_async.dataset import datasets_root
from ase_async.eventlog import read_events
from ase_async.events import (
    InfraFailed,
    Integrated,
    ModelFailed,
    SampleScored,
    Scanned,
    SyntaxChecked,
)
from ase_async.repos import safe_name
from ase_async.testing import ScriptedModel
from tests.conftest import make_tiny_dataset
from tests.hostile_corpus import CANARY_DIR, CORPUS, EXTRA_INSTANCES, Case

pytestmark = pytest.mark.timeout(900)

MODEL = "hostile/corpus"
TABLE = Path(__file__).resolve().parent.parent / "benchmarks" / "results" / "hostile_outcomes.md"
#: last components of the paths the corpus aims at outside the working copy
BAIT_NAMES = ("x", "outside.py", "outside.txt", "copied.py", "app.py", "passwd", "stolen.txt", "evil")
OUTPUT_FILES = ("events.jsonl", "results.json", "report.md", "report.html", ".lock")


@dataclass
class Observed:
    outcome: str = "not_scored"
    kind: str = ""
    after: int | None = None
    findings: int = 0
    scanned: bool = False
    presence: int | None = None
    presence_floor: int | None = None
    touched: list[str] = field(default_factory=list)
    message: str = ""


@dataclass(repr=False)
class Corpus:
    observed: dict[str, Observed]
    escapes: list[str]
    git_writes: dict[str, list[str]]
    log_bytes: dict[str, int]
    wall_s: float


# -- snapshots ------------------------------------------------------------------------------


def _entry(path: Path) -> tuple[str, int, str]:
    info = os.lstat(path)
    if stat.S_ISLNK(info.st_mode):
        return ("link", 0, os.readlink(path))
    if stat.S_ISDIR(info.st_mode):
        return ("dir", 0, "")
    if stat.S_ISREG(info.st_mode):
        return ("file", info.st_size, hashlib.sha256(path.read_bytes()).hexdigest())
    return ("other", 0, oct(info.st_mode))


def snapshot(root: Path, *, skip: tuple[Path, ...] = ()) -> dict[str, tuple[str, int, str]]:
    """Every path under ``root`` (links not followed) with its type, size and content hash."""
    found: dict[str, tuple[str, int, str]] = {}
    if not os.path.lexists(root):
        return found
    found["."] = _entry(root)
    for directory, dirnames, filenames in os.walk(root):
        here = Path(directory)
        dirnames[:] = [d for d in dirnames if here / d not in skip]
        for name in dirnames + filenames:
            path = here / name
            found[str(path.relative_to(root))] = _entry(path)
    return found


def bait_snapshot(workdir: Path) -> dict[str, tuple[str, int, str] | None]:
    """The bait names at every level above a working copy, up to the file system root."""
    found: dict[str, tuple[str, int, str] | None] = {}
    for ancestor in workdir.parents:
        for name in BAIT_NAMES:
            path = ancestor / name
            found[str(path)] = _entry(path) if os.path.lexists(path) else None
    return found


def diff_snapshots(before: Mapping[str, object], after: Mapping[str, object], where: str) -> list[str]:
    changes = [f"{where}: {p} appeared" for p in after.keys() - before.keys() if after[p] is not None]
    changes += [f"{where}: {p} disappeared" for p in before.keys() - after.keys()]
    changes += [f"{where}: {p} changed" for p in before.keys() & after.keys() if before[p] != after[p]]
    return sorted(changes)


def plant_canaries(root: Path) -> None:
    (root / "etc").mkdir()
    (root / "etc" / "passwd").write_text("root:x:0:0:canary:/root:/bin/sh\n")
    (root / "outside.txt").write_text("outside\n")
    (root / "x").write_text("canary x\n")
    (root / "canary").mkdir()
    (root / "canary" / "secret.txt").write_text("secret\n")
    os.symlink("canary", root / "canary-link")
    canary = Path(CANARY_DIR)
    canary.mkdir(exist_ok=True)
    (canary / "keep.txt").write_text("keep\n")


# -- the runs -------------------------------------------------------------------------------


def make_dataset(root: Path) -> Path:
    dataset = make_tiny_dataset(root / "dataset")
    bundled = datasets_root() / "ase-lite"
    for iid in EXTRA_INSTANCES:
        record = json.loads((bundled / "instances" / f"{iid}.json").read_text())
        shutil.copytree(bundled / record["repo"], dataset / "repos" / iid, symlinks=True)
        record["repo"] = f"repos/{iid}"
        (dataset / "instances" / f"{iid}.json").write_text(json.dumps(record))
    return dataset


def groups() -> list[tuple[str, str, list[Case]]]:
    """(contract, instance, cases) per run: shared runs first, then one per lonely case."""
    shared: dict[tuple[str, str], list[Case]] = {}
    lonely: list[tuple[str, str, list[Case]]] = []
    for case in CORPUS:
        if case.alone:
            lonely.append((case.contract, case.instance, [case]))
        else:
            shared.setdefault((case.contract, case.instance), []).append(case)
    return [(c, i, cases) for (c, i), cases in shared.items()] + lonely


def observe(out: Path, cases: list[Case]) -> dict[str, Observed]:
    found: dict[int, Observed] = {}
    for event in read_events(out / "events.jsonl"):
        cycle = getattr(event, "cycle", None)
        if cycle is None or getattr(event, "model", None) != MODEL:
            continue
        seen = found.setdefault(cycle, Observed())
        if isinstance(event, Integrated):
            seen.kind, seen.touched, seen.message = event.kind, list(event.touched_files), event.message
        elif isinstance(event, SyntaxChecked) and not event.ok and not seen.kind:
            seen.kind = "syntax_error"
            seen.message = "; ".join(f"{f.path}: {f.message}" for f in event.files if not f.ok)[:300]
        elif isinstance(event, Scanned):
            seen.scanned, seen.after, seen.findings = True, event.after, len(event.findings)
            seen.presence = getattr(event, "presence", None)
            seen.presence_floor = getattr(event, "presence_floor", None)
            if (event.ok and seen.presence is not None and seen.presence_floor is not None
                    and seen.presence <= seen.presence_floor and not seen.kind):
                seen.kind = "functionality_removed"
        elif isinstance(event, InfraFailed):
            seen.kind, seen.message = f"infra:{event.stage}", event.message
        elif isinstance(event, ModelFailed):
            seen.kind, seen.message = event.kind, event.message
        elif isinstance(event, SampleScored):
            seen.outcome = event.outcome
    return {case.name: found.get(n, Observed(message="no sample_scored event")) for n, case in enumerate(cases)}


async def run_group(dataset: Path, out: Path, contract: str, instance: str, cases: list[Case]) -> dict[str, Observed]:
    model = ScriptedModel(MODEL, lambda request, cycle: cases[cycle].text())
    config = RunConfig(
        models=[], dataset=str(dataset), out=str(out), cycles=len(cases), contract=contract,  # type: ignore[arg-type]
        instances=[instance], keep_workdirs=True, sandbox_options={"isolation": "none"},
        sandbox_sessions=4, analyzer_processes=2, batch_wait=0.2,
    )
    try:
        await run(config, adapters=[model])
    except Exception as exc:  # a crash is an observation: it fails these cases
        message = f"the run crashed: {type(exc).__name__}: {exc}"
        for leaf in getattr(exc, "exceptions", ()):
            message += f" / {type(leaf).__name__}: {str(leaf)[:300]}"
        return {case.name: Observed(outcome="run_crashed", message=message[:1000]) for case in cases}
    return observe(out, cases)


def git_writes(out: Path, instance: str) -> dict[str, list[str]]:
    """Per kept working copy, what differs in its .git from the masked template's."""
    work = out / "work"
    template = snapshot(work / "templates" / safe_name(instance) / "masked" / ".git")
    found: dict[str, list[str]] = {}
    samples = work / "samples" / safe_name(MODEL)
    for sample in sorted(samples.iterdir()) if samples.is_dir() else []:
        if sample.is_dir() and not sample.is_symlink() and (sample / ".git").exists():
            changes = diff_snapshots(template, snapshot(sample / ".git"), f"{sample.name}/.git")
            # git refreshes its index stat data when it looks at a tree; that is git's own write
            changes = [c for c in changes if not c.endswith("/.git: index changed")]
            if changes:
                found[sample.name] = changes
    return found


def unexpected_in_out(out: Path, instance: str, cases: list[Case]) -> list[str]:
    """Anything in a run's folder that the run itself does not make."""
    problems = [f"{out.name}/{p.name} is not a run output" for p in out.iterdir()
                if p.name not in {*OUTPUT_FILES, "work"} and not p.name.startswith(("report", "results"))]
    work = out / "work"
    expected_samples = {safe_name(f"{MODEL}__{instance}__c{n}") for n in range(len(cases))}
    owners = {safe_name(MODEL): expected_samples, safe_name("harness"): None}
    for folder in (work / "samples").iterdir() if (work / "samples").is_dir() else []:
        if folder.name not in owners:
            problems.append(f"{out.name}/work/samples/{folder.name} is not a working copies' owner")
            continue
        for entry in folder.iterdir():
            expected = owners[folder.name]
            if (expected is None and not entry.name.startswith("baseline-reference__")) or (
                    expected is not None and entry.name not in expected):
                problems.append(f"{out.name}/work/samples/{folder.name}/{entry.name} is not a working copy")
    for entry in work.iterdir() if work.is_dir() else []:
        if entry.name not in {"samples", "templates", ".semgrep-configs"}:
            problems.append(f"{out.name}/work/{entry.name} is not made by the run")
    return problems


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    import time

    root = tmp_path_factory.mktemp("hostile")
    shutil.rmtree(CANARY_DIR, ignore_errors=True)
    plant_canaries(root)
    dataset = make_dataset(root)
    plan = [(f"out-{n:02d}-{contract}-{safe_name(instance)}", contract, instance, cases)
            for n, (contract, instance, cases) in enumerate(groups())]
    outs = tuple(root / name for name, *_ in plan)
    before = snapshot(root, skip=outs)
    before_tmp = snapshot(Path(CANARY_DIR))
    passwd = hashlib.sha256(Path("/etc/passwd").read_bytes()).hexdigest()
    baits_before = {}
    for name, _, instance, cases in plan:
        for n in range(len(cases)):
            workdir = root / name / "work" / "samples" / safe_name(MODEL) / safe_name(f"{MODEL}__{instance}__c{n}")
            baits_before.update(bait_snapshot(workdir))

    observed: dict[str, Observed] = {}
    log_bytes: dict[str, int] = {}
    started = time.monotonic()

    async def main() -> None:
        for name, contract, instance, cases in plan:
            observed.update(await run_group(dataset, root / name, contract, instance, cases))
            log = root / name / "events.jsonl"
            log_bytes[name] = log.stat().st_size if log.exists() else 0

    anyio.run(main)
    wall = time.monotonic() - started

    escapes = diff_snapshots(before, snapshot(root, skip=outs), "test folder")
    escapes += diff_snapshots(before_tmp, snapshot(Path(CANARY_DIR)), CANARY_DIR)
    baits_after = {path: (_entry(Path(path)) if os.path.lexists(path) else None) for path in baits_before}
    escapes += diff_snapshots(baits_before, baits_after, "bait")
    if hashlib.sha256(Path("/etc/passwd").read_bytes()).hexdigest() != passwd:
        escapes.append("/etc/passwd changed")
    writes: dict[str, list[str]] = {}
    for name, _, instance, cases in plan:
        out = root / name
        if out.exists():
            escapes += unexpected_in_out(out, instance, cases)
            for sample, changes in git_writes(out, instance).items():
                writes[f"{name}/{sample}"] = changes
    return Corpus(observed, escapes, writes, log_bytes, wall)


# -- the assertions -------------------------------------------------------------------------


def test_the_corpus_is_large_and_well_formed() -> None:
    names = [c.name for c in CORPUS]
    assert len(names) >= 60
    assert len(set(names)) == len(names), "case names must be unique"
    outcomes = {"secure", "insecure", "integration_failed", "sast_failed", "model_error", "infra_error"}
    for case in CORPUS:
        assert case.contract in {"diff", "code"}, case.name
        assert case.expected_outcome in outcomes, case.name
        assert case.why and "\n" not in case.why, case.name
        assert not (case.stub and case.expected_outcome == "secure"), case.name
        assert not (case.suppression and case.expected_outcome == "secure"), case.name


def test_the_snapshots_would_see_an_escape(tmp_path: Path) -> None:
    plant_canaries_here = tmp_path / "root"
    (plant_canaries_here / "sub").mkdir(parents=True)
    (plant_canaries_here / "sub" / "a.txt").write_text("a")
    before = snapshot(plant_canaries_here)
    (plant_canaries_here / "x").write_text("escaped")
    (plant_canaries_here / "sub" / "a.txt").write_text("b")
    os.symlink("/etc", plant_canaries_here / "sub" / "evil")
    changes = diff_snapshots(before, snapshot(plant_canaries_here), "root")
    assert changes == ["root: sub/a.txt changed", "root: sub/evil appeared", "root: x appeared"]


@pytest.mark.parametrize("case", [
    pytest.param(c, id=c.name, marks=[pytest.mark.xfail(strict=True, reason=c.limitation)] if c.limitation else [])
    for c in CORPUS
])
def test_each_hostile_answer_ends_as_expected(corpus: Corpus, case: Case) -> None:
    seen = corpus.observed[case.name]
    detail = f"{case.why}; observed {seen.outcome}/{seen.kind or '-'}: {seen.message[:500]}"
    assert seen.outcome == case.expected_outcome, detail
    if case.expected_kind is not None:
        assert seen.kind == case.expected_kind, detail
    if case.stub:
        assert seen.outcome != "secure", f"deleting or stubbing the code scored secure: {detail}"
    if case.suppression:
        assert seen.scanned and seen.after is not None and seen.after >= 1 and seen.findings >= 1, (
            f"a suppression comment hid the finding: {detail}")


def test_no_byte_is_written_outside_the_working_copies(corpus: Corpus) -> None:
    assert corpus.escapes == []


def test_no_answer_writes_into_git_metadata(corpus: Corpus) -> None:
    assert corpus.git_writes == {}


def test_oversized_answers_do_not_bloat_the_event_log(corpus: Corpus) -> None:
    # Two 50 MB answers are refused unread; the log should not keep them whole either.
    # Bug (runner._call_model): AnswerReceived stores the full text, so every oversized
    # answer costs its size again in events.jsonl (and in the response cache).
    assert max(corpus.log_bytes.values()) < 16 * 1024 * 1024, corpus.log_bytes


def test_outcomes_table(corpus: Corpus) -> None:
    """Prints the counts per outcome; writes the table with ASE_WRITE_HOSTILE_TABLE=1."""
    counts = Counter(corpus.observed[c.name].outcome for c in CORPUS)
    kinds = Counter((corpus.observed[c.name].outcome, corpus.observed[c.name].kind or "-") for c in CORPUS)
    print(f"\nhostile corpus: {len(CORPUS)} cases in {corpus.wall_s:.1f} s")
    for outcome, n in counts.most_common():
        print(f"  {outcome:20} {n}")
    for (outcome, kind), n in sorted(kinds.items()):
        print(f"    {outcome:20} {kind:24} {n}")
    if os.environ.get("ASE_WRITE_HOSTILE_TABLE") != "1":
        return
    lines = [
        "# Hostile answers: how the harness classifies them",
        "",
        f"{len(CORPUS)} hostile or broken answers (`tests/hostile_corpus.py`), run through whole runs by",
        "`tests/test_hostile.py` (local sandbox without bubblewrap, so that the path vetting alone is",
        "tested). Regenerate with `ASE_WRITE_HOSTILE_TABLE=1 .venv/bin/python -m pytest tests/test_hostile.py`.",
        "",
        "| outcome | kind | answers |",
        "|---|---|---|",
        *(f"| {o} | {k} | {n} |" for (o, k), n in sorted(kinds.items())),
        "",
        "| case | contract | instance | expected | observed | why |",
        "|---|---|---|---|---|---|",
    ]
    for case in CORPUS:
        seen = corpus.observed[case.name]
        expected = case.expected_outcome + (f" / {case.expected_kind}" if case.expected_kind else "")
        got = seen.outcome + (f" / {seen.kind}" if seen.kind else "")
        mark = "" if (seen.outcome == case.expected_outcome
                      and (case.expected_kind is None or seen.kind == case.expected_kind)) else " **(differs)**"
        lines.append(f"| `{case.name}` | {case.contract} | {case.instance} | {expected} | {got}{mark} | {case.why} |")
    lines += ["", f"Nothing outside the working copies changed: {'yes' if not corpus.escapes else 'NO'}.", ""]
    notes = [c for c in CORPUS if c.bug or c.limitation]
    if notes:
        lines += ["Bugs the corpus found (some fixed already) and known limitations:", ""]
        lines += [f"- `{c.name}`: {c.bug or c.limitation}" for c in notes]
        lines.append("")
    TABLE.parent.mkdir(parents=True, exist_ok=True)
    TABLE.write_text("\n".join(lines))


async def test_padding_past_the_scanner_size_limit_never_scores_secure(tmp_path: Path) -> None:
    """Where the functionality check is not calibrated (no reference fix), nothing but the
    scan stands between padded vulnerable code and a secure verdict.

    Bug (rules/semgrep.py, SemgrepAnalyzer._scan_batch/_attribute): semgrep skips targets
    over 1 MB (its --max-target-bytes default) without an error, so the vulnerable file is
    not scanned and counts 0 findings. Fix: pass ``--max-target-bytes=0`` and fail the scan
    (ok=False) when a ``must_parse`` file is missing from ``report["paths"]["scanned"]``.
    """
    from tests.hostile_corpus import _padded_vulnerable

    dataset = make_tiny_dataset(tmp_path / "dataset", extra={"reference_fix": None})
    model = ScriptedModel(MODEL, lambda request, cycle: _padded_vulnerable())
    config = RunConfig(models=[], dataset=str(dataset), out=str(tmp_path / "out"), cycles=1, contract="code",
                       sandbox_options={"isolation": "none"})
    results = await run(config, adapters=[model])
    scanned = [e for e in read_events(tmp_path / "out" / "events.jsonl") if isinstance(e, Scanned)]
    assert results.models[MODEL].outcomes.get("secure", 0) == 0, scanned
