"""The bundled benchmark: every rule's corpus (the vulnerable region, the reference fix and
the recorded wrong fixes) and the oracles' end-to-end scores."""

from __future__ import annotations

from pathlib import Path

import anyio
import pytest

from ase_async import RunConfig, load_dataset, run
from ase_async.validate import ValidationRow, validate_dataset

DATASET = load_dataset("ase-lite")
IDS = [i.instance_id for i in DATASET.instances]


@pytest.fixture(scope="module")
def validation() -> dict[str, ValidationRow]:
    rows = anyio.run(lambda: validate_dataset(DATASET, dynamic=False))
    return {row.instance_id: row for row in rows}


#: The dynamic checks of one seed and one mutation per language, within CI's time (every
#: step of every check starts an application). `ase validate` runs them on all 120
#: instances (mutations share their seed's checks).
DYNAMIC_IDS = [f"{language}-{kind}" for language in ("php", "py", "go", "js", "java")
               for kind in ("cmdi-01", "xss-01-m1")]


@pytest.fixture(scope="module")
def dynamic_validation() -> dict[str, ValidationRow]:
    rows = anyio.run(lambda: validate_dataset(DATASET.subset(DYNAMIC_IDS), dynamic=True))
    return {row.instance_id: row for row in rows}


@pytest.mark.slow
@pytest.mark.timeout(5400)  # the first test builds the module fixture: every step of every check
@pytest.mark.parametrize("instance_id", DYNAMIC_IDS)
def test_dynamic_checks_separate_the_fixes(dynamic_validation: dict[str, ValidationRow], instance_id: str) -> None:
    row = dynamic_validation[instance_id]
    assert len(row.exploits) >= 3 and len({family for _, family in row.exploits}) >= 3, row.exploits
    assert row.valid, row.problems


@pytest.mark.timeout(1800)  # the first test builds the module fixture: 120 instances' scans
@pytest.mark.parametrize("instance_id", IDS)
def test_rule_corpus(validation: dict[str, ValidationRow], instance_id: str) -> None:
    row = validation[instance_id]
    instance = DATASET.get(instance_id)
    assert row.baseline == instance.detected_vul_num > 0
    assert row.fix_syntax and row.fix_count is not None and row.fix_count < instance.detected_vul_num
    assert row.vulnerable_count is not None and row.vulnerable_count >= instance.detected_vul_num
    assert row.insecure_total >= 2 and row.insecure_reported == row.insecure_total
    assert row.valid, row.problems


def test_every_class_in_every_required_language() -> None:
    cells = {(i.language, i.cwe_id) for i in DATASET.instances if i.seed}
    for language in ("php", "python", "javascript"):
        for cwe in ("CWE-89", "CWE-79", "CWE-22", "CWE-78"):
            assert (language, cwe) in cells


def test_descriptions_say_what_not_how() -> None:
    banned = ("sanitiz", "sanitis", "escap", "inject", "secur", "vulnerab", "traversal", "xss")
    for instance in DATASET.instances:
        text = instance.description.lower()
        assert len(text) > 80, instance.instance_id
        assert not [w for w in banned if w in text], (instance.instance_id, [w for w in banned if w in text])


def test_projects_are_real_projects() -> None:
    for instance in DATASET.instances:
        repo = DATASET.repo_path(instance)
        assert repo is not None and (repo / "README.md").is_file(), instance.instance_id
        sources = [p for p in repo.rglob("*") if p.suffix in {".php", ".py", ".js", ".go", ".java"}]
        assert len(sources) >= 4, instance.instance_id


@pytest.mark.slow
@pytest.mark.timeout(5400)
def test_oracles_on_the_whole_bundled_benchmark(tmp_path: Path) -> None:
    results = anyio.run(run, RunConfig(models=["oracle/gold", "oracle/vulnerable"], out=str(tmp_path / "out")))
    gold, vulnerable = results.models["oracle/gold"], results.models["oracle/vulnerable"]
    assert (gold.security, gold.quality, gold.stability) == (100.0, 100.0, 100.0)
    assert (vulnerable.security, vulnerable.quality, vulnerable.stability) == (0.0, 100.0, 100.0)
    assert gold.samples == 3 * len(DATASET)
