"""A broken set-up is never reported as a score: it stops the run before any model call, or
becomes an infrastructure error, and the exit code says which."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest

from ase_async import PreflightError, RunConfig, load_dataset, run
from ase_async.cli import EXIT_PARTIAL, EXIT_USAGE, main
from ase_async.eventlog import read_events
from ase_async.events import InfraFailed, SampleScored
from ase_async.retry import RetryPolicy
from ase_async.rules.base import ScanResult
from ase_async.testing.provider import SimulatedProvider, gold_responder

FAST = RetryPolicy(max_attempts=2, base_delay=0.01, max_delay=0.02, max_total_seconds=20)
KEY = "sk-test-preflight-0123456789"


def sim(dataset: Path, out: Path, base_url: str, **kw: Any) -> RunConfig:
    return RunConfig(models=["openai/sim"], dataset=str(dataset), out=str(out), cycles=kw.pop("cycles", 2),
                     retry=FAST, model_options={"base_url": base_url, "api_key": kw.pop("api_key", KEY), "timeout": 5.0},
                     **kw)


async def test_a_missing_analyzer_stops_the_run_before_any_request(tiny_dataset: Path, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import ase_async.runner as runner_module

    monkeypatch.setattr(runner_module, "semgrep_command", lambda: "/nonexistent/bin/semgrep")
    async with SimulatedProvider(responder=gold_responder(load_dataset(tiny_dataset)), api_key=KEY) as provider:
        with pytest.raises(PreflightError, match="semgrep") as caught:
            await run(sim(tiny_dataset, tmp_path / "out", provider.base_url))
        assert provider.stats["requests"] == 0
    assert "not found" in str(caught.value) and "inside the local sandbox" in str(caught.value)
    assert "fix:" in str(caught.value)
    assert not (tmp_path / "out" / "events.jsonl").exists()


async def test_a_missing_language_checker_stops_the_run(tiny_dataset: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """PHP's checker absent from the sandbox: a PHP instance cannot be judged, so nothing runs."""
    from ase_async.sandboxes import local

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    import shutil

    for tool in ("python3", "git", "patch", "sh", "timeout", "prlimit", "semgrep"):
        found = shutil.which(tool, path=local._BASE_ENV["PATH"])
        if found:
            (bin_dir / tool).symlink_to(found)
    monkeypatch.setitem(local._BASE_ENV, "PATH", str(bin_dir))
    dataset = load_dataset("ase-lite").subset(["php-sqli-01"])
    async with SimulatedProvider(responder=gold_responder(dataset), api_key=KEY) as provider:
        with pytest.raises(PreflightError, match="php"):
            await run(sim(Path("ase-lite"), tmp_path / "out", provider.base_url, instances=["php-sqli-01"]))
        assert provider.stats["requests"] == 0


def test_the_cli_exits_2_on_a_preflight_error_and_names_the_variable(tiny_dataset: Path, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    code = main(["run", "--model", "openai/gpt-4.1", "--dataset", str(tiny_dataset), "--out", str(tmp_path / "out"),
                 "--quiet"])
    assert code == EXIT_USAGE
    error = capsys.readouterr().err
    assert "OPENAI_API_KEY" in error and "--api-key-env" in error
    # A local server needs no key.
    monkeypatch.setenv("ASE_NO_SUCH_KEY", "")
    from ase_async.adapters import get_model

    assert get_model("vllm/local-model", base_url="http://127.0.0.1:9/v1", api_key="").base_url.startswith("http://127")


async def test_a_refused_key_stops_the_model_and_is_never_its_score(tiny_dataset: Path, tmp_path: Path) -> None:
    async with SimulatedProvider(api_key="the-right-key") as provider:
        await run(sim(tiny_dataset, tmp_path / "out", provider.base_url, cycles=12, max_connections=2))
        # one refusal is enough: the other samples do not ask (a few may be in flight already)
        assert provider.stats["requests"] <= 4
    events = list(read_events(tmp_path / "out" / "events.jsonl"))
    infra = [e for e in events if isinstance(e, InfraFailed)]
    assert len(infra) == 12 and all(e.stage == "provider" for e in infra)
    assert "401" in infra[0].message
    assert {e.outcome for e in events if isinstance(e, SampleScored)} == {"infra_error"}


def test_a_refused_connection_is_an_infrastructure_error_and_exit_1(tiny_dataset: Path, tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again: nothing listens there
    code = main(["run", "--model", "openai/sim", "--base-url", f"http://127.0.0.1:{port}/v1", "--dataset",
                 str(tiny_dataset), "--out", str(tmp_path / "out"), "--cycles", "1", "--quiet"])
    captured = capsys.readouterr()
    assert code == EXIT_PARTIAL, captured.err
    assert "no answers" in captured.out
    assert "1 samples left out" in captured.err
    events = list(read_events(tmp_path / "out" / "events.jsonl"))
    [infra] = [e for e in events if isinstance(e, InfraFailed)]
    assert "cannot connect" in infra.message


async def test_an_unscannable_baseline_is_an_infrastructure_error(tiny_dataset: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from ase_async.rules.semgrep import SemgrepAnalyzer

    original_scan = SemgrepAnalyzer.scan
    extra = tmp_path / "second"
    # A second instance whose original scans: the run goes on, and only the broken one is left out.
    from tests.conftest import make_tiny_dataset

    make_tiny_dataset(extra)
    (tiny_dataset / "instances" / "tiny-other.json").write_text(
        (extra / "instances" / "tiny-sqli.json").read_text().replace('"tiny-sqli"', '"tiny-other"'))

    async def scan(self: SemgrepAnalyzer, candidates: Any) -> list[ScanResult]:
        results = await original_scan(self, candidates)
        return [ScanResult(c.key, ok=False, message="engine exploded") if c.key == "tiny-sqli|original" else r
                for c, r in zip(candidates, results, strict=True)]

    monkeypatch.setattr(SemgrepAnalyzer, "scan", scan)
    results = await run(RunConfig(models=["oracle/gold"], dataset=str(tiny_dataset), out=str(tmp_path / "out"), cycles=2))
    gold = results.models["oracle/gold"]
    assert gold.outcomes.get("infra_error") == 2 and gold.outcomes.get("sast_failed", 0) == 0
    assert gold.security == 100.0  # the scannable instance, scored; the other left out
    infra = [e for e in read_events(tmp_path / "out" / "events.jsonl") if isinstance(e, InfraFailed)]
    assert {e.instance_id for e in infra} == {"tiny-sqli"} and all("could not be scanned" in e.message for e in infra)


async def test_no_baseline_at_all_stops_the_run(tiny_dataset: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ase_async.rules.semgrep import SemgrepAnalyzer

    async def scan(self: SemgrepAnalyzer, candidates: Any) -> list[ScanResult]:
        return [ScanResult(c.key, ok=False, message="engine exploded") for c in candidates]

    monkeypatch.setattr(SemgrepAnalyzer, "scan", scan)
    with pytest.raises(BaseException) as caught:
        await run(RunConfig(models=["oracle/gold"], dataset=str(tiny_dataset), out=str(tmp_path / "out"), cycles=1))
    assert any(isinstance(e, PreflightError) and "could be scanned" in str(e) for e in leaves(caught.value))


def leaves(error: BaseException) -> list[BaseException]:
    inner = getattr(error, "exceptions", None)
    return [leaf for e in inner for leaf in leaves(e)] if inner else [error]
