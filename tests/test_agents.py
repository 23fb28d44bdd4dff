"""Agentic solvers: tools confined to the masked working copy, budgets, trajectories, comparison."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from ase_async import RunConfig, load_dataset, run
from ase_async.adapters.agent import AgentBudgets
from ase_async.adapters.agent_tools import run_tool
from ase_async.adapters.base import ToolCall
from ase_async.adapters.oracle import oracle_answer
from ase_async.eventlog import read_events
from ase_async.events import AgentTurn, AnswerReceived, ModelFailed, SampleScored, ToolCalled
from ase_async.sandboxes.local import LocalBackend
from ase_async.testing.provider import SimulatedProvider, agent_responder, gold_responder
from tests.test_sandbox_docker import image  # noqa: F401  (the docker image fixture)

KEY = "sk-test-agent-000000"


def agent_config(dataset: Path, out: Path, base_url: str, **kw: Any) -> RunConfig:
    return RunConfig(models=["openai/sim"], dataset=str(dataset), out=str(out), cycles=kw.pop("cycles", 1),
                     solvers=kw.pop("solvers", ["agent"]), model_options={"base_url": base_url, "api_key": KEY}, **kw)


def gold_plan(dataset_root: Path) -> Any:
    dataset = load_dataset(dataset_root)
    instance = dataset.instances[0]

    def plan(body: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
        text = str(body["messages"])
        contract = "diff" if "unified diff" in text else "code"
        return [
            ("list_files", {"path": "."}),
            ("read_file", {"path": "db.py"}),
            ("search", {"pattern": "get_connection"}),
            ("submit", {"answer": oracle_answer(dataset, instance, "gold", contract)}),
        ]

    return plan


async def test_a_scripted_agent_reads_the_helper_then_gets_it_right(tiny_dataset: Path, tmp_path: Path) -> None:
    async with SimulatedProvider(responder=agent_responder(gold_plan(tiny_dataset)), api_key=KEY) as sim:
        results = await run(agent_config(tiny_dataset, tmp_path / "out", sim.base_url, cycles=2))
    assert results.models["openai/sim+agent"].security == 100.0
    events = list(read_events(tmp_path / "out" / "events.jsonl"))
    tools = [e for e in events if isinstance(e, ToolCalled) and e.cycle == 0]
    assert [t.tool for t in tools] == ["list_files", "read_file", "search", "submit"]
    assert all(t.ok for t in tools) and tools[1].result_bytes > 0 and tools[1].arguments == {"path": "db.py"}
    assert [e.turn for e in events if isinstance(e, AgentTurn) and e.cycle == 0] == [1, 2, 3, 4]
    answer = next(e for e in events if isinstance(e, AnswerReceived))
    assert answer.turns == 4 and answer.solver == "agent" and answer.usage.input_tokens > 0


ESCAPES = [
    ("read_file", {"path": "../../../../etc/passwd"}),
    ("read_file", {"path": "/etc/passwd"}),
    ("read_file", {"path": "/proc/self/environ"}),
    ("read_file", {"path": "link-out/passwd"}),
    ("read_file", {"path": "escape.txt"}),
    ("read_file", {"path": ".git/config"}),
    ("list_files", {"path": ".."}),
    ("list_files", {"path": "/"}),
    ("search", {"pattern": "root", "path": "/etc"}),
    ("search", {"pattern": "root", "path": "link-out"}),
    ("read_file", {"path": "~/.bashrc"}),
    ("read_file", {"path": 42}),
]


@pytest.mark.parametrize(("tool", "arguments"), ESCAPES, ids=[f"{t}:{a.get('path')}" for t, a in ESCAPES])
async def test_escape_attempts_through_every_tool_are_refused(tmp_path: Path, tool: str, arguments: dict[str, Any]) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "app.py").write_text("x = 1\n")
    (repo / ".git").mkdir()
    (repo / ".git" / "config").write_text("[remote]\n")
    os.symlink("/etc", repo / "link-out")
    os.symlink("/etc/passwd", repo / "escape.txt")
    async with await LocalBackend().open(repo, writable=False) as session:
        result = await run_tool(session, ToolCall(id="1", name=tool, arguments=arguments))
    assert not result.ok and result.refused, result.text
    assert "root:" not in result.text


async def test_escapes_are_recorded_in_the_trajectory(tiny_dataset: Path, tmp_path: Path) -> None:
    def plan(body: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
        return [("read_file", {"path": "../../etc/passwd"}), ("search", {"pattern": ".", "path": "/proc"}),
                ("submit", {"answer": "nothing"})]

    async with SimulatedProvider(responder=agent_responder(plan), api_key=KEY) as sim:
        await run(agent_config(tiny_dataset, tmp_path / "out", sim.base_url))
    calls = [e for e in read_events(tmp_path / "out" / "events.jsonl") if isinstance(e, ToolCalled)]
    assert [c.ok for c in calls[:2]] == [False, False]
    assert all(c.refused for c in calls[:2])


async def test_budgets_stop_a_looping_agent(tiny_dataset: Path, tmp_path: Path) -> None:
    def plan(body: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
        return [("list_files", {})]  # forever

    async with SimulatedProvider(responder=agent_responder(plan), api_key=KEY) as sim:
        results = await run(agent_config(tiny_dataset, tmp_path / "out", sim.base_url, cycles=2,
                                         agent_budgets=AgentBudgets(max_turns=5)))
    assert results.models["openai/sim+agent"].outcomes["model_error"] == 2
    failed = [e for e in read_events(tmp_path / "out" / "events.jsonl") if isinstance(e, ModelFailed)]
    assert {e.kind for e in failed} == {"budget_exhausted"}
    turns = [e for e in read_events(tmp_path / "out" / "events.jsonl") if isinstance(e, AgentTurn)]
    assert len(turns) == 10


async def test_single_shot_and_agent_side_by_side(tiny_dataset: Path, tmp_path: Path) -> None:
    gold = gold_responder(load_dataset(tiny_dataset))
    agent = agent_responder(gold_plan(tiny_dataset))

    def respond(body: dict[str, Any], family: str) -> Any:
        return agent(body, family) if body.get("tools") else gold(body, family)

    async with SimulatedProvider(responder=respond, api_key=KEY) as sim:
        results = await run(agent_config(tiny_dataset, tmp_path / "out", sim.base_url, cycles=2, solvers=["single", "agent"]))
    assert set(results.models) == {"openai/sim", "openai/sim+agent"}
    assert results.models["openai/sim"].usage["turns"] == 2
    assert results.models["openai/sim+agent"].usage["turns"] == 8
    report = (tmp_path / "out" / "report.md").read_text()
    assert "## Single-shot and agent" in report
    scored = [e for e in read_events(tmp_path / "out" / "events.jsonl") if isinstance(e, SampleScored)]
    assert len(scored) == 4


@pytest.mark.docker
async def test_a_cli_agent_edits_files_in_a_docker_sandbox_and_its_diff_is_evaluated(
    image: str, tiny_dataset: Path, tmp_path: Path
) -> None:
    # A stand-in for Aider or Claude Code: it reads the task, then rewrites the masked line.
    fix = "    owner = request.args.get(\\\"owner\\\", \\\"\\\")\\n    conn = get_connection()\\n" \
          "    rows = conn.execute(\\\"SELECT title FROM notes WHERE owner = ?\\\", (owner,)).fetchall()\\n" \
          "    return page(\\\"Notes\\\", [r[0] for r in rows])"
    command = (
        "test -s \"$ASE_TASK_FILE\" && grep -q MASKED app.py && "
        f"python3 -c \"import sys; p='app.py'; s=open(p).read(); open(p,'w').write(s.replace('    <MASKED>', '{fix}'))\""
    )
    config = RunConfig(models=["oracle/gold"], dataset=str(tiny_dataset), out=str(tmp_path / "out"), cycles=1,
                       solvers=[f"cli:{command}"], sandbox="docker")
    results = await run(config)
    (name,) = results.models
    assert name.startswith("oracle/gold+cli:")
    assert results.models[name].security == 100.0 and results.models[name].quality == 100.0
    events = list(read_events(tmp_path / "out" / "events.jsonl"))
    from ase_async.events import CommandRan

    ran = [e for e in events if isinstance(e, CommandRan)]
    assert len(ran) == 1 and ran[0].returncode == 0
