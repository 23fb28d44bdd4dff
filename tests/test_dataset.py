from __future__ import annotations

import json
from pathlib import Path

import pytest

from ase_async import DatasetError, load_dataset
from tests.conftest import make_tiny_dataset


def test_bundled_dataset_loads_by_name() -> None:
    dataset = load_dataset("ase-lite")
    assert len(dataset) >= 8
    assert {i.cwe_id for i in dataset.instances} >= {"CWE-89", "CWE-79", "CWE-22", "CWE-78"}
    assert {i.language for i in dataset.instances} >= {"php", "python", "javascript"}


def test_cwe_case_is_normalised(tiny_dataset: Path) -> None:
    assert load_dataset(tiny_dataset).instances[0].cwe_id == "CWE-89"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"vuln_lines": "11-14"}, "vuln_lines"),
        ({"vuln_lines": [14, 11]}, "vuln_lines"),
        ({"vuln_lines": [11, 400]}, "vuln_lines"),
        ({"detected_vul_num": "one"}, "detected_vul_num"),
        ({"language": "cobol"}, "language"),
        ({"vuln_file": "../etc/passwd"}, "vuln_file"),
        ({"vuln_file": "missing.py"}, "vuln_file"),
        ({"rule": "nowhere.yaml"}, "rule"),
        ({"cwe_id": "SQLI"}, "cwe_id"),
    ],
)
def test_malformed_records_name_file_record_and_field(tmp_path: Path, change: dict[str, object], field: str) -> None:
    root = make_tiny_dataset(tmp_path / "d", extra=change)
    with pytest.raises(DatasetError) as info:
        load_dataset(root)
    error = info.value
    assert error.field == field
    assert error.record == "tiny-sqli"
    assert error.file.endswith("tiny-sqli.json") or error.file == str(root.resolve())
    assert field in str(error)


def test_missing_field_is_named(tmp_path: Path) -> None:
    root = make_tiny_dataset(tmp_path / "d")
    record_file = root / "instances" / "tiny-sqli.json"
    record = json.loads(record_file.read_text())
    del record["cwe_id"]
    record_file.write_text(json.dumps(record))
    with pytest.raises(DatasetError, match=r"tiny-sqli\.json, record tiny-sqli, field 'cwe_id'"):
        load_dataset(root)


def test_broken_json_names_the_file(tmp_path: Path) -> None:
    root = make_tiny_dataset(tmp_path / "d")
    (root / "instances" / "tiny-sqli.json").write_text("{not json")
    with pytest.raises(DatasetError, match=r"tiny-sqli\.json: not valid JSON"):
        load_dataset(root)


def test_duplicate_ids_in_a_json_array(tmp_path: Path) -> None:
    root = make_tiny_dataset(tmp_path / "d")
    record = json.loads((root / "instances" / "tiny-sqli.json").read_text())
    (root / "all.json").write_text(json.dumps([record, record]))
    with pytest.raises(DatasetError, match="duplicate instance id"):
        load_dataset(root / "all.json")


def test_unknown_dataset_lists_the_bundled_ones() -> None:
    with pytest.raises(DatasetError, match="ase-lite"):
        load_dataset("no-such-dataset")
