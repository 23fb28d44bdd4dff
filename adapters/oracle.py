"""Reference answers that validate the harness, not a model.

``oracle/gold`` answers with the instance's reference fix, ``oracle/vulnerable`` with the
original vulnerable code, each in the run's contract (a diff against the masked file, or
the fenced code for the mask). A correct harness scores them 100 and 0 on security, and
100 on quality.

They are the harness's own built-in systems: the request stays dataset-free, and an oracle
reads the ``instance_id`` and ``contract`` labels the harness puts in its metadata, then
looks the instance up in the dataset it was built with.
"""

from __future__ import annotations

import difflib
import functools
from typing import Any

from ase_async._errors import ConfigError, FatalModelError
from ase_async.dataset import Dataset
from ase_async.instance import Instance
from ase_async.masking import mask_region, region_text, replace_region

from .base import ModelAPI, ModelOutput, ModelRequest

__all__ = ["OracleAPI", "oracle_answer"]

_KINDS = ("gold", "vulnerable")


def _diff(path: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True),
        fromfile=f"a/{path}", tofile=f"b/{path}",
    )
    return f"diff --git a/{path} b/{path}\n" + "".join(lines)


def oracle_answer(dataset: Dataset, instance: Instance, kind: str, contract: str) -> str:
    """The oracle's answer text for one instance."""
    repo = dataset.repo_path(instance)
    if repo is None:
        raise FatalModelError(f"{instance.instance_id}: oracles need a local repository")
    original = (repo / instance.vuln_file).read_text("utf-8", "surrogateescape")
    if kind == "gold":
        if instance.reference_fix is None:
            raise FatalModelError(f"{instance.instance_id} has no reference fix")
        code = instance.reference_fix
    else:
        code = region_text(original, instance.vuln_lines)
    if contract == "code":
        return f"```{instance.language}\n{code}{'' if code.endswith(chr(10)) else chr(10)}```\n"
    masked = mask_region(original, instance.vuln_lines).text
    completed = replace_region(original, instance.vuln_lines, code)
    return f"```diff\n{_diff(instance.vuln_file, masked, completed)}```\n"


class OracleAPI(ModelAPI):
    def __init__(self, name: str, *, dataset: Dataset | None = None, **_: Any) -> None:
        super().__init__(name)
        self.kind = name.split("/", 1)[1]
        if self.kind not in _KINDS:
            raise ConfigError(f"unknown oracle {name!r}; use oracle/gold or oracle/vulnerable")
        if dataset is None:
            raise ConfigError("oracle adapters need the run's dataset")
        self.dataset = dataset
        self._answer = functools.lru_cache(maxsize=4096)(self._make)

    def _make(self, instance_id: str, contract: str) -> str:
        return oracle_answer(self.dataset, self.dataset.get(instance_id), self.kind, contract)

    def connection_key(self) -> str:
        return "oracle"

    def max_connections(self) -> int:
        return 256

    async def generate(self, request: ModelRequest) -> ModelOutput:
        """The reference answer for the request's ``instance_id`` and ``contract`` labels.

        Raises:
            FatalModelError: the request carries tools or lacks the labels, or the instance
                cannot be answered (no local repository, no reference fix).
        """
        self.refuse_tools(request)
        instance_id, contract = request.metadata.get("instance_id"), request.metadata.get("contract")
        if not instance_id or not contract:
            raise FatalModelError(f"{self.name}: the request has no instance_id and contract in its metadata; "
                                  "oracles answer the harness's own tasks only")
        return ModelOutput(text=self._answer(instance_id, contract), params={"oracle": self.kind})
