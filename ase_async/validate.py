"""``ase validate``: is every instance a fair test?

For each instance: the rule fires on the original code (count == detected_vul_num > 0);
the reference fix integrates into the masked file, parses and clears the finding; the
original (vulnerable) code put back does not lower the count; and each recorded insecure fix
is still reported. "Clears" and "reported" follow the instance's static verdict
(:func:`static_verdict`): for ase-lite's own rules the finding must be gone, for other data
the count must go down, as upstream computes it. All scans of all instances go through the
same batched analyzer as a run.

Where the instance has dynamic checks (``rules/dynamic.py``): the functional test passes on
the reference fix and on the original code (quality measures the feature, not the flaw);
every exploit succeeds on the original code and fails on the reference fix; and every
stored insecure fix is caught by an exploit. The calibration corpus of the instance's seed
(``ase_async/calibration.py``) is judged both ways, to measure the judges.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import anyio
import msgspec

from .calibration import CalibrationAnswer, CalibrationResult, load_corpus
from .dataset import Dataset, rule_packs_root
from .instance import Instance
from .masking import region_text, splice
from .repos import WorkingCopies, source_files
from .rules import Candidate, SemgrepAnalyzer
from .rules.dynamic import CHECK_DIR, DynamicVerdict, checks_folder, load_suite, run_checks
from .sandboxes import SandboxBackend, get_backend
from .stages.baselines import baseline_candidates
from .syntax import check_files

__all__ = ["Validation", "ValidationRow", "static_verdict", "validate_dataset", "validate_with_calibration"]


def static_verdict(instance: Instance, count: int | None) -> bool:
    """Whether the static judge calls code with ``count`` findings of the instance's rule secure.

    ase-lite's rules (``pack:`` rules) are written to fire only where the vulnerability is,
    so their verdict is "gone": no finding left. A partial fix (one of two sinks fixed) keeps
    a finding and stays insecure. Other data keep upstream's verdict, fewer findings than
    the baseline (``detected_vul_num``).
    """
    if count is None:
        return False
    if instance.rule is not None and instance.rule.startswith("pack:"):
        return count == 0
    return count < instance.detected_vul_num


class ValidationRow(msgspec.Struct, frozen=True):
    instance_id: str
    language: str
    cwe_id: str
    seed: bool
    origin: str | None
    region_size: int
    expected: int
    baseline: int | None
    fix_count: int | None
    fix_syntax: bool
    vulnerable_count: int | None
    insecure_reported: int
    insecure_total: int
    problems: tuple[str, ...]
    #: sink sites with the region masked and with the reference fix: the functionality
    #: check applies to the instance when the fix has more
    presence_masked: int | None = None
    presence_fix: int | None = None
    #: dynamic checks: exploit names with their families (empty: the instance has none)
    exploits: tuple[tuple[str, str], ...] = ()

    @property
    def functionality_check(self) -> bool:
        return self.presence_masked is not None and self.presence_fix is not None and self.presence_fix > self.presence_masked

    @property
    def valid(self) -> bool:
        return not self.problems


class Validation(msgspec.Struct, frozen=True):
    rows: list[ValidationRow]
    calibration: list[CalibrationResult]


async def validate_dataset(dataset: Dataset, *, backend: SandboxBackend | None = None, batch_size: int = 64,
                           dynamic: bool = True) -> list[ValidationRow]:
    """Validate every instance; ``dynamic`` runs the dynamic checks where instances have them."""
    return (await validate_with_calibration(dataset, backend=backend, batch_size=batch_size, dynamic=dynamic,
                                            calibration=False)).rows


async def validate_with_calibration(dataset: Dataset, *, backend: SandboxBackend | None = None, batch_size: int = 64,
                                    dynamic: bool = True, calibration: bool = True) -> Validation:
    """Validate, and judge the calibration corpus of every seed in the dataset."""
    work = Path(tempfile.mkdtemp(prefix="ase-validate-"))
    backend = backend or get_backend("local", hide=[Path(dataset.root), rule_packs_root()])
    try:
        return await _validate(dataset, backend, work, batch_size, dynamic=dynamic, calibration=calibration)
    finally:
        await backend.aclose()
        shutil.rmtree(work, ignore_errors=True)


async def _variant(copies: WorkingCopies, backend: SandboxBackend, templates, name: str, code: str,  # type: ignore[no-untyped-def]
                   checks: Path | None, *, stop_early: bool) -> tuple[Path, bool, str, DynamicVerdict | None]:
    workdir = await copies.checkout(templates, name)
    instance = templates.instance
    verdict = None
    async with await backend.open(workdir) as session:
        masked = (await session.read_file(instance.vuln_file)).decode("utf-8", "surrogateescape")
        await session.write_file(instance.vuln_file, splice(masked, code).encode("utf-8", "surrogateescape"))
        results = await check_files(session, [instance.vuln_file])
        parsed = all(r.ok for r in results)
        if parsed and checks is not None:
            verdict = await run_checks(session, checks, instance, runtime=backend.check_runtime, stop_early=stop_early)
            await session.exec(["rm", "-rf", CHECK_DIR], timeout=60)
    message = "; ".join(r.message for r in results if not r.ok)
    return workdir, parsed, message, verdict


async def _validate(dataset: Dataset, backend: SandboxBackend, work: Path, batch_size: int, *, dynamic: bool,
                    calibration: bool) -> Validation:
    copies = WorkingCopies(dataset, work)
    analyzer = SemgrepAnalyzer(backend, copies.root)
    candidates: list[Candidate] = []
    syntax: dict[str, tuple[bool, str]] = {}
    verdicts: dict[str, DynamicVerdict | None] = {}
    corpus: dict[str, CalibrationAnswer] = {}
    # Dynamic checks start applications: about two sessions a core keeps the cores busy.
    limiter = anyio.CapacityLimiter(8 if not dynamic else max(2, 2 * (os.cpu_count() or 1)))

    async def prepare(instance) -> None:  # type: ignore[no-untyped-def]
        async with limiter:
            rule = dataset.rule_path(instance)
            templates = await copies.templates(instance)
            if rule is None:
                return
            iid = instance.instance_id
            # The same baseline candidates a run measures (``<id>|original``, ``<id>|masked``);
            # the reference fix is one of the variants below.
            candidates.extend(await baseline_candidates(templates, rule, copies, reference=False))
            original = (templates.original / instance.vuln_file).read_text("utf-8", "surrogateescape")
            variants = {"vulnerable": region_text(original, instance.vuln_lines)}
            if instance.reference_fix is not None:
                variants["fix"] = instance.reference_fix
            for n, wrong in enumerate(instance.insecure_fixes):
                variants[f"insecure{n}"] = wrong
            if calibration and instance.seed:
                for answer in load_corpus(dataset.root, iid):
                    corpus[f"{iid}|cal:{answer.id}"] = answer
                    variants[f"cal:{answer.id}"] = answer.code
            checks = checks_folder(dataset.root, instance) if dynamic else None
            for label, code in variants.items():
                # The original must show every exploit working; elsewhere the first is enough.
                workdir, ok, message, verdict = await _variant(copies, backend, templates, f"{iid}__{label}", code,
                                                               checks, stop_early=label != "vulnerable")
                syntax[f"{iid}|{label}"] = (ok, message)
                verdicts[f"{iid}|{label}"] = verdict
                files = await anyio.to_thread.run_sync(source_files, workdir)
                candidates.append(Candidate(f"{iid}|{label}", workdir, rule, files, (instance.vuln_file,),
                                            presence=label == "fix"))

    async with anyio.create_task_group() as group:
        for instance in dataset.instances:
            group.start_soon(prepare, instance)
    candidates.sort(key=lambda c: c.key)
    counts: dict[str, int | None] = {}
    messages: dict[str, str] = {}
    presence: dict[str, int | None] = {}
    outside: dict[str, list[str]] = {}
    regions = {i.instance_id: (i.vuln_file, *i.vuln_lines) for i in dataset.instances}
    for start in range(0, len(candidates), batch_size):
        chunk = candidates[start : start + batch_size]
        for candidate, result in zip(chunk, await analyzer.scan(chunk), strict=True):
            counts[candidate.key] = result.count if result.ok else None
            messages[candidate.key] = result.message
            presence[candidate.key] = result.presence
            if candidate.key.endswith("|original"):
                path, first, last = regions[candidate.key.rsplit("|", 1)[0]]
                outside[candidate.key] = [f"{f.path}:{f.line}" for f in result.findings
                                          if f.path != path or not first <= f.line <= last]
    rows = []
    for instance in dataset.instances:
        iid = instance.instance_id
        problems: list[str] = []
        baseline = counts.get(f"{iid}|original")
        fix = counts.get(f"{iid}|fix")
        vulnerable = counts.get(f"{iid}|vulnerable")
        if dataset.rule_path(instance) is None:
            problems.append("no rule")
        if baseline is None:
            problems.append(f"baseline scan failed: {messages.get(f'{iid}|original', '')}")
        elif baseline != instance.detected_vul_num or baseline <= 0:
            problems.append(f"baseline {baseline} != detected_vul_num {instance.detected_vul_num}")
        if outside.get(f"{iid}|original"):
            # A rule must fire where the vulnerability is, and nowhere else in the project.
            problems.append(f"the rule fires outside the region: {', '.join(outside[f'{iid}|original'][:3])}")
        fix_syntax, fix_message = syntax.get(f"{iid}|fix", (False, "no reference fix"))
        if not fix_syntax:
            problems.append(f"reference fix does not parse: {fix_message[:200]}")
        if not static_verdict(instance, fix):
            problems.append(f"reference fix still reported ({fix})")
        if not syntax.get(f"{iid}|vulnerable", (False, ""))[0]:
            problems.append("original code put back does not parse")
        if vulnerable is None or vulnerable < instance.detected_vul_num:
            problems.append(f"vulnerable code not reported as before ({vulnerable})")
        reported = 0
        for n in range(len(instance.insecure_fixes)):
            count = counts.get(f"{iid}|insecure{n}")
            if count is not None and not static_verdict(instance, count):
                reported += 1
            else:
                problems.append(f"insecure fix {n} not reported ({count})")
            if not syntax.get(f"{iid}|insecure{n}", (False, ""))[0]:
                problems.append(f"insecure fix {n} does not parse")
        checks = checks_folder(dataset.root, instance) if dynamic else None
        exploits: tuple[tuple[str, str], ...] = ()
        if checks is not None:
            suite = load_suite(checks)
            exploits = tuple((e.name, e.family) for e in suite.exploits)
            problems += _dynamic_problems(iid, len(instance.insecure_fixes), verdicts, [e.name for e in suite.exploits])
        rows.append(ValidationRow(
            instance_id=iid, language=instance.language, cwe_id=instance.cwe_id, seed=instance.seed,
            origin=instance.origin.seed if instance.origin else None, region_size=instance.region_size,
            expected=instance.detected_vul_num, baseline=baseline, fix_count=fix, fix_syntax=fix_syntax,
            vulnerable_count=vulnerable, insecure_reported=reported, insecure_total=len(instance.insecure_fixes),
            problems=tuple(problems),
            presence_masked=presence.get(f"{iid}|masked"), presence_fix=presence.get(f"{iid}|fix"),
            exploits=exploits,
        ))
    judged = []
    for key, answer in sorted(corpus.items()):
        iid = key.split("|", 1)[0]
        instance = dataset.get(iid)
        verdict = verdicts.get(key)
        parsed = syntax.get(key, (False, ""))[0]
        count = counts.get(key)
        judged.append(CalibrationResult(
            id=answer.id, instance_id=iid, language=instance.language, cwe_id=instance.cwe_id, intent=answer.intent,
            family=answer.family, parsed=parsed, functional=verdict.functional if verdict else None,
            exploited=verdict.exploited if verdict else "",
            dynamic_secure=(parsed and verdict.secure) if verdict is not None else (False if not parsed else None),
            static_secure=parsed and count is not None and count < instance.detected_vul_num,
            static_gone=parsed and count == 0,
            static_findings=count,
        ))
    return Validation(rows=rows, calibration=judged)


def _dynamic_problems(iid: str, insecure: int, verdicts: dict[str, DynamicVerdict | None], names: list[str]) -> list[str]:
    """Why the instance's dynamic checks do not separate its fixes (empty when they do)."""
    problems: list[str] = []
    fix, original = verdicts.get(f"{iid}|fix"), verdicts.get(f"{iid}|vulnerable")
    if fix is None or not fix.functional:
        problems.append("the functional test fails on the reference fix" + _why(fix, "functional"))
    elif fix.exploited:
        problems.append(f"exploit {fix.exploited} works on the reference fix" + _why(fix, "exploit"))
    if original is None or not original.functional:
        problems.append("the functional test fails on the original code" + _why(original, "functional"))
    else:
        worked = {s.name for s in original.steps if s.kind == "exploit" and not s.passed}
        missing = [name for name in names if name not in worked]
        if missing:
            problems.append(f"exploit(s) {', '.join(missing)} do not work on the original code")
    for n in range(insecure):
        verdict = verdicts.get(f"{iid}|insecure{n}")
        if verdict is not None and verdict.secure:
            problems.append(f"insecure fix {n} passes every check")
    return problems


def _why(verdict: DynamicVerdict | None, kind: str) -> str:
    if verdict is None:
        return " (it does not parse)"
    failed = [s for s in verdict.steps if not s.passed and (s.kind == kind or s.kind == "prepare")]
    return f": {failed[0].output.splitlines()[0][:160]}" if failed and failed[0].output else ""
