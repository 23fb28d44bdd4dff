"""Loading datasets: the bundled ones by name, a folder of records, or one JSON file.

Loading checks everything that can be checked without running anything, so that a broken
record stops the run before a single model is called, with an error that names the file,
the record and the field.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import Any

import msgspec

from ._errors import DatasetError
from .instance import LANGUAGES, Instance, normalise_cwe

__all__ = ["Dataset", "bundled_datasets", "load_dataset", "rule_packs_root"]

_FIELD_AT = re.compile(r"at `\$(?:\[\d+\])?\.?([^`]*)`")
_MISSING = re.compile(r"missing required field `([^`]+)`")


def _package_dir(module: str) -> Path:
    import importlib

    return Path(importlib.import_module(module).__file__ or ".").parent


def datasets_root() -> Path:
    return _package_dir("ase_async.datasets")


def rule_packs_root() -> Path:
    return _package_dir("ase_async.rules") / "packs"


def bundled_datasets() -> list[str]:
    """Names of the datasets shipped with ase_async."""
    root = datasets_root()
    return sorted(p.name for p in root.iterdir() if (p / "instances").is_dir())


class Dataset(msgspec.Struct, frozen=True):
    """A loaded dataset: its name, where it came from and its instances, in id order."""

    name: str
    root: str
    instances: tuple[Instance, ...]
    source_files: tuple[str, ...] = ()
    #: ids that repeat in the source (upstream data_v2.json); the first record is loaded
    duplicates: tuple[str, ...] = ()
    #: what loading noticed and worked around, for ``ase datasets inspect``
    notes: tuple[str, ...] = ()
    #: records in the source, repetitions included (upstream's scorer counts them all)
    record_count: int | None = None

    def __len__(self) -> int:
        return len(self.instances)

    def get(self, instance_id: str) -> Instance:
        for instance in self.instances:
            if instance.instance_id == instance_id:
                return instance
        raise KeyError(instance_id)

    def repo_path(self, instance: Instance) -> Path | None:
        """The local folder of a bundled or local repository; None for a remote URL."""
        if "://" in instance.repo or instance.repo.startswith("git@"):
            return None
        path = Path(instance.repo)
        return path if path.is_absolute() else Path(self.root) / path

    def rule_path(self, instance: Instance) -> Path | None:
        if instance.rule is None:
            return None
        if instance.rule.startswith("pack:"):
            return rule_packs_root() / instance.rule.removeprefix("pack:")
        path = Path(instance.rule)
        return path if path.is_absolute() else Path(self.root) / path

    def digest(self) -> str:
        """A fingerprint of the records, so a resumed run can refuse a changed dataset."""
        h = hashlib.sha256()
        for instance in self.instances:
            h.update(msgspec.json.encode(instance))
        return h.hexdigest()[:16]

    def subset(self, ids: Iterable[str]) -> Dataset:
        wanted = set(ids)
        unknown = wanted - {i.instance_id for i in self.instances}
        if unknown:
            raise DatasetError(f"unknown instance ids {sorted(unknown)}", file=self.root)
        return msgspec.structs.replace(
            self, instances=tuple(i for i in self.instances if i.instance_id in wanted)
        )


def load_dataset(spec: str | Path, *, seed_mapping: str = "ase") -> Dataset:
    """Load a dataset by bundled name (``ase-lite``), folder, or JSON file.

    ``seed_mapping`` (``ase`` or ``upstream``) chooses, for upstream data, which seed a
    mutation borrows its description and context from (:mod:`ase_async.upstream.retrieval`).

    Raises:
        DatasetError: the dataset cannot be found, or a record is malformed.
    """
    path = Path(spec)
    if not path.exists() and "/" not in str(spec) and (datasets_root() / str(spec)).is_dir():
        path = datasets_root() / str(spec)
    if path.is_dir():
        files = sorted((path / "instances").glob("*.json"))
        if not files:
            raise DatasetError("no instances/*.json records in this folder", file=str(path))
        records: list[tuple[str, str, Any]] = []
        for file in files:
            records.append((str(file), file.stem, _read_json(file)))
        name = path.name
        root = path
    elif path.is_file():
        data = _read_json(path)
        from .upstream.loader import is_upstream_records

        if is_upstream_records(data):
            from .upstream.loader import load_upstream_dataset

            return load_upstream_dataset(path, data, seed_mapping=seed_mapping)  # type: ignore[arg-type]  # checked by the CLI and RunConfig
        if not isinstance(data, list):
            raise DatasetError("expected a JSON array of instance records", file=str(path))
        records = [(str(path), str(i), record) for i, record in enumerate(data)]
        name = path.stem
        root = path.parent
    else:
        raise DatasetError(
            f"no such dataset (bundled: {', '.join(bundled_datasets()) or 'none'})",
            file=str(spec),
        )
    instances = [_decode_record(file, label, record) for file, label, record in records]
    dataset = Dataset(
        name=name,
        root=str(root.resolve()),
        instances=tuple(sorted(instances, key=lambda i: i.instance_id)),
        source_files=tuple(sorted({file for file, _, _ in records})),
    )
    _check_dataset(dataset, {i.instance_id: f for (f, _, _), i in zip(records, instances, strict=True)})
    return dataset


def _read_json(file: Path) -> Any:
    try:
        return msgspec.json.decode(file.read_bytes())
    except msgspec.DecodeError as exc:
        raise DatasetError(f"not valid JSON: {exc}", file=str(file)) from exc
    except OSError as exc:
        raise DatasetError(f"cannot read: {exc.strerror}", file=str(file)) from exc


def _decode_record(file: str, label: str, record: Any) -> Instance:
    if not isinstance(record, dict):
        raise DatasetError("a record must be a JSON object", file=file, record=label)
    record_id = record.get("instance_id")
    label = str(record_id) if isinstance(record_id, str) else label
    if isinstance(record.get("cwe_id"), str):
        record = {**record, "cwe_id": normalise_cwe(record["cwe_id"])}
    try:
        instance = msgspec.convert(record, Instance, strict=True)
    except msgspec.ValidationError as exc:
        message = str(exc)
        match = _MISSING.search(message) or _FIELD_AT.search(message)
        field = match.group(1) if match else None
        raise DatasetError(message, file=file, record=label, field=field or None) from exc
    _check_record(file, instance)
    return instance


def _check_record(file: str, instance: Instance) -> None:
    def fail(message: str, field: str) -> None:
        raise DatasetError(message, file=file, record=instance.instance_id, field=field)

    if not instance.instance_id.strip():
        fail("must not be empty", "instance_id")
    start, end = instance.vuln_lines
    if start < 1 or end < start:
        fail(f"[{start}, {end}] is not a 1-based inclusive range", "vuln_lines")
    if instance.language not in LANGUAGES:
        fail(f"unknown language {instance.language!r} (known: {', '.join(LANGUAGES)})", "language")
    vuln_file = PurePosixPath(instance.vuln_file)
    if vuln_file.is_absolute() or ".." in vuln_file.parts or not instance.vuln_file.strip():
        fail("must be a relative path inside the repository", "vuln_file")
    if instance.detected_vul_num < 0:
        fail("must not be negative", "detected_vul_num")
    if not re.fullmatch(r"CWE-\d+", instance.cwe_id):
        fail(f"{instance.cwe_id!r} is not a CWE id", "cwe_id")


def _check_dataset(dataset: Dataset, file_of: dict[str, str]) -> None:
    seen: set[str] = set()
    for instance in dataset.instances:
        file = file_of.get(instance.instance_id, dataset.root)
        if instance.instance_id in seen:
            raise DatasetError(
                "duplicate instance id", file=file, record=instance.instance_id, field="instance_id"
            )
        seen.add(instance.instance_id)
        repo = dataset.repo_path(instance)
        if repo is not None:
            target = repo / instance.vuln_file
            if not target.is_file():
                raise DatasetError(
                    f"{target} does not exist", file=file, record=instance.instance_id,
                    field="vuln_file",
                )
            data = target.read_bytes()
            lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
            if instance.vuln_lines[1] > lines:
                raise DatasetError(
                    f"region ends at line {instance.vuln_lines[1]} but "
                    f"{instance.vuln_file} has {lines} lines",
                    file=file, record=instance.instance_id, field="vuln_lines",
                )
        rule = dataset.rule_path(instance)
        if rule is not None and not rule.is_file():
            raise DatasetError(
                f"rule file {rule} does not exist", file=file, record=instance.instance_id,
                field="rule",
            )
