"""``ase validate``: is every instance a fair test?

For each instance: the rule fires on the original code (count == detected_vul_num > 0);
the reference fix integrates into the masked file, parses and lowers the count; the
original (vulnerable) code put back does not lower it; and each recorded insecure fix is
still reported (count >= baseline). All scans of all instances go through the same batched
analyzer as a run.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import anyio
import msgspec

from .dataset import Dataset, rule_packs_root
from .masking import region_text, splice
from .repos import WorkingCopies, source_files
from .rules import Candidate, SemgrepAnalyzer
from .sandboxes import SandboxBackend, get_backend
from .syntax import check_files

__all__ = ["ValidationRow", "validate_dataset"]


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

    @property
    def functionality_check(self) -> bool:
        return self.presence_masked is not None and self.presence_fix is not None and self.presence_fix > self.presence_masked

    @property
    def valid(self) -> bool:
        return not self.problems


async def validate_dataset(dataset: Dataset, *, backend: SandboxBackend | None = None, batch_size: int = 64) -> list[ValidationRow]:
    work = Path(tempfile.mkdtemp(prefix="ase-validate-"))
    backend = backend or get_backend("local", hide=[Path(dataset.root), rule_packs_root()])
    try:
        return await _validate(dataset, backend, work, batch_size)
    finally:
        await backend.aclose()
        shutil.rmtree(work, ignore_errors=True)


async def _variant(copies: WorkingCopies, backend: SandboxBackend, templates, name: str, code: str) -> tuple[Path, bool, str]:  # type: ignore[no-untyped-def]
    workdir = await copies.checkout(templates, name)
    instance = templates.instance
    async with await backend.open(workdir) as session:
        masked = (await session.read_file(instance.vuln_file)).decode("utf-8", "surrogateescape")
        await session.write_file(instance.vuln_file, splice(masked, code).encode("utf-8", "surrogateescape"))
        results = await check_files(session, [instance.vuln_file])
    message = "; ".join(r.message for r in results if not r.ok)
    return workdir, all(r.ok for r in results), message


async def _validate(dataset: Dataset, backend: SandboxBackend, work: Path, batch_size: int) -> list[ValidationRow]:
    copies = WorkingCopies(dataset, work)
    analyzer = SemgrepAnalyzer(backend, copies.root)
    candidates: list[Candidate] = []
    syntax: dict[str, tuple[bool, str]] = {}
    limiter = anyio.CapacityLimiter(8)

    async def prepare(instance) -> None:  # type: ignore[no-untyped-def]
        async with limiter:
            rule = dataset.rule_path(instance)
            templates = await copies.templates(instance)
            if rule is None:
                return
            iid = instance.instance_id
            candidates.append(Candidate(f"{iid}|baseline", templates.original, rule, templates.original_files, (instance.vuln_file,)))
            candidates.append(Candidate(f"{iid}|masked", templates.masked, rule, templates.original_files, presence=True))
            original = (templates.original / instance.vuln_file).read_text("utf-8", "surrogateescape")
            variants = {"vulnerable": region_text(original, instance.vuln_lines)}
            if instance.reference_fix is not None:
                variants["fix"] = instance.reference_fix
            for n, wrong in enumerate(instance.insecure_fixes):
                variants[f"insecure{n}"] = wrong
            for label, code in variants.items():
                workdir, ok, message = await _variant(copies, backend, templates, f"{iid}__{label}", code)
                syntax[f"{iid}|{label}"] = (ok, message)
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
            if candidate.key.endswith("|baseline"):
                path, first, last = regions[candidate.key.rsplit("|", 1)[0]]
                outside[candidate.key] = [f"{f.path}:{f.line}" for f in result.findings
                                          if f.path != path or not first <= f.line <= last]
    rows = []
    for instance in dataset.instances:
        iid = instance.instance_id
        problems: list[str] = []
        baseline = counts.get(f"{iid}|baseline")
        fix = counts.get(f"{iid}|fix")
        vulnerable = counts.get(f"{iid}|vulnerable")
        if dataset.rule_path(instance) is None:
            problems.append("no rule")
        if baseline is None:
            problems.append(f"baseline scan failed: {messages.get(f'{iid}|baseline', '')}")
        elif baseline != instance.detected_vul_num or baseline <= 0:
            problems.append(f"baseline {baseline} != detected_vul_num {instance.detected_vul_num}")
        if outside.get(f"{iid}|baseline"):
            # A rule must fire where the vulnerability is, and nowhere else in the project.
            problems.append(f"the rule fires outside the region: {', '.join(outside[f'{iid}|baseline'][:3])}")
        fix_syntax, fix_message = syntax.get(f"{iid}|fix", (False, "no reference fix"))
        if not fix_syntax:
            problems.append(f"reference fix does not parse: {fix_message[:200]}")
        if fix is None or fix >= instance.detected_vul_num:
            problems.append(f"reference fix still reported ({fix})")
        if not syntax.get(f"{iid}|vulnerable", (False, ""))[0]:
            problems.append("original code put back does not parse")
        if vulnerable is None or vulnerable < instance.detected_vul_num:
            problems.append(f"vulnerable code not reported as before ({vulnerable})")
        reported = 0
        for n in range(len(instance.insecure_fixes)):
            count = counts.get(f"{iid}|insecure{n}")
            if count is not None and count >= instance.detected_vul_num:
                reported += 1
            else:
                problems.append(f"insecure fix {n} not reported ({count})")
            if not syntax.get(f"{iid}|insecure{n}", (False, ""))[0]:
                problems.append(f"insecure fix {n} does not parse")
        rows.append(ValidationRow(
            instance_id=iid, language=instance.language, cwe_id=instance.cwe_id, seed=instance.seed,
            origin=instance.origin.seed if instance.origin else None, region_size=instance.region_size,
            expected=instance.detected_vul_num, baseline=baseline, fix_count=fix, fix_syntax=fix_syntax,
            vulnerable_count=vulnerable, insecure_reported=reported, insecure_total=len(instance.insecure_fixes),
            problems=tuple(problems),
            presence_masked=presence.get(f"{iid}|masked"), presence_fix=presence.get(f"{iid}|fix"),
        ))
    return rows
