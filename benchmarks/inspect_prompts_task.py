"""An inspect_ai task that sends the very prompts an ``ase`` run logged (for
``bench_end_to_end.py``): one sample per logged task, the same system and user messages,
plain generation, no scorer. Benchmark-only: needs ``pip install inspect_ai``.
"""

from __future__ import annotations

import json

from inspect_ai import Task, task
from inspect_ai.dataset import MemoryDataset, Sample
from inspect_ai.model import ChatMessageSystem, ChatMessageUser
from inspect_ai.solver import generate


@task
def ase_prompts(prompts: str, epochs: int = 10) -> Task:
    """The prompts of ``prompts`` (JSON lines of ``{"id", "messages"}``), each ``epochs`` times."""
    samples = []
    with open(prompts, encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            messages = [ChatMessageSystem(content=m["content"]) if m["role"] == "system"
                        else ChatMessageUser(content=m["content"]) for m in record["messages"]]
            samples.append(Sample(id=record["id"], input=messages))
    return Task(dataset=MemoryDataset(samples), solver=generate(), epochs=epochs)
