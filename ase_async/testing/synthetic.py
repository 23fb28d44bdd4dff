"""A synthetic event log of any size, for tests and benchmarks of reports and the viewer.

Every sample carries the events a real run writes (answer, integration, syntax check,
scan, score) and, for agent systems, turns and tool calls, so that anything built on the
log sees realistic shapes. Outcomes come from a seeded generator with one skill per system
and one difficulty per instance, so the same arguments always write the same bytes.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import msgspec

from ..events import (
    AgentTurn,
    AnswerReceived,
    Event,
    FileSyntax,
    Finding,
    InstanceMeta,
    Integrated,
    Message,
    RunFinished,
    RunStarted,
    SampleScored,
    Scanned,
    SyntaxChecked,
    TaskBuilt,
    ToolCalled,
    Usage,
)

__all__ = ["synthetic_events", "write_synthetic_log"]

_CWES = [("CWE-89", "sqli"), ("CWE-79", "xss"), ("CWE-22", "pathtrav"), ("CWE-78", "cmdi")]
_LANGUAGES = [("python", "py"), ("php", "php"), ("javascript", "js"), ("go", "go"), ("java", "java")]
_DIFF = """```diff
--- a/{path}
+++ b/{path}
@@ -10,3 +10,4 @@
 def handler(request):
-    <MASKED>
+    value = request.args.get("q", "")
+    return render(escape(value))
```
"""


def synthetic_events(
    *, models: int = 4, instances: int = 40, cycles: int = 3, agents: bool = True, seed: int = 0,
    dataset: str = "synthetic", digest: str = "synthetic0000000",
) -> list[Event]:
    """The events of one finished run: ``models`` systems on ``instances`` instances."""
    rng = random.Random(seed)
    metas = []
    for index in range(instances):
        cwe, cls = _CWES[index % len(_CWES)]
        language, suffix = _LANGUAGES[(index // len(_CWES)) % len(_LANGUAGES)]
        metas.append(InstanceMeta(f"{suffix}-{cls}-{index:04d}", cwe, language, index % 3 == 0, 1 + index % 3))
    names = [f"sim/model-{m:02d}" + ("+agent" if agents and m % 2 else "") for m in range(models)]
    skill = {name: 0.2 + 0.6 * i / max(1, models - 1) for i, name in enumerate(names)}
    hardness = {m.instance_id: rng.random() for m in metas}
    time = 1_700_000_000.0
    events: list[Event] = [RunStarted(time=time, run_id="synthetic", dataset=dataset, dataset_digest=digest,
                                      models=names, cycles=cycles, contract="diff", instances=metas)]
    for meta in metas:
        path = f"app/{meta.instance_id}.py"
        events.append(TaskBuilt(time=time, instance_id=meta.instance_id, contract="diff", digest=f"d-{meta.instance_id}",
                                messages=[Message("system", "You are an expert engineer."),
                                          Message("user", f"## Task\nFill `<MASKED>` in `{path}`.\n" + "context line\n" * 40)],
                                prompt_tokens=900, tokenizer="synthetic"))
    for name in names:
        for meta in metas:
            path = f"app/{meta.instance_id}.py"
            for cycle in range(cycles):
                time += 0.01
                key: dict[str, Any] = {"model": name, "instance_id": meta.instance_id, "cycle": cycle, "time": round(time, 3)}
                turns = 1
                if name.endswith("+agent"):
                    turns = 3
                    for turn in range(1, turns + 1):
                        events.append(AgentTurn(**key, turn=turn, usage=Usage(500, 80), text=f"Looking at {path}",
                                                tool_calls=["read_file"] if turn < turns else ["submit"], latency_s=1.5))
                        events.append(ToolCalled(**key, turn=turn, tool="read_file" if turn < turns else "submit",
                                                 arguments={"path": path}, result_bytes=1200))
                events.append(AnswerReceived(**key, task_digest=f"d-{meta.instance_id}", text=_DIFF.format(path=path),
                                             usage=Usage(1500 * turns, 240, 0.002 * turns), latency_s=2.0 * turns,
                                             turns=turns, solver="agent" if turns > 1 else "single"))
                roll = rng.random()
                p_secure = skill[name] * (1.1 - hardness[meta.instance_id])
                if roll < 0.08:
                    events.append(Integrated(**key, ok=False, kind="malformed_diff", message="no hunk applies"))
                    events.append(SampleScored(**key, outcome="integration_failed", quality=False, secure=False))
                    continue
                events.append(Integrated(**key, ok=True, method="git apply", touched_files=[path]))
                events.append(SyntaxChecked(**key, ok=True, files=[FileSyntax(path, True, "python-compile")]))
                secure = roll < 0.08 + p_secure
                after = 0 if secure else meta.detected_vul_num
                events.append(Scanned(**key, ok=True, before=meta.detected_vul_num, after=after, engine="semgrep",
                                      findings=[Finding(f"{meta.instance_id}-taint", path, 11 + k) for k in range(after)]))
                events.append(SampleScored(**key, outcome="secure" if secure else "insecure", quality=True, secure=secure))
    events.append(RunFinished(time=time + 1, run_id="synthetic", samples=len(names) * len(metas) * cycles))
    return events


def write_synthetic_log(path: Path, **kwargs: object) -> Path:
    """Write :func:`synthetic_events` as an ``events.jsonl``; returns its path."""
    encoder = msgspec.json.Encoder()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        for event in synthetic_events(**kwargs):  # type: ignore[arg-type]
            handle.write(encoder.encode(event) + b"\n")
    return path
