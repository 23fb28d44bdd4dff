"""semgrep OSS as the SAST engine, on its fast path and in batches.

The plain ``semgrep scan`` CLI spends ~4 s starting up per call; ``--experimental`` (the
OCaml front end) gives identical findings in ~0.3 s, and one process can scan many working
copies at once. A batch gets one combined config in which every rule id is rewritten to
``r<n>__<id>`` so that each finding maps back to exactly one rule file, and each candidate
counts only the findings of its own rule file inside its own working copy.

Always ``--metrics=off``, no version check (it once hung 98 s), ``--disable-nosem`` (an
answer must not hide findings behind a ``nosemgrep`` comment) and explicit targets (the CLI
otherwise skips tests/, vendor/ and *.min.js).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import anyio
import yaml

from ase_async._errors import AnalyzerError, DatasetError
from ase_async.events import Finding
from ase_async.instance import language_of_path
from ase_async.sandboxes.base import SandboxBackend

from .base import Analyzer, Candidate, ScanResult

__all__ = ["SemgrepAnalyzer", "load_rule_file", "semgrep_version"]

_RULE_ID = re.compile(r"^([rp])(\d+)__")
_SCAN_TIMEOUT = 600.0


@functools.cache
def _load(path: str, mtime: float) -> tuple[dict[str, Any], ...]:
    try:
        data = yaml.safe_load(Path(path).read_text("utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DatasetError(f"the rule file does not parse: {exc}", file=path) from exc
    rules = data.get("rules") if isinstance(data, dict) else None
    if not isinstance(rules, list) or not rules:
        raise DatasetError("a rule file needs a non-empty `rules:` list", file=path)
    for index, rule in enumerate(rules):
        if not isinstance(rule, dict) or not isinstance(rule.get("id"), str):
            raise DatasetError("every rule needs an `id`", file=path, record=str(index), field="id")
        if not rule.get("languages"):
            raise DatasetError("every rule needs `languages`", file=path, record=rule["id"], field="languages")
    return tuple(rules)


_SEMGREP_LANGUAGE = {"js": "javascript", "ts": "typescript", "py": "python", "golang": "go"}


def _rule_languages(path: Path) -> set[str]:
    """The languages (ase_async names) a rule file's rules look at."""
    return {
        _SEMGREP_LANGUAGE.get(str(language).lower(), str(language).lower())
        for rule in load_rule_file(path) for language in rule.get("languages", [])
    }


def load_rule_file(path: Path) -> tuple[dict[str, Any], ...]:
    """The rules of a semgrep rule file, checked for shape.

    Raises:
        DatasetError: the file is missing, is not YAML, or has no usable rules.
    """
    try:
        mtime = path.stat().st_mtime
    except OSError as exc:
        raise DatasetError(f"cannot read the rule file: {exc.strerror}", file=str(path)) from exc
    return _load(str(path), mtime)


@functools.cache
def semgrep_version() -> str:
    import importlib.metadata

    try:
        return importlib.metadata.version("semgrep")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def semgrep_command() -> str:
    """The semgrep executable: beside this interpreter first (a virtualenv), then PATH."""
    import sys

    beside = Path(sys.executable).parent / "semgrep"
    if beside.exists():
        return str(beside)
    found = shutil.which("semgrep")
    if found is None:
        raise AnalyzerError("semgrep is not installed (pip install semgrep)")
    return found


class SemgrepAnalyzer(Analyzer):
    """Batched semgrep scans run in read-only sandbox sessions on ``work_root``.

    Args:
        backend: where semgrep runs.
        work_root: a host folder holding every candidate working copy.
        experimental: use the fast front end (``--experimental``); the plain CLI otherwise.
    """

    name = "semgrep"

    def __init__(self, backend: SandboxBackend, work_root: Path, *, experimental: bool = True) -> None:
        self.backend = backend
        self.work_root = Path(work_root).resolve()
        self.experimental = experimental
        self._config_dir = self.work_root / ".semgrep-configs"

    def describe(self) -> dict[str, str]:
        return {
            "engine": "semgrep",
            "version": semgrep_version(),
            "mode": "experimental" if self.experimental else "cli",
        }

    async def scan(self, candidates: Sequence[Candidate]) -> list[ScanResult]:
        if not candidates:
            return []
        try:
            return await self._scan_batch(candidates)
        except AnalyzerError as exc:
            if len(candidates) == 1:
                return [ScanResult(candidates[0].key, ok=False, message=str(exc))]
        # One candidate can break a whole batch (a file that crashes the parser): scan
        # each alone so that the others still get their counts.
        results: list[ScanResult] = []
        for candidate in candidates:
            results.extend(await self.scan([candidate]))
        return results

    def _write_config(self, rule_files: list[Path], presence: set[Path]) -> Path:
        from .presence import presence_rules

        combined: list[dict[str, Any]] = []
        for index, rule_file in enumerate(rule_files):
            for rule in load_rule_file(rule_file):
                combined.append({**rule, "id": f"r{index}__{rule['id'].replace('.', '_')}"})
            if rule_file in presence:
                for rule in presence_rules(rule_file):
                    combined.append({**rule, "id": f"p{index}__{rule['id'].replace('.', '_')}"})
        text = json.dumps({"rules": combined}, sort_keys=True)
        digest = hashlib.sha256(text.encode()).hexdigest()[:16]
        self._config_dir.mkdir(parents=True, exist_ok=True)
        path = self._config_dir / f"{digest}.yaml"
        if not path.exists():
            # Unique per call: several threads of one process may write the same config.
            with tempfile.NamedTemporaryFile("w", dir=self._config_dir, suffix=".tmp", delete=False) as temporary:
                temporary.write(text)
            Path(temporary.name).replace(path)
        return path

    async def _scan_batch(self, candidates: Sequence[Candidate]) -> list[ScanResult]:
        rule_files = sorted({c.rule_file for c in candidates})
        index_of = {path: i for i, path in enumerate(rule_files)}
        presence = {c.rule_file for c in candidates if c.presence}
        config = await anyio.to_thread.run_sync(self._write_config, rule_files, presence)
        targets: list[str] = []
        for candidate in candidates:
            root = candidate.root.resolve()
            if self.work_root not in root.parents:
                raise AnalyzerError(f"{root} is not inside the work root {self.work_root}")
            targets.extend(str(root / f) for f in candidate.files)
        argv = [
            semgrep_command(), "scan", "--metrics=off", "--disable-nosem", "--json", "--quiet",
            # semgrep skips files over 1 MB without a word; padding an answer past that must
            # not hide its findings.
            "--max-target-bytes=0",
            "--no-git-ignore", "-j", "1", "--timeout", "30",
            "--config", str(config),
        ]
        if self.experimental:
            argv.insert(2, "--experimental")
        argv += targets
        roots = sorted({c.root.resolve() for c in candidates} | {config.parent})
        async with await self.backend.open(self.work_root, writable=False, only=roots) as session:
            result = await session.exec(argv, timeout=_SCAN_TIMEOUT, output_limit=256 * 1024 * 1024)
        if result.timed_out:
            raise AnalyzerError(f"semgrep timed out after {_SCAN_TIMEOUT:.0f} s")
        try:
            report = json.loads(result.stdout)
        except ValueError:
            stderr = result.stderr.decode("utf-8", "replace").strip()[-1500:]
            raise AnalyzerError(f"semgrep exited {result.returncode} without a JSON report: {stderr}") from None
        if result.returncode not in (0, 1) and not report.get("results"):
            raise AnalyzerError(f"semgrep exited {result.returncode}: {report.get('errors')}")
        return [self._attribute(c, index_of[c.rule_file], report) for c in candidates]

    def _attribute(self, candidate: Candidate, rule_index: int, report: dict[str, Any]) -> ScanResult:
        root = str(candidate.root.resolve()) + os.sep
        findings: list[Finding] = []
        presence = 0
        for item in report.get("results", []):
            path = str(item.get("path", ""))
            if not path.startswith(root):
                continue
            check_id = str(item.get("check_id", "")).rsplit(".", 1)[-1]
            match = _RULE_ID.match(check_id)
            if match is None or int(match.group(2)) != rule_index:
                continue
            if match.group(1) == "p":
                presence += 1
                continue
            findings.append(
                Finding(
                    rule=check_id[match.end():],
                    path=path[len(root):],
                    line=int(item.get("start", {}).get("line", 0)),
                )
            )
        # Any error or warning on a file the answer wrote (a rule timeout, a partial parse)
        # means semgrep did not see all of that code: its findings there may be missing.
        errors = [
            e for e in report.get("errors", [])
            if str(e.get("path", "")).startswith(root)
            and str(e.get("path"))[len(root):] in candidate.must_parse
        ]
        scanned = report.get("paths", {}).get("scanned")
        if isinstance(scanned, list):
            seen = {str(p)[len(root):] for p in scanned if str(p).startswith(root)}
            languages = _rule_languages(candidate.rule_file)
            skipped = [f for f in candidate.must_parse
                       if f not in seen and f in candidate.files and language_of_path(f) in languages]
            if skipped:
                return ScanResult(candidate.key, ok=False, message=f"semgrep did not scan {skipped[0]}")
        if errors:
            first = errors[0]
            message = (f"semgrep {first.get('level', 'error')} {first.get('type')} on {str(first.get('path'))[len(root):]}: "
                       f"{str(first.get('message', ''))[:300]}")
            return ScanResult(candidate.key, ok=False, findings=tuple(findings), message=message)
        findings.sort(key=lambda f: (f.path, f.line, f.rule))
        return ScanResult(candidate.key, ok=True, count=len(findings), findings=tuple(findings),
                          presence=presence if candidate.presence else None)
