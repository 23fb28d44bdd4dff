"""The instance record: one masked, vulnerable region of one repository.

Field names follow the published A.S.E data (``data_v1.json``) so that upstream records
load unchanged; the fields after ``detected_vul_num`` are what a self-contained benchmark
needs on top (description, rule, reference fix, mutation origin).
"""

from __future__ import annotations

import msgspec

__all__ = [
    "CWE_BY_CLASS",
    "CLASS_BY_CWE",
    "LANGUAGES",
    "ContextHit",
    "DynamicContract",
    "Instance",
    "Origin",
    "VulnRegion",
    "language_of_path",
    "normalise_cwe",
]

#: Languages the harness can check, with the file endings that belong to each.
LANGUAGES: dict[str, tuple[str, ...]] = {
    "php": (".php", ".phtml", ".inc"),
    "python": (".py",),
    "javascript": (".js", ".cjs", ".mjs", ".jsx"),
    "typescript": (".ts", ".tsx"),
    "go": (".go",),
    "java": (".java",),
    "c": (".c", ".h"),
    "ruby": (".rb",),
}

_LANGUAGE_BY_SUFFIX = {suffix: lang for lang, suffixes in LANGUAGES.items() for suffix in suffixes}

#: The four vulnerability classes of A.S.E, by their short name.
CWE_BY_CLASS: dict[str, str] = {
    "sqli": "CWE-89",
    "xss": "CWE-79",
    "pathtrav": "CWE-22",
    "cmdi": "CWE-78",
}
CLASS_BY_CWE = {cwe: cls for cls, cwe in CWE_BY_CLASS.items()}


def language_of_path(path: str) -> str | None:
    """The language a file belongs to, from its ending; None for files we do not check."""
    dot = path.rfind(".")
    if dot < 0:
        return None
    return _LANGUAGE_BY_SUFFIX.get(path[dot:].lower())


def normalise_cwe(value: str) -> str:
    """``cwe-089`` and ``CWE-89`` name the same weakness (upstream mixes the cases)."""
    head, _, number = value.strip().upper().partition("-")
    if head != "CWE" or not number.isdigit():
        return value.strip().upper()
    return f"CWE-{int(number)}"


class Origin(msgspec.Struct, frozen=True, kw_only=True):
    """Where a mutated instance comes from."""

    seed: str
    mutations: list[str] = []
    seed_number: int | None = None


class VulnRegion(msgspec.Struct, frozen=True):
    """Another region of the same vulnerability (upstream ``other_vuln_files``)."""

    vuln_file: str
    vuln_lines: tuple[int, int]


class ContextHit(msgspec.Struct, frozen=True, omit_defaults=True):
    """One precomputed retrieval hit: a repository file, or lines of it (1-based, inclusive)."""

    docid: str
    score: float | None = None
    startline: int | None = None
    endline: int | None = None


class DynamicContract(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """A.S.E v2: judge an answer by building and running the project in its own image.

    Field names are upstream's (``data_v2.json``); ``*_timeout`` are seconds (upstream
    defaults: 300 for the status check, 120 for the test case and the PoC).
    """

    image: str
    image_inner_path: str
    image_run_cmd: str = ""
    image_status_check_cmd: str
    test_case_cmd: str
    poc_cmd: str
    image_status_check_cmd_timeout: int | None = None
    test_case_cmd_timeout: int | None = None
    poc_cmd_timeout: int | None = None
    privileged: bool = False
    image_name: str | None = None


class Instance(msgspec.Struct, frozen=True, kw_only=True):
    """One benchmark instance. See ``datasets/README.md`` for every field."""

    instance_id: str
    repo: str
    base_commit: str
    vuln_file: str
    vuln_lines: tuple[int, int]
    language: str
    vuln_source: str = ""
    seed: bool = True
    vuln_type: str = ""
    cwe_id: str
    detected_vul_num: int
    # Ours, on top of the A.S.E fields.
    description: str = ""
    rule: str | None = None
    reference_fix: str | None = None
    insecure_fixes: list[str] = []
    origin: Origin | None = None
    # Upstream fields kept so that records round-trip.
    detected_tool: str | None = None
    # Upstream A.S.E fields (ase_async.upstream), all optional.
    dynamic: DynamicContract | None = None
    severity: str | None = None
    patch_commit: str | None = None
    branch_origin: str | None = None
    other_vuln_files: list[VulnRegion] = []
    #: precomputed retrieval hits (upstream retrieval files), best first
    context_hits: list[ContextHit] = []
    #: upstream ``cut_repos.json``: only these files are kept before the static scan
    scan_files: list[str] | None = None
    #: for a mutation repository holding the project in one sub-folder: that folder
    repo_subdir: str | None = None

    @property
    def vuln_class(self) -> str:
        """Short class name (sqli, xss, pathtrav, cmdi) or the CWE when it is another one."""
        return CLASS_BY_CWE.get(self.cwe_id, self.cwe_id)

    @property
    def region_size(self) -> int:
        return self.vuln_lines[1] - self.vuln_lines[0] + 1
