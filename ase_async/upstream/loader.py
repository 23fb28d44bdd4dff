"""Loading the published A.S.E data files (``data_v1.json``, ``data_v2.json``) as a Dataset.

Quirks handled, each from the real files (../shared/ase_data, upstream commit 94428eb):

- ``cwe_id`` in either case (``cwe-476``, ``CWE-79``): normalised to ``CWE-<n>``.
- ``repo`` is ``owner/name`` on GitHub, or a full ``https://`` URL (GitLab in v2).
- ``base_commit`` is a hash, a tag (``v5.3.3``), ``<hash>^``, or ``HEAD`` for the 80 v1
  mutations, which live in repositories of their own (``wukong-aiseceval/<id>``). A
  mutation repository may hold the project in ONE folder named after its seed's repository;
  upstream then descends into it (``run_code_generation.py``), so do we (``repo_subdir``).
- v2 has no ``seed`` field (every record is its own seed) and no ``detected_vul_num``: the
  dynamic contract's "baseline" is 1 (the PoC fires once on the original code), so
  "secure" keeps meaning ``after < before``.
- v2 repeats one ``instance_id`` (``Choser_CVE-2021-32269``, twice, identical): the first
  record is loaded, the repetition is reported in ``Dataset.duplicates``; never an error.
- ``other_vuln_files`` may hold the placeholder ``{"vuln_file": "", "vuln_lines": []}``
  (10 records in v2): skipped.
- optional fields: ``severity``, ``patch_commit``, ``branch_origin``, ``other_vuln_files``,
  ``privileged``, ``image_name``, ``<cmd>_timeout``; unknown ones (``comment``,
  ``help_commit_url``) are ignored.
- languages beyond ours (``c``, ``c++``, ``typescript``) and classes beyond the four.
- the description (``function_summary``) and the context hits come from the retrieval file
  beside the data file; mutations borrow their seed's (``retrieval.map_seeds``).
- ``cut_repos.json`` beside the data: files kept before the v1 static scan.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any

import msgspec

from .._errors import DatasetError
from ..dataset import Dataset
from ..instance import DynamicContract, Instance, Origin, VulnRegion, normalise_cwe
from .retrieval import RetrievalEntry, SeedMapping, load_retrieval, map_seeds

__all__ = ["RETRIEVAL_SIDECARS", "is_upstream_records", "load_upstream_dataset", "upstream_repo_url"]

#: Retrieval files looked for beside ``<stem>.json``, in this order.
RETRIEVAL_SIDECARS = ("{stem}_retrieval_data.json", "{stem}_context_bm25.jsonl", "{stem}_context_bm25.json")
CUT_REPOS = "cut_repos.json"
_OWNER_NAME = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
_DYNAMIC_FIELDS = ("image", "image_inner_path", "image_status_check_cmd", "test_case_cmd", "poc_cmd")
_COMMANDS = ("image_status_check_cmd", "test_case_cmd", "poc_cmd")


def is_upstream_records(data: Any) -> bool:
    """Whether a decoded JSON file holds upstream A.S.E records rather than ours."""
    if not isinstance(data, list) or not data or not isinstance(data[0], dict):
        return False
    first = data[0]
    return ("detected_tool" in first or "image" in first) and "rule" not in first and "description" not in first


def upstream_repo_url(repo: str) -> str:
    """``owner/name`` means GitHub; URLs (GitLab, file:// mirrors) stay as they are."""
    if "://" in repo or repo.startswith("git@"):
        return repo
    if _OWNER_NAME.match(repo):
        return f"https://github.com/{repo}"
    return repo


class _Reader:
    def __init__(self, file: str, record: Mapping[str, Any], label: str) -> None:
        self.file, self.record, self.label = file, record, label

    def fail(self, message: str, field: str) -> DatasetError:
        return DatasetError(message, file=self.file, record=self.label, field=field)

    def text(self, field: str, *, required: bool = True, empty: bool = False) -> str | None:
        value = self.record.get(field)
        if value is None:
            if required:
                raise self.fail("missing required field", field)
            return None
        if not isinstance(value, str):
            raise self.fail(f"expected a string, got {type(value).__name__}", field)
        if not empty and not value.strip():
            raise self.fail("must not be empty", field)
        return value

    def lines(self, value: Any, field: str) -> tuple[int, int]:
        if (not isinstance(value, list) or len(value) != 2
                or not all(isinstance(x, int) and not isinstance(x, bool) for x in value)):
            raise self.fail(f"expected [start, end], got {value!r}", field)
        start, end = value
        if start < 1 or end < start:
            raise self.fail(f"[{start}, {end}] is not a 1-based inclusive range", field)
        return (start, end)

    def path(self, value: str, field: str) -> str:
        pure = PurePosixPath(value)
        if pure.is_absolute() or ".." in pure.parts or "\\" in value:
            raise self.fail("must be a relative path inside the repository", field)
        return value

    def timeout(self, field: str) -> int | None:
        value = self.record.get(field)
        if value is None:
            return None
        try:
            seconds = int(value)  # upstream: int(case_data[...]), so "300" is accepted too
        except (TypeError, ValueError):
            raise self.fail(f"{value!r} is not a whole number of seconds", field) from None
        if seconds <= 0:
            raise self.fail("must be greater than 0", field)
        return seconds


def _decode(file: str, index: int, record: Any, summary: RetrievalEntry | None,
            seed_of: Mapping[str, str | None], seed_repo: Mapping[str, str],
            cut: Mapping[str, list[str]]) -> Instance:
    if not isinstance(record, dict):
        raise DatasetError("a record must be a JSON object", file=file, record=str(index))
    raw_id = record.get("instance_id")
    r = _Reader(file, record, raw_id if isinstance(raw_id, str) and raw_id else str(index))
    instance_id = r.text("instance_id")
    assert instance_id is not None
    repo = r.text("repo")
    base_commit = r.text("base_commit")
    vuln_file = r.path(r.text("vuln_file") or "", "vuln_file")
    if "vuln_lines" not in record:
        raise r.fail("missing required field", "vuln_lines")
    vuln_lines = r.lines(record["vuln_lines"], "vuln_lines")
    language = (r.text("language") or "").strip().lower()
    cwe = normalise_cwe(r.text("cwe_id") or "")
    if not re.fullmatch(r"CWE-\d+", cwe):
        raise r.fail(f"{record['cwe_id']!r} is not a CWE id", "cwe_id")
    seed = record.get("seed", True)
    if not isinstance(seed, bool):
        raise r.fail("expected true or false", "seed")
    dynamic: DynamicContract | None = None
    if "image" in record:
        for name in _DYNAMIC_FIELDS:
            r.text(name)
        privileged = record.get("privileged", False)
        if not isinstance(privileged, bool):
            raise r.fail("expected true or false", "privileged")
        dynamic = DynamicContract(
            image=record["image"], image_inner_path=record["image_inner_path"],
            image_run_cmd=r.text("image_run_cmd", required=False, empty=True) or "",
            image_status_check_cmd=record["image_status_check_cmd"], test_case_cmd=record["test_case_cmd"],
            poc_cmd=record["poc_cmd"],
            image_status_check_cmd_timeout=r.timeout("image_status_check_cmd_timeout"),
            test_case_cmd_timeout=r.timeout("test_case_cmd_timeout"), poc_cmd_timeout=r.timeout("poc_cmd_timeout"),
            privileged=privileged, image_name=r.text("image_name", required=False),
        )
    detected = record.get("detected_vul_num")
    if detected is None:
        if dynamic is None:
            raise r.fail("missing required field (or a dynamic contract: `image` and its commands)",
                         "detected_vul_num")
        detected = 1
    if not isinstance(detected, int) or isinstance(detected, bool) or detected < 0:
        raise r.fail(f"expected a whole number >= 0, got {detected!r}", "detected_vul_num")
    detected_tool = r.text("detected_tool", required=False)
    if dynamic is None and detected_tool is None:
        raise r.fail("a record needs `detected_tool` (v1) or `image` (v2)", "detected_tool")
    others: list[VulnRegion] = []
    raw_others = record.get("other_vuln_files") or []
    if not isinstance(raw_others, list):
        raise r.fail("expected a list", "other_vuln_files")
    for k, other in enumerate(raw_others):
        field = f"other_vuln_files[{k}]"
        if not isinstance(other, dict) or not isinstance(other.get("vuln_file"), str):
            raise r.fail("expected {vuln_file, vuln_lines}", field)
        if not other["vuln_file"] and not other.get("vuln_lines"):
            continue  # v2 placeholder {"vuln_file": "", "vuln_lines": []}: no other region
        others.append(VulnRegion(r.path(other["vuln_file"], field + ".vuln_file"),
                                 r.lines(other.get("vuln_lines"), field + ".vuln_lines")))
    origin = None
    repo_subdir = None
    if not seed:
        seed_id = seed_of.get(instance_id)
        if seed_id is not None:
            origin = Origin(seed=seed_id)
            repo_subdir = seed_repo.get(seed_id, "").rsplit("/", 1)[-1] or None
    scan_files = cut.get(instance_id)
    return Instance(
        instance_id=instance_id, repo=upstream_repo_url(repo or ""), base_commit=base_commit or "",
        vuln_file=vuln_file, vuln_lines=vuln_lines, language=language,
        vuln_source=r.text("vuln_source", required=False, empty=True) or "", seed=seed,
        vuln_type=r.text("vuln_type", required=False, empty=True) or "", cwe_id=cwe, detected_vul_num=detected,
        description=summary.function_summary if summary else "", origin=origin, detected_tool=detected_tool,
        dynamic=dynamic, severity=r.text("severity", required=False), patch_commit=r.text("patch_commit", required=False),
        branch_origin=r.text("branch_origin", required=False), other_vuln_files=others,
        context_hits=list(summary.hits) if summary else [],
        scan_files=list(scan_files) if scan_files is not None else None, repo_subdir=repo_subdir,
    )


def _sidecar(path: Path) -> Path | None:
    for pattern in RETRIEVAL_SIDECARS:
        candidate = path.with_name(pattern.format(stem=path.stem))
        if candidate.is_file():
            return candidate
    return None


def _cut_repos(file: Path) -> dict[str, list[str]]:
    try:
        data = msgspec.json.decode(file.read_bytes(), type=dict[str, list[str]])
    except (OSError, msgspec.DecodeError, msgspec.ValidationError) as exc:
        raise DatasetError(f"expected {{instance_id: [files]}}: {exc}", file=str(file)) from exc
    return data


def load_upstream_dataset(
    path: str | Path,
    data: Any | None = None,
    *,
    retrieval: str | Path | None = None,
    cut_repos: str | Path | None = None,
    seed_mapping: SeedMapping = "ase",
) -> Dataset:
    """Load an upstream data file (v1 or v2) with its retrieval file and ``cut_repos.json``.

    ``retrieval`` and ``cut_repos`` default to the files of those names beside ``path``.

    Raises:
        DatasetError: a record or a side file is malformed (names the file, record and field).
    """
    path = Path(path)
    if data is None:
        try:
            data = msgspec.json.decode(path.read_bytes())
        except (OSError, msgspec.DecodeError) as exc:
            raise DatasetError(f"cannot read as JSON: {exc}", file=str(path)) from exc
    if not isinstance(data, list):
        raise DatasetError("expected a JSON array of instance records", file=str(path))
    notes: list[str] = []
    retrieval_file = Path(retrieval) if retrieval else _sidecar(path)
    entries = load_retrieval(retrieval_file) if retrieval_file else {}
    cut_file = Path(cut_repos) if cut_repos else path.with_name(CUT_REPOS)
    cut = _cut_repos(cut_file) if cut_file.is_file() else {}
    valid = [r for r in data if isinstance(r, dict) and isinstance(r.get("instance_id"), str)]
    seed_of = map_seeds(valid, seed_mapping)
    seed_repo = {str(r["instance_id"]): str(r.get("repo", "")) for r in valid if r.get("seed", True) is not False}
    counts = Counter(str(r.get("instance_id")) for r in valid)
    duplicates = tuple(sorted(i for i, n in counts.items() if n > 1))
    for instance_id in duplicates:
        notes.append(f"instance id {instance_id} appears {counts[instance_id]} times; the first record is used")
    instances: dict[str, Instance] = {}
    skipped: list[str] = []
    for index, record in enumerate(data):
        record_id = record.get("instance_id") if isinstance(record, dict) else None
        if isinstance(record_id, str) and record_id in instances:
            continue
        seed_id = seed_of.get(record_id) if isinstance(record_id, str) else None
        summary = entries.get(seed_id) if seed_id else None
        instance = _decode(str(path), index, record, summary, seed_of, seed_repo, cut)
        if not instance.seed and instance.origin is None:
            notes.append(f"{instance.instance_id}: no seed found for this mutation ({seed_mapping} mapping)")
        if entries and summary is None:
            # Upstream skips a record its retrieval file does not cover (no description,
            # no context); asked with no description, a model would be guessing the task.
            skipped.append(instance.instance_id)
            continue
        instances[instance.instance_id] = instance
    if skipped:
        notes.append(f"{len(skipped)} records skipped, as upstream skips them: no retrieval entry, so no "
                     f"description and no context ({', '.join(sorted(set(skipped)))})")
    if retrieval_file is None:
        notes.append("no retrieval file beside the data: no descriptions, no upstream context")
    return Dataset(
        name=path.stem, root=str(path.parent.resolve()),
        instances=tuple(sorted(instances.values(), key=lambda i: i.instance_id)),
        source_files=tuple(str(f) for f in (path, retrieval_file, cut_file if cut else None) if f is not None),
        duplicates=duplicates, notes=tuple(notes), record_count=len(data),
    )
