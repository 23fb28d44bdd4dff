"""One analyzer that routes each candidate to the engine its instance calls for.

- an instance with a semgrep rule file (ours, ``rule``): :class:`SemgrepAnalyzer`;
- ``dynamic`` (upstream v2): :class:`~ase_async.rules.upstream.DynamicAnalyzer`;
- ``detected_tool`` named in ``command_tools``: :class:`~ase_async.rules.upstream.CommandAnalyzer`;
- any other ``detected_tool`` (upstream v1): :class:`~ase_async.rules.upstream.V1StaticAnalyzer`.

Sub-batches run concurrently; results come back in the candidates' order. The runner
swaps ``SemgrepAnalyzer(...)`` for ``CompositeAnalyzer(SemgrepAnalyzer(...), ...)``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import anyio

from .base import Analyzer, Candidate, ScanResult
from .upstream import CommandAnalyzer, CommandTool, DynamicAnalyzer, V1StaticAnalyzer

__all__ = ["CompositeAnalyzer"]


class CompositeAnalyzer(Analyzer):
    """Routes candidates by what their instance carries.

    Args:
        semgrep: the analyzer for rule files (and for candidates without an instance).
        static: the v1 static analyzer (made on first need with ``images`` when None).
        dynamic: the v2 dynamic analyzer (docker CLI by default).
        command_tools: generic tools by ``detected_tool`` name.
        images: the image adapter for the static and command analyzers (``BackendImages``).
    """

    name = "composite"

    def __init__(self, semgrep: Analyzer, *, static: Analyzer | None = None, dynamic: Analyzer | None = None,
                 command_tools: Mapping[str, CommandTool] | None = None, images: object | None = None) -> None:
        from ._containers import BackendImages, Images

        self.semgrep = semgrep
        self.images: Images = images if isinstance(images, Images) else BackendImages()
        self.static = static or V1StaticAnalyzer(self.images)
        self.dynamic = dynamic or DynamicAnalyzer()
        self.command = CommandAnalyzer(self.images, command_tools or {})

    def route(self, candidate: Candidate) -> Analyzer:
        instance = candidate.instance
        if instance is None or instance.rule is not None:
            return self.semgrep
        if instance.dynamic is not None:
            return self.dynamic
        if instance.detected_tool and instance.detected_tool in self.command.tools:
            return self.command
        if instance.detected_tool:
            return self.static
        return self.semgrep

    def describe(self) -> dict[str, str]:
        found = {"engine": self.name, "semgrep": ",".join(f"{k}={v}" for k, v in self.semgrep.describe().items())}
        for label, analyzer in (("static", self.static), ("dynamic", self.dynamic), ("command", self.command)):
            found[label] = ",".join(f"{k}={v}" for k, v in analyzer.describe().items())
        return found

    def engine_for(self, candidate: Candidate) -> str:
        """The engine name to record in the ``scanned`` event."""
        return self.route(candidate).name

    async def scan(self, candidates: Sequence[Candidate]) -> list[ScanResult]:
        groups: dict[int, tuple[Analyzer, list[int]]] = {}
        for index, candidate in enumerate(candidates):
            analyzer = self.route(candidate)
            groups.setdefault(id(analyzer), (analyzer, []))[1].append(index)
        results: list[ScanResult | None] = [None] * len(candidates)

        async def run(analyzer: Analyzer, indexes: list[int]) -> None:
            found = await analyzer.scan([candidates[i] for i in indexes])
            for i, result in zip(indexes, found, strict=True):
                results[i] = result

        async with anyio.create_task_group() as group:
            for analyzer, indexes in groups.values():
                group.start_soon(run, analyzer, indexes)
        return [r for r in results if r is not None]

    async def aclose(self) -> None:
        with anyio.CancelScope(shield=True):
            for analyzer in (self.semgrep, self.static, self.dynamic, self.command):
                await analyzer.aclose()
            await self.images.aclose()
