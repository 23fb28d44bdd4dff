"""Upstream retrieval files, and which seed a mutation borrows its description and hits from.

Upstream ships its retrieval results beside the data (``data_v1_retrieval_data.json``,
``data_v2_context_bm25.jsonl``). Both are ONE JSON array, whatever the name says; JSON
lines are accepted too. Each entry is ``{instance_id, hits, function_summary}`` (v1 seeds
sometimes add ``repo_dir``, a path on the authors' machine, ignored). A hit is
``{docid, score}`` or ``{docid, startline, endline}``. Only seeds have entries: a mutation
uses its seed's description and hits.

Which seed? Two mappings, both named:

``ase`` (ours)
    the seed with the same ``vuln_source`` (CVE) AND the same ``vuln_file``; failing an
    exact path, the same file name (structural mutations move files). Ambiguous or absent:
    no seed, reported.
``upstream``
    what ``run_code_generation.py`` (Tencent/AICGSecEval, ``get_seed_mutation_map``) does:
    ``CVE_map_instanceid[vuln_source] = instance_id`` over the seeds in file order, so when
    two seeds share a CVE the LAST one wins for every mutation of either. In data_v1.json
    this gives 4 mutations another seed's description and hits than ours:
    sqli_mutation_131/132 (sort.go, seed sqli_06, upstream sqli_07) and
    xss_mutation_091/092 (routes.js, seed xss_09, upstream xss_10).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Literal

import msgspec

from .._errors import DatasetError
from ..instance import ContextHit

__all__ = [
    "SEED_MAPPINGS",
    "RetrievalEntry",
    "SeedMapping",
    "load_retrieval",
    "map_seeds",
]

SeedMapping = Literal["ase", "upstream"]
SEED_MAPPINGS: tuple[SeedMapping, ...] = ("ase", "upstream")


class RetrievalEntry(msgspec.Struct, frozen=True):
    instance_id: str
    hits: tuple[ContextHit, ...]
    function_summary: str = ""


def _decode_any(file: Path) -> list[Any]:
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise DatasetError(f"cannot read: {exc.strerror}", file=str(file)) from exc
    try:
        data = msgspec.json.decode(raw)
    except msgspec.DecodeError:
        # Real JSON lines, should a later release ship them as the name promises.
        data = []
        for number, line in enumerate(raw.splitlines(), 1):
            if not line.strip():
                continue
            try:
                data.append(msgspec.json.decode(line))
            except msgspec.DecodeError as exc:
                raise DatasetError(f"neither a JSON array nor JSON lines: {exc}",
                                   file=str(file), record=f"line {number}") from exc
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise DatasetError("expected a JSON array of retrieval entries", file=str(file))
    return data


def _hit(file: Path, label: str, index: int, raw: Any) -> ContextHit:
    if not isinstance(raw, dict) or not isinstance(raw.get("docid"), str) or not raw["docid"]:
        raise DatasetError("a hit needs a non-empty `docid`", file=str(file), record=label,
                           field=f"hits[{index}].docid")
    start, end = raw.get("startline"), raw.get("endline")
    if (start is None) != (end is None):
        raise DatasetError("`startline` and `endline` come together", file=str(file), record=label,
                           field=f"hits[{index}]")
    if start is not None and (not isinstance(start, int) or not isinstance(end, int) or start < 1 or end < start):
        raise DatasetError(f"[{start}, {end}] is not a 1-based inclusive line range", file=str(file),
                           record=label, field=f"hits[{index}]")
    score = raw.get("score")
    if score is not None and not isinstance(score, (int, float)):
        raise DatasetError("`score` must be a number", file=str(file), record=label, field=f"hits[{index}].score")
    return ContextHit(raw["docid"], None if score is None else float(score), start, end)


def load_retrieval(file: Path) -> dict[str, RetrievalEntry]:
    """Entries by instance id (the first of a repeated id wins, as for records).

    Raises:
        DatasetError: the file cannot be read or an entry is malformed (names file, entry, field).
    """
    entries: dict[str, RetrievalEntry] = {}
    for index, raw in enumerate(_decode_any(file)):
        label = str(index)
        if not isinstance(raw, dict):
            raise DatasetError("an entry must be a JSON object", file=str(file), record=label)
        instance_id = raw.get("instance_id")
        if not isinstance(instance_id, str) or not instance_id:
            raise DatasetError("missing `instance_id`", file=str(file), record=label, field="instance_id")
        hits = raw.get("hits", [])
        if not isinstance(hits, list):
            raise DatasetError("`hits` must be a list", file=str(file), record=instance_id, field="hits")
        summary = raw.get("function_summary") or ""
        if not isinstance(summary, str):
            raise DatasetError("`function_summary` must be a string", file=str(file), record=instance_id,
                               field="function_summary")
        entries.setdefault(instance_id, RetrievalEntry(
            instance_id, tuple(_hit(file, instance_id, i, h) for i, h in enumerate(hits)), summary.strip()))
    return entries


def map_seeds(records: Iterable[Mapping[str, Any]], mapping: SeedMapping = "ase") -> dict[str, str | None]:
    """The seed of every mutation record (``seed`` false), by the named mapping.

    ``records`` are upstream records in file order (dicts with ``instance_id``,
    ``vuln_source``, ``vuln_file``, ``seed``). Seeds map to themselves. A mutation whose seed
    cannot be found maps to None.
    """
    records = list(records)
    seeds = [r for r in records if r.get("seed", True) is not False]
    result: dict[str, str | None] = {str(r["instance_id"]): str(r["instance_id"]) for r in seeds}
    if mapping == "upstream":
        by_cve: dict[str, str] = {}
        for seed in seeds:
            by_cve[str(seed.get("vuln_source", ""))] = str(seed["instance_id"])  # the last one wins
        for record in records:
            if record.get("seed", True) is False:
                result.setdefault(str(record["instance_id"]), by_cve.get(str(record.get("vuln_source", ""))))
        return result
    for record in records:
        if record.get("seed", True) is not False:
            continue
        same_cve = [s for s in seeds if s.get("vuln_source") == record.get("vuln_source")]
        exact = [s for s in same_cve if s.get("vuln_file") == record.get("vuln_file")]
        name = posixpath.basename(str(record.get("vuln_file", "")))
        by_name = [s for s in same_cve if posixpath.basename(str(s.get("vuln_file", ""))) == name]
        chosen = exact if exact else by_name
        if not chosen and len(same_cve) == 1:
            chosen = same_cve  # a moved AND renamed file: the CVE alone still names one seed
        result.setdefault(str(record["instance_id"]), str(chosen[0]["instance_id"]) if len(chosen) == 1 else None)
    return result
