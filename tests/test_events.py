from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from ase_async import EventLogError
from ase_async.eventlog import EventWriter, read_events
from ase_async.events import AnswerReceived, Event, FileSyntax, Scanned, SyntaxChecked, Usage


def events() -> list[Event]:
    return [
        AnswerReceived(model="m/x", instance_id="i", cycle=0, task_digest="d", text="é\n```diff\n```",
                       usage=Usage(input_tokens=3, output_tokens=4), params={"temperature": 0.0}),
        SyntaxChecked(model="m/x", instance_id="i", cycle=0, ok=False,
                      files=[FileSyntax(path="a.py", ok=False, checker="python-compile", message="bad")]),
        Scanned(model="m/x", instance_id="i", cycle=0, ok=True, before=2, after=1),
    ]


def test_events_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    with EventWriter(path) as writer:
        written = [writer.emit(e) for e in events()]
    assert list(read_events(path)) == written
    assert all(e.time > 0 for e in written)


def test_events_are_frozen() -> None:
    event = events()[0]
    with pytest.raises(AttributeError):
        event.text = "changed"  # type: ignore[misc]


def test_a_torn_last_line_is_ignored_and_cut_on_reopen(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    with EventWriter(path) as writer:
        for e in events():
            writer.emit(e)
    whole = path.read_bytes()
    path.write_bytes(whole + b'{"event":"scanned","mod')
    assert len(list(read_events(path))) == 3
    with EventWriter(path) as writer:
        writer.emit(events()[0])
    assert len(list(read_events(path))) == 4
    assert path.read_bytes().startswith(whole)


def test_a_broken_line_in_the_middle_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    path.write_bytes(msgspec.json.encode(events()[0]) + b"\nnot json\n" + msgspec.json.encode(events()[1]) + b"\n")
    with pytest.raises(EventLogError, match="line 2"):
        list(read_events(path))
