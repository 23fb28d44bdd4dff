"""What an adversarial review found: each finding as a test that the harness now holds.

The sandbox escapes themselves (remount, umount, host sockets, tracing, the checkout) are in
the sandbox conformance kit, run on both backends; hostile answers that reach the pipeline
are in tests/hostile_corpus.py. Here: the harness's own seams.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import anyio
import pytest

from ase_async import ConfigError, DatasetError, RunConfig, run
from ase_async.adapters.agent import AgentBudgets, AgentSolver, _shown
from ase_async.adapters.agent_tools import run_tool
from ase_async.adapters.base import ModelAPI, ModelOutput, ModelRequest, ToolCall
from ase_async.answers import extract_diff, fence
from ase_async.events import Usage
from ase_async.imports import read_answers
from ase_async.paths import PathEscape, confine
from ase_async.repos import safe_name
from ase_async.rules.base import Candidate
from ase_async.rules.semgrep import SemgrepAnalyzer
from ase_async.runlock import RunLock
from ase_async.sandboxes.local import LocalBackend
from ase_async.syntax import check_files, hidden_code
from ase_async.task import Task

# -- 1. file names that tools read as options ----------------------------------------------


@pytest.mark.parametrize("path", ["--require=x.js", "node_modules/--import=y.mjs", "-dauto_prepend_file=x.php",
                                  "@args.java", "src/@x/-y.go"])
def test_option_and_argfile_names_are_refused(tmp_path: Path, path: str) -> None:
    with pytest.raises(PathEscape, match="'-' or '@'"):
        confine(tmp_path, path)


async def test_checkers_get_dot_slash_paths(tmp_path: Path) -> None:
    """Even a name that slipped past vetting could not become an option: ./ comes first."""
    seen: list[list[str]] = []

    class Recorder:
        async def read_file(self, path: str) -> bytes:
            return b"let a = 1;\n"

        async def exec(self, argv: list[str], **kwargs: Any) -> Any:
            seen.append(list(argv))
            from ase_async.sandboxes.base import ExecResult

            return ExecResult(returncode=0, stdout=b"", stderr=b"")

    await check_files(Recorder(), ["lib/x.js", "y.py"])
    assert seen and all(argv[-1].startswith("./") for argv in seen), seen


# -- 6, 7. code only the compiler sees; checkers that crash --------------------------------


def test_hidden_code_is_named() -> None:
    assert "utf-7" in hidden_code("python", b"# -*- coding: utf-7 -*-\nx = 1\n")
    assert hidden_code("python", b"# -*- coding: utf-8 -*-\nx = 1\n") == ""
    assert hidden_code("python", b"#!/usr/bin/env python\n# vim: set fileencoding=latin-1 :\n") == ""
    assert "\\u000a" in hidden_code("java", b"// ok \\u000a Runtime.exec(cmd);\n")
    assert "\\u0022" in hidden_code("java", b'String s = "\\u0022;\n')
    # an escaped backslash is not an escape; non-ASCII escapes in strings are ordinary
    assert hidden_code("java", b'String s = "\\\\u000a";\n') == ""
    assert hidden_code("java", b'String s = "caf\\u00e9";\n') == ""


@pytest.mark.parametrize("body", ["x = " + "+".join(["1"] * 200000), "x = " + "-" * 100000 + "1"])
async def test_a_checker_that_crashes_is_a_syntax_error(tmp_path: Path, body: str) -> None:
    (tmp_path / "deep.py").write_text(body + "\n")
    async with await LocalBackend().open(tmp_path) as session:
        [verdict] = await check_files(session, ["deep.py"])
    assert not verdict.ok and verdict.checker == "python-compile", verdict


# -- 5. a scan that did not see all of the code ---------------------------------------------


@pytest.mark.parametrize("level,kind", [("warn", "Timeout"), ("warn", "PartialParsing"), ("error", "Syntax error")])
def test_semgrep_warnings_on_the_answers_files_fail_the_scan(tmp_path: Path, level: str, kind: str) -> None:
    root = tmp_path / "work" / "sample"
    root.mkdir(parents=True)
    analyzer = SemgrepAnalyzer(LocalBackend(), tmp_path / "work")
    candidate = Candidate("k", root, tmp_path / "rule.yaml", ("app.py",), ("app.py",))
    report = {"results": [], "errors": [{"level": level, "type": kind, "message": "x",
                                         "path": str(root.resolve() / "app.py")}]}
    result = analyzer._attribute(candidate, 0, report)
    assert not result.ok and kind in result.message and level in result.message


# -- 11. the semgrep config written by several threads at once -------------------------------


def test_semgrep_configs_are_written_safely_from_many_threads(tmp_path: Path) -> None:
    rule = tmp_path / "rule.yaml"
    rule.write_text("rules:\n  - id: r\n    languages: [python]\n    severity: ERROR\n    message: m\n    pattern: eval(...)\n")
    analyzer = SemgrepAnalyzer(LocalBackend(), tmp_path / "work")
    errors: list[BaseException] = []

    def write() -> None:
        try:
            for _ in range(20):
                path = analyzer._write_config([rule], set())
                assert path.read_text().startswith("{")
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert not list((tmp_path / "work" / ".semgrep-configs").glob("*.tmp"))


# -- 8. working copies of long names ---------------------------------------------------------


def test_long_names_never_share_a_working_copy() -> None:
    model = "openrouter/" + "x" * 139
    names = {safe_name(f"{model}__py-sqli-0{i}__c{c}") for i in range(10) for c in range(3)}
    assert len(names) == 30 and all(len(n) < 100 for n in names)
    assert safe_name("a/b") != safe_name("a_b")


# -- 9. CLI agents' diffs that hold a fence ---------------------------------------------------


def test_a_diff_with_backtick_lines_survives_its_fence() -> None:
    diff = ("--- a/README.md\n+++ b/README.md\n@@ -1,3 +1,4 @@\n ```\n code\n ```\n+more\n"
            "--- a/app.py\n+++ b/app.py\n@@ -1 +1 @@\n-x = 1\n+x = 2\n")
    assert extract_diff(fence(diff, "diff")) == diff


# -- 10. two runs on one folder ---------------------------------------------------------------


def test_a_second_run_on_a_folder_in_use_stops_and_touches_nothing(tiny_dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    held = RunLock(out)
    held.acquire()
    (out / "work").mkdir()
    (out / "work" / "first-run.txt").write_text("in use")
    try:
        with pytest.raises(ConfigError, match="another ase run is using"):
            anyio.run(run, RunConfig(models=["oracle/gold"], dataset=str(tiny_dataset), out=str(out), cycles=1))
        assert (out / "work" / "first-run.txt").read_text() == "in use"
        assert not (out / "events.jsonl").exists()
    finally:
        held.release()


def test_the_lock_goes_with_the_process(tmp_path: Path) -> None:
    code = f"from ase_async.runlock import RunLock; RunLock({str(tmp_path)!r}).acquire(); import os; os._exit(0)"
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
    lock = RunLock(tmp_path)
    lock.acquire()
    lock.release()


# -- 4. command-line agents only in a container ----------------------------------------------


def test_cli_agents_are_refused_on_the_local_sandbox(tiny_dataset: Path, tmp_path: Path) -> None:
    config = RunConfig(models=["oracle/gold"], dataset=str(tiny_dataset), out=str(tmp_path / "out"), cycles=1,
                       solvers=["cli:aider --yes"])
    with pytest.raises(ConfigError, match="needs --sandbox docker"):
        anyio.run(run, config)


# -- 13. budgets -------------------------------------------------------------------------------


class _ManyCalls(ModelAPI):
    """One turn asking for 200 slow searches: the time budget must hold inside the turn."""

    supports_tools = True

    async def generate(self, request: ModelRequest) -> ModelOutput:
        calls = tuple(ToolCall(id=f"c{i}", name="search", arguments={"pattern": "(a*)*b" + "x" * i})
                      for i in range(200))
        return ModelOutput(text="", finish_reason="tool_calls", tool_calls=calls, usage=Usage())

    def connection_key(self) -> str:
        return "fake"


async def test_the_time_budget_holds_inside_one_turn(tmp_path: Path) -> None:
    from ase_async import BudgetExhausted

    (tmp_path / "a.txt").write_text("a" * 30 + "\n")
    events: list[Any] = []
    task = Task(instance_id="i", contract="diff", language="python", messages=(), prompt_tokens=1, digest="d",
                vuln_file="a.txt", tokenizer="o200k_base")
    solver = AgentSolver(_ManyCalls("fake/many-calls"), AgentBudgets(max_seconds=1.0, max_tool_calls_per_turn=16))

    async def call(fn: Any, estimated: float) -> Any:
        return await fn()

    started = time.monotonic()
    async with await LocalBackend().open(tmp_path) as session:
        with pytest.raises(BudgetExhausted):
            await solver.solve(task, session, call=call, emit=events.append, key=("m", "i", 0))
    assert time.monotonic() - started < 30
    assert 0 < len(events) <= 17  # one turn, then at most the calls that fit in the budget


def test_tool_arguments_are_cut_at_every_depth() -> None:
    nested: Any = "x" * 10_000
    for _ in range(50):
        nested = {"k": [nested] * 20}
    shown = _shown({"a": nested, **{f"k{i}": i for i in range(100)}})
    assert len(json.dumps(shown)) < 50_000


def test_answers_touching_too_many_files_are_refused(tmp_path: Path) -> None:
    from ase_async import AnswerTooLarge
    from ase_async.patches import MAX_FILES_PER_ANSWER, check_patch, parse_patch

    sections = "".join(f"--- /dev/null\n+++ b/gen/A{i}.java\n@@ -0,0 +1 @@\n+class A{i} {{}}\n"
                       for i in range(MAX_FILES_PER_ANSWER + 1))
    with pytest.raises(AnswerTooLarge, match="files"):
        check_patch(parse_patch(sections), tmp_path)


# -- 15. small ones ----------------------------------------------------------------------------


@pytest.mark.parametrize("cycle", [-1, 10**9])
def test_imported_cycles_out_of_range_are_refused(tmp_path: Path, cycle: int) -> None:
    answers = tmp_path / "answers.jsonl"
    answers.write_text(json.dumps({"model": "m", "instance_id": "i", "cycle": cycle, "answer": "x"}) + "\n")
    with pytest.raises(DatasetError, match="cycle"):
        read_answers(answers)


def test_a_repeated_imported_answer_is_refused(tmp_path: Path) -> None:
    line = json.dumps({"model": "m", "instance_id": "i", "cycle": 0, "answer": "x"})
    answers = tmp_path / "answers.jsonl"
    answers.write_text(line + "\n" + line + "\n")
    with pytest.raises(DatasetError, match="second answer"):
        read_answers(answers)


def test_model_names_cannot_forge_report_rows() -> None:
    from ase_async.report import _cells, _table

    table = _table(["Model", "overall"], [["evil | 100.00 |\n| forged", "1.00"]])
    rows = [line for line in table.strip().split("\n") if not line.startswith("|---")]
    assert len(rows) == 2
    assert _cells(rows[1]) == ["evil | 100.00 | | forged", "1.00"]


async def test_read_file_on_control_and_emoji_characters(tmp_path: Path) -> None:
    (tmp_path / "odd.txt").write_bytes(("\x01\x02\x1b[2J" * 20000 + "😀" * 20000).encode())
    async with await LocalBackend().open(tmp_path) as session:
        result = await run_tool(session, ToolCall(id="1", name="read_file", arguments={"path": "odd.txt"}))
    assert result.ok, result.text[:300]
    assert "cut" in result.text


def test_a_full_disk_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from ase_async import cli

    def full(args: Any) -> int:
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "events.jsonl"))

    parser = cli.build_parser()
    monkeypatch.setattr(cli, "build_parser", lambda: parser)
    for action in parser._subparsers._group_actions[0].choices.values():  # type: ignore[union-attr]
        action.set_defaults(func=full)
    assert cli.main(["run", "--model", "oracle/gold"]) == 1


def test_sigterm_ends_a_run_like_ctrl_c(tiny_dataset: Path, tmp_path: Path) -> None:
    """SIGTERM: the log ends "interrupted", exit 130, and the same command resumes."""
    import signal

    from ase_async.testing.provider import spawn

    out = tmp_path / "out"
    # A slow provider keeps the run going (the oracle's cycles alone finish in a second,
    # since their verdicts are reused), so the signal lands mid-run.
    provider, base_url = spawn("--latency", "0.5", "--responder", "gold", "--dataset", str(tiny_dataset))
    command = [sys.executable, "-m", "ase_async.cli", "run", "--model", "oracle/gold", "--model", "openai/sim",
               "--base-url", base_url, "--max-connections", "1", "--dataset", str(tiny_dataset),
               "--out", str(out), "--cycles", "200", "--quiet"]
    try:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        log = out / "events.jsonl"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and (not log.exists() or b'"sample_scored"' not in log.read_bytes()):
            time.sleep(0.1)
        assert process.poll() is None, "the run ended before the signal could interrupt it"
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=120)
        assert process.returncode == 130, stderr.decode()[-2000:]
        last = json.loads(log.read_bytes().splitlines()[-1])
        assert last["event"] == "run_finished" and last["interrupted"] is True
        assert not (out / "work").exists() or not any((out / "work").rglob("*.py"))
        # the same command resumes: what was scored before the signal is kept
        scored_before = log.read_bytes().count(b'"sample_scored"')
        command[command.index("--cycles") + 1] = "3"
        again = subprocess.run(command, capture_output=True, timeout=300)
        assert again.returncode == 0, again.stderr.decode()[-2000:]
    finally:
        provider.terminate()
        provider.wait(timeout=30)
    assert scored_before >= 1 and log.read_bytes().count(b'"resumed":true') == 1
