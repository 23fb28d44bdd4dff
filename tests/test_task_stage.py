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
