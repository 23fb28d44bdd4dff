"""The viewer and the report in a real headless browser (Debian's chromium, Playwright).

Skipped where chromium or Playwright is missing; ``scripts/setup.sh`` installs both.
Screenshots go to ``$ASE_SCREENSHOTS`` when set (to look at them), else to the test's
temporary folder.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anyio
import msgspec
import pytest

from ase_async import RunConfig, load_dataset, run
from ase_async.adapters.oracle import oracle_answer
from ase_async.events import SampleScored
from ase_async.testing.provider import SimulatedProvider, agent_responder
from ase_async.testing.synthetic import synthetic_events
from ase_async.viewer import SampleIndex, Viewer
from tests.conftest import make_tiny_dataset

sync_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
KEY = "sk-test-viewer-000000"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    # Loopback only: anything else the page asks for is refused.
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
        ("http://127.0.0.1", "file://", "data:")) else route.abort())
    yield context.new_page()
    context.close()


def in_thread(work: Any) -> None:
    """Run ``anyio.run(work)`` in a thread of its own: Playwright's sync API keeps an event
    loop running in this one."""
    errors: list[BaseException] = []

    def target() -> None:
        try:
            anyio.run(work)
        except BaseException as exc:  # re-raised below, in the test's thread
            errors.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]


def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("ASE_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def oracle_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("oracle")
    dataset = make_tiny_dataset(root / "tiny")
    config = RunConfig(models=["oracle/gold", "oracle/vulnerable"], dataset=str(dataset), out=str(root / "out"), cycles=2)
    in_thread(lambda: run(config))
    return root / "out"


@pytest.fixture(scope="module")
def agent_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A simulated-provider agent that reads files, then submits the vulnerable code."""
    root = tmp_path_factory.mktemp("agent")
    dataset_root = make_tiny_dataset(root / "tiny")
    dataset = load_dataset(dataset_root)

    def plan(body: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
        contract = "diff" if "unified diff" in str(body["messages"]) else "code"
        return [("list_files", {"path": "."}), ("read_file", {"path": "db.py"}),
                ("submit", {"answer": oracle_answer(dataset, dataset.instances[0], "vulnerable", contract)})]

    async def go() -> None:
        async with SimulatedProvider(responder=agent_responder(plan), api_key=KEY) as sim:
            await run(RunConfig(models=["openai/sim"], dataset=str(dataset_root), out=str(root / "out"), cycles=2,
                                solvers=["agent"], model_options={"base_url": sim.base_url, "api_key": KEY}))

    in_thread(go)
    return root / "out"


def open_failing_sample(page: Any, viewer: Viewer, system: str) -> None:
    page.goto(viewer.url)
    page.select_option("select[name=model]", system)
    page.select_option("select[name=outcome]", "insecure")
    page.click("form.filters button")
    page.wait_for_url("**outcome=insecure**")
    assert page.locator("#samples tbody tr").count() == 2
    page.locator("#samples tbody tr").first.locator("a").first.click()
    page.wait_for_selector("#change")


def test_an_oracle_runs_failing_sample_shows_its_diff_and_findings(oracle_run: Path, page: Any, tmp_path: Path) -> None:
    with Viewer(SampleIndex(tmp_path / "index.sqlite", [oracle_run]), port=0) as viewer:
        open_failing_sample(page, viewer, "oracle/vulnerable")
        assert "git apply" in page.inner_text("#change .method")
        assert page.locator("#change .diff .add").count() > 0
        findings = page.locator("#findings tr.finding")
        assert findings.count() >= 1
        line = int(findings.first.locator("td.line").inner_text())
        assert page.locator("#findings .code .hit").first.inner_text().strip().startswith(str(line))
        assert "SELECT" in page.inner_text("#findings .code")
        page.click("#prompt summary")
        assert "<MASKED>" in page.inner_text("#prompt")
        page.screenshot(path=str(shots(tmp_path) / "viewer-oracle-sample.png"), full_page=True)
        page.click("text=all systems on this instance")
        page.wait_for_selector(".cols")
        assert page.locator(".system").count() == 2
        page.screenshot(path=str(shots(tmp_path) / "viewer-side-by-side.png"))


def test_an_agent_runs_failing_sample_shows_its_turns(agent_run: Path, page: Any, tmp_path: Path) -> None:
    with Viewer(SampleIndex(tmp_path / "index.sqlite", [agent_run]), port=0) as viewer:
        open_failing_sample(page, viewer, "openai/sim+agent")
        agent = page.inner_text("#agent")
        assert "3 turns" in agent and "Turn 1" in agent and "read_file" in agent and "db.py" in agent
        assert page.locator("#agent li.tool").count() == 3
        assert page.locator("#change .diff .add").count() > 0
        assert page.locator("#findings td.line").count() >= 1
        page.screenshot(path=str(shots(tmp_path) / "viewer-agent-sample.png"), full_page=True)


def test_the_report_shows_intervals_and_the_comparison_matrix(oracle_run: Path, page: Any, tmp_path: Path) -> None:
    page.goto((oracle_run / "report.html").as_uri())
    assert "[100.00, 100.00]" in page.inner_text("#leaderboard")
    assert page.locator("svg .whisker").count() >= 4
    ahead = page.locator("#comparisons td.ahead")
    assert ahead.count() == 1 and "+60.00" in ahead.first.inner_text()
    assert page.locator("#comparisons td.behind").count() == 1
    page.click("#matrix th button:has-text('Solved by')")
    assert page.locator("#matrix tbody tr").count() == 1
    page.screenshot(path=str(shots(tmp_path) / "report.png"), full_page=True)


def test_a_growing_log_shows_up_live(page: Any, tmp_path: Path) -> None:
    events = synthetic_events(models=2, instances=4, cycles=1, agents=False)
    encode = msgspec.json.Encoder().encode
    log = tmp_path / "run" / "events.jsonl"
    log.parent.mkdir()
    half = [i for i, e in enumerate(events) if isinstance(e, SampleScored)][3] + 1
    log.write_bytes(b"".join(encode(e) + b"\n" for e in events[:half]))
    with Viewer(SampleIndex(tmp_path / "index.sqlite", [log.parent]), port=0, follow=0.1) as viewer:
        page.goto(viewer.url)
        assert "ETA" in page.inner_text("#progress")
        assert page.inner_text("#count") == "4"
        page.screenshot(path=str(shots(tmp_path) / "viewer-live-running.png"))
        with open(log, "ab") as handle:
            handle.write(b"".join(encode(e) + b"\n" for e in events[half:]))
        page.wait_for_function("document.getElementById('count').textContent === '8'", timeout=15000)
        page.wait_for_function("document.getElementById('progress').innerText.includes('finished')", timeout=15000)
        page.screenshot(path=str(shots(tmp_path) / "viewer-live.png"))


def test_the_export_filters_without_a_server(oracle_run: Path, page: Any, tmp_path: Path) -> None:
    from ase_async.viewer import export_site

    export_site(SampleIndex(tmp_path / "index.sqlite", [oracle_run]), tmp_path / "site")
    page.goto((tmp_path / "site" / "index.html").as_uri())
    page.select_option("select[name=outcome]", "insecure")
    assert page.inner_text("#count") == "2"
    page.locator("#samples tbody tr:visible a").first.click()
    page.wait_for_selector("#findings td.line")
    assert shutil.which("chromium") or Path(CHROMIUM).exists()
