"""Task building: where prompts are built (threads or worker processes)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.mark.parametrize(("worth", "pooled"), [(1e9, False), (0.0, True)])
async def test_prompts_go_to_worker_processes_only_when_the_first_one_says_they_pay(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, worth: float, pooled: bool) -> None:
    """The first prompt is built in a thread and timed; the rest go to the process pool only
    when that cost, times the instances left, passes ``POOL_WORTH_CPU_SECONDS``."""
    import anyio

    from ase_async import load_dataset
    from ase_async.repos import WorkingCopies
    from ase_async.stages import tasks as task_stage
    from ase_async.stages.tasks import TaskOptions, TaskStage

    sent_to_pool: list[str] = []

    async def in_pool(call, *, limiter=None):  # type: ignore[no-untyped-def]
        sent_to_pool.append(call.args[0].instance_id)
        return call()

    monkeypatch.setattr(task_stage, "POOL_WORTH_CPU_SECONDS", worth)
    monkeypatch.setattr(task_stage.anyio.to_process, "run_sync", in_pool)
    dataset = load_dataset("ase-lite")
    instances = dataset.instances[:4]
    options = TaskOptions(contract="diff", budget=64_000, tokenizer="o200k_base", prompt_style="ase",
                          context_source="bm25")
    stage = TaskStage(WorkingCopies(dataset, tmp_path), options, lambda event: None, known={}, processes=2,
                      concurrency=4)
    send, receive = anyio.create_memory_object_stream[tuple[object, object]](len(instances))
    await stage.stream(instances, send)
    built = [instance.instance_id async for instance, _ in receive]
    assert sorted(built) == sorted(i.instance_id for i in instances)
    assert sorted(sent_to_pool) == (sorted(i.instance_id for i in instances[1:]) if pooled else [])


async def test_a_prompt_needs_only_the_masked_template(tmp_path: Path) -> None:
    """Building prompts copies each repository once (masked); the original template comes
    with the commits, when a working copy or a baseline first needs it."""
    from ase_async import load_dataset
    from ase_async.repos import WorkingCopies, source_files

    dataset = load_dataset("ase-lite")
    instance = dataset.get("py-sqli-01")
    copies = WorkingCopies(dataset, tmp_path)
    templates = await copies.templates(instance, committed=False)
    assert (templates.masked / instance.vuln_file).is_file() and not templates.original.exists()
    committed = await copies.templates(instance)
    assert committed is templates and templates.committed
    source = dataset.repo_path(instance)
    assert source is not None
    assert templates.original_files == source_files(source)
    assert (templates.original / instance.vuln_file).read_bytes() == (source / instance.vuln_file).read_bytes()
    assert (templates.original / ".git").is_dir() and (templates.masked / ".git").is_dir()


async def test_a_prompt_read_in_place_never_shows_the_region_under_another_name(tmp_path: Path) -> None:
    """A local repository is read where it is, the region masked in memory: a hard link, a
    symlink, a README linked to the file or an upstream hit spelled ``a/../b`` still gets
    the masked text, and nothing is copied."""
    import os

    from ase_async.dataset import Dataset
    from ase_async.instance import ContextHit, Instance
    from ase_async.repos import WorkingCopies
    from ase_async.task import build_task

    repo = tmp_path / "repos" / "r"
    (repo / "pkg").mkdir(parents=True)
    original = ("def find(db, key):\n    rows = db.execute('SELECT * FROM t WHERE id = ' + key)  # SECRET-REGION\n"
                "    return rows\n")
    (repo / "pkg" / "app.py").write_text(original)
    os.link(repo / "pkg" / "app.py", repo / "pkg" / "copy_of_app.py")
    os.symlink("app.py", repo / "pkg" / "alias.py")
    os.symlink("pkg/app.py", repo / "README.md")
    (repo / "pkg" / "db.py").write_text("def execute(sql, *params):\n    return []\n")
    hits = [ContextHit(docid=p) for p in ("pkg/../pkg/app.py", "pkg/alias.py", "pkg/copy_of_app.py", "pkg/db.py")]
    instance = Instance(instance_id="r-01", repo="repos/r", base_commit="x", vuln_file="pkg/app.py",
                        vuln_lines=(2, 2), language="python", cwe_id="CWE-89", detected_vul_num=1,
                        description="Find the rows.", context_hits=hits)
    dataset = Dataset(name="local", root=str(tmp_path), instances=(instance,))
    copies = WorkingCopies(dataset, tmp_path / "work")
    view = await copies.prompt_repository(instance)
    assert view.root == repo and not (tmp_path / "work" / "templates").exists()
    for style, source in (("ase", "bm25"), ("ase", "upstream"), ("upstream", "bm25"), ("upstream", "upstream"),
                          ("paper", "upstream")):
        task = build_task(instance, view, contract="diff", prompt_style=style, context_source=source)  # type: ignore[arg-type]
        text = "".join(m.content for m in task.messages)
        assert "SECRET-REGION" not in text and "<MASKED>" in text, (style, source)
        assert "def execute" in text, (style, source)  # the other files are there
    assert (repo / "pkg" / "app.py").read_text() == original
