"""Growing seeds into mutated instances: ``mutate_instance`` and ``mutate_dataset``.

Each seed gets ``variants`` mutations (the method: two). Variant 1 is mostly semantic
(rename, API substitution, then at most one structural operator), variant 2 mostly
structural (two structural operators, then at most one semantic one). For each variant
the driver lists operator combinations in an order drawn from the instance's own random
stream, ``sha256(seed_number, instance_id, variant)``, and takes the first that

1. applies (an operator that has nothing to do, or cannot keep the variants of the
   vulnerable file consistent, raises :class:`NotApplicable` and is skipped; a
   combination needs two operators that did something),
2. leaves every rewritten file parseable (:func:`.checks.broken_files`), and
3. passes ``ase validate``: the rule fires on the mutated code, the transformed
   reference fix parses and lowers the count, the vulnerable code and every transformed
   insecure fix are still reported.

Validation runs on a temporary dataset, all instances of a round in one batched scan;
instances whose candidate failed move on to their next combination in the next round.
``detected_vul_num`` is the count measured on the mutated repository, and it must equal
the seed's: a different count would mean an operator changed what the rule sees (a name
a rule regex selects, say), not just the code's surface. Same seed number, same output,
byte for byte: nothing depends on time, paths, or set order.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import random
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import anyio
import msgspec

from ..dataset import Dataset, load_dataset, rule_packs_root
from ..instance import Instance, Origin
from ..masking import region_text
from .api_substitution import api_substitution
from .case import Case, NotApplicable
from .checks import broken_files
from .extract import extract
from .move_file import move_file
from .rename import rename
from .reorder import reorder
from .reshape import reshape

__all__ = ["OPERATORS", "MutationResult", "case_of", "mutate_dataset", "mutate_instance"]

Operator = Callable[[Case, random.Random], Case]

#: Every operator by name.
OPERATORS: dict[str, Operator] = {
    "rename": rename,
    "api_substitution": api_substitution,
    "reorder": reorder,
    "extract": extract,
    "move_file": move_file,
    "reshape": reshape,
}
_SEMANTIC = ("rename", "api_substitution")
_STRUCTURAL = ("reorder", "extract", "move_file", "reshape")
_MAX_ROUNDS = 8


@dataclass
class MutationResult:
    """A mutated instance, ready to write."""

    instance: Instance
    files: dict[str, str]
    rule: str


@dataclass
class _Job:
    seed: Instance
    variant: int
    candidates: Iterable[Case | None]
    current: Case | None = None
    done: MutationResult | None = None
    tried: list[str] = field(default_factory=list)


def case_of(dataset: Dataset, instance: Instance) -> Case:
    """The starting state of a seed: its repository, region, fixes and rule."""
    repo = dataset.repo_path(instance)
    rule = dataset.rule_path(instance)
    if repo is None or rule is None:
        raise NotApplicable("only bundled instances with a rule can be mutated")
    files = {
        p.relative_to(repo).as_posix(): p.read_text("utf-8", "surrogateescape")
        for p in sorted(repo.rglob("*"))
        if p.is_file() and ".git" not in p.relative_to(repo).parts
    }
    original = files[instance.vuln_file]
    variants = {"vulnerable": region_text(original, instance.vuln_lines)}
    if instance.reference_fix is not None:
        variants["fix"] = instance.reference_fix
    for n, wrong in enumerate(instance.insecure_fixes):
        variants[f"insecure{n}"] = wrong
    return Case(
        instance_id=instance.instance_id, language=instance.language, files=files,
        vuln_file=instance.vuln_file, region=tuple(instance.vuln_lines), variants=variants,  # type: ignore[arg-type]
        rule=rule.read_text("utf-8"), description=instance.description,
    )


def instance_rng(seed_number: int, instance_id: str, variant: int) -> random.Random:
    """The random stream of one (seed number, instance, variant)."""
    digest = hashlib.sha256(f"{seed_number}\0{instance_id}\0{variant}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def _combinations(variant: int, rng: random.Random) -> list[tuple[str, ...]]:
    structural = list(_STRUCTURAL)
    rng.shuffle(structural)
    semantic = list(_SEMANTIC)
    combos: list[tuple[str, ...]]
    if variant % 2 == 1:
        combos = [("rename", "api_substitution", s) for s in structural]
        combos += [("rename", "api_substitution"), *(("rename", s) for s in structural), *(("api_substitution", s) for s in structural)]
    else:
        pairs = [pair for pair in itertools.combinations(structural, 2)]
        rng.shuffle(pairs)
        extra = semantic[1 - rng.randrange(2)] if rng.random() < 0.5 else None
        combos = [(a, b, extra) if extra else (a, b) for a, b in pairs]
        combos += [(a, b) for a, b in pairs] + [(a, s) for a in structural for s in semantic]
    seen: list[tuple[str, ...]] = []
    for combo in combos:
        if combo not in seen:
            seen.append(combo)
    return seen


def _candidates(case: Case, variant: int, seed_number: int) -> Iterable[Case | None]:
    """Applied candidates in preference order (None marks a combination that failed)."""
    rng = instance_rng(seed_number, case.instance_id, variant)
    for combo in _combinations(variant, rng):
        # Each combination gets its own stream, so a skipped one does not shift the next.
        sub = random.Random(rng.getrandbits(64))
        current = case
        for name in combo:
            try:
                current = OPERATORS[name](current, random.Random(sub.getrandbits(64)))
            except NotApplicable:
                continue
        if len(current.mutations) < 2 or broken_files(case.files, current.files):
            yield None
            continue
        yield current


def _record(seed: Instance, case: Case, variant: int, seed_number: int, count: int) -> Instance:
    new_id = f"{seed.instance_id}-m{variant}"
    fixes = [case.variants[f"insecure{n}"] for n in range(len(seed.insecure_fixes))]
    return msgspec.structs.replace(
        seed, instance_id=new_id, repo=f"repos/{new_id}", base_commit="HEAD", vuln_file=case.vuln_file,
        vuln_lines=case.region, seed=False, detected_vul_num=count, rule=f"pack:ase-lite/{new_id}.yaml",
        reference_fix=case.variants.get("fix"), insecure_fixes=fixes,
        origin=Origin(seed=seed.instance_id, mutations=list(case.mutations), seed_number=seed_number),
    )


def _rule_for(seed_id: str, new_id: str, rule: str) -> str:
    # Rule ids and the metadata name the instance; they follow the new id.
    return rule.replace(seed_id, new_id)


def encode_instance(instance: Instance, pack: str) -> bytes:
    """The instance record as the seeds are written: two-space JSON, key order kept."""
    data = msgspec.to_builtins(instance)
    data["rule"] = f"pack:{pack}/{instance.instance_id}.yaml"
    ordered = {k: data[k] for k in (
        "instance_id", "repo", "base_commit", "vuln_file", "vuln_lines", "language", "vuln_source", "seed",
        "vuln_type", "cwe_id", "detected_vul_num", "description", "rule", "reference_fix", "insecure_fixes", "origin",
    )}
    return (json.dumps(ordered, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _write_tree(root: Path, files: dict[str, str]) -> None:
    if root.exists():
        shutil.rmtree(root)
    for path, text in sorted(files.items()):
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8", "surrogateescape"))


def _validate_round(jobs: list[_Job], seed_number: int) -> None:
    """Validate every job's current candidate in one batch; settle the valid ones."""
    from ..validate import validate_dataset

    with tempfile.TemporaryDirectory(prefix="ase-mutate-") as tmp:
        root = Path(tmp)
        (root / "instances").mkdir()
        (root / "rules").mkdir()
        pending: dict[str, _Job] = {}
        for job in jobs:
            assert job.current is not None
            record = _record(job.seed, job.current, job.variant, seed_number, job.seed.detected_vul_num)
            record = msgspec.structs.replace(record, rule=f"rules/{record.instance_id}.yaml")
            _write_tree(root / "repos" / record.instance_id, job.current.files)
            (root / "rules" / f"{record.instance_id}.yaml").write_text(_rule_for(job.seed.instance_id, record.instance_id, job.current.rule))
            (root / "instances" / f"{record.instance_id}.json").write_bytes(msgspec.json.encode(record))
            pending[record.instance_id] = job
        dataset = load_dataset(root)
        rows = anyio.run(validate_dataset, dataset)
        for row in rows:
            job = pending[row.instance_id]
            assert job.current is not None
            baseline = row.baseline
            ok = (
                baseline is not None and baseline > 0 and row.fix_syntax and row.fix_count is not None
                and row.fix_count < baseline and row.vulnerable_count is not None and row.vulnerable_count >= baseline
                and not [p for p in row.problems if "does not parse" in p]
            )
            # The mutated code must be reported exactly as the seed is: a different count
            # means an operator changed what the rule sees, not just the code's surface.
            if ok and baseline == row.expected and row.insecure_reported == row.insecure_total:
                job.done = MutationResult(
                    instance=_record(job.seed, job.current, job.variant, seed_number, baseline),  # type: ignore[arg-type]
                    files=job.current.files,
                    rule=_rule_for(job.seed.instance_id, f"{job.seed.instance_id}-m{job.variant}", job.current.rule),
                )
            else:
                job.tried.append("+".join(job.current.mutations) + ": " + "; ".join(row.problems))
                job.current = None


def mutate_instance(dataset_root: str | Path, instance: Instance | str, seed_number: int, variant: int) -> MutationResult:
    """Mutate one seed (validated, with fallbacks).

    Raises:
        NotApplicable: no combination of operators gave a valid instance.
    """
    dataset = load_dataset(dataset_root)
    seed = dataset.get(instance) if isinstance(instance, str) else instance
    results = _run(dataset, [seed], [variant], seed_number)
    return results[(seed.instance_id, variant)]


def _run(dataset: Dataset, seeds: list[Instance], variants: list[int], seed_number: int) -> dict[tuple[str, int], MutationResult]:
    jobs = []
    for seed in seeds:
        case = case_of(dataset, seed)
        for variant in variants:
            jobs.append(_Job(seed=seed, variant=variant, candidates=iter(_candidates(case, variant, seed_number))))
    for _ in range(_MAX_ROUNDS):
        active = []
        for job in jobs:
            if job.done is not None:
                continue
            if job.current is None:
                for candidate in job.candidates:  # type: ignore[union-attr]
                    if candidate is not None:
                        job.current = candidate
                        break
                    job.tried.append("a combination did not apply or broke a file")
            if job.current is not None:
                active.append(job)
        if not active:
            break
        _validate_round(active, seed_number)
    failed = [f"{j.seed.instance_id} variant {j.variant}: {j.tried[-3:]}" for j in jobs if j.done is None]
    if failed:
        raise NotApplicable("no valid mutation for " + " | ".join(failed))
    return {(j.seed.instance_id, j.variant): j.done for j in jobs if j.done is not None}


def mutate_dataset(
    dataset: str | Path = "ase-lite", *, seed_number: int = 1, variants: int = 2,
    only: Iterable[str] | None = None, out: str | Path | None = None,
) -> list[MutationResult]:
    """Mutate every seed (or ``only`` these) and write the results.

    Writes ``instances/<id>.json`` and ``repos/<id>/`` into the dataset folder and the rule
    into the dataset's rule pack, or, with ``out``, into ``out/datasets/<name>/`` and
    ``out/rules/packs/<name>/``.

    Raises:
        NotApplicable: some seed got no valid mutation (nothing is written).
    """
    loaded = load_dataset(dataset)
    seeds = [i for i in loaded.instances if i.seed and (only is None or i.instance_id in set(only))]
    results = _run(loaded, seeds, list(range(1, variants + 1)), seed_number)
    if out is None:
        data_root = Path(loaded.root)
        rule_root = rule_packs_root() / loaded.name
    else:
        data_root = Path(out) / "datasets" / loaded.name
        rule_root = Path(out) / "rules" / "packs" / loaded.name
    ordered = [results[key] for key in sorted(results)]
    for result in ordered:
        iid = result.instance.instance_id
        _write_tree(data_root / "repos" / iid, result.files)
        (data_root / "instances").mkdir(parents=True, exist_ok=True)
        (data_root / "instances" / f"{iid}.json").write_bytes(encode_instance(result.instance, loaded.name))
        rule_root.mkdir(parents=True, exist_ok=True)
        (rule_root / f"{iid}.yaml").write_text(result.rule, "utf-8")
    return ordered
