"""Answers produced elsewhere (another harness, a human, an agent run by hand), to evaluate.

One JSON object a line: ``{"model": "...", "instance_id": "...", "cycle": 0, "answer": "..."}``
(``cycle`` defaults to 0; ``text`` is accepted for ``answer``). ``ase evaluate RUN_DIR
--answers FILE`` logs them as answers of the run and evaluates them like any other.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec

from ._errors import DatasetError

__all__ = ["MAX_IMPORTED_CYCLE", "ImportedAnswer", "read_answers"]

#: Cycles are counted from 0; a run has a cycle for every number below the largest given,
#: so a stray large number would make a run of millions of empty samples.
MAX_IMPORTED_CYCLE = 99


class ImportedAnswer(msgspec.Struct, frozen=True, kw_only=True):
    model: str
    instance_id: str
    cycle: int = 0
    answer: str


def read_answers(path: Path) -> list[ImportedAnswer]:
    """Read an answers file.

    Raises:
        DatasetError: a line that is not an answer, naming the file, the line and the field.
    """
    try:
        lines = path.read_bytes().splitlines()
    except OSError as exc:
        raise DatasetError(f"cannot read the answers ({exc.strerror})", file=str(path)) from exc
    answers: list[ImportedAnswer] = []
    seen: dict[tuple[str, str, int], int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record: Any = msgspec.json.decode(line)
            if isinstance(record, dict) and "answer" not in record and "text" in record:
                record["answer"] = record.pop("text")
            answer = msgspec.convert(record, ImportedAnswer)
        except (msgspec.DecodeError, msgspec.ValidationError) as exc:
            raise DatasetError(str(exc), file=str(path), record=f"line {number}") from exc
        if not 0 <= answer.cycle <= MAX_IMPORTED_CYCLE:
            raise DatasetError(f"cycle {answer.cycle} is outside 0..{MAX_IMPORTED_CYCLE}", file=str(path),
                               record=f"line {number}", field="cycle")
        key = (answer.model, answer.instance_id, answer.cycle)
        if key in seen:
            raise DatasetError(f"a second answer for {answer.model}, {answer.instance_id}, cycle {answer.cycle} "
                               f"(the first is on line {seen[key]})", file=str(path), record=f"line {number}")
        seen[key] = number
        answers.append(answer)
    if not answers:
        raise DatasetError("no answers in the file", file=str(path))
    return answers
