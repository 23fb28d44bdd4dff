"""The viewer's index: where every sample's events sit in the logs, in SQLite.

Built once by one pass over each log, and extended from where it stopped when a log
grows, so a page never reads a whole log: a list is one indexed query, a sample is a
few ``seek``-and-read calls for its own lines. Only the few fields the lists filter and
sort on are decoded while indexing (a partial msgspec struct ignores the rest), which is
what keeps a 50,000-sample log to seconds.

The index is a cache of the logs, never a source: it records each log's size and first
bytes, and starts over when the log was replaced or cut.

Attempts follow :mod:`ase_async.results`: a new answer (or model failure) for a sample
starts its record afresh, and a new integration drops what the previous one left.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import msgspec

__all__ = ["FILTERS", "SampleIndex"]

#: the columns the sample list filters on, by query parameter
FILTERS = ("run", "model", "instance", "cls", "language", "outcome")
_HEAD_BYTES = 4096
_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY, path TEXT UNIQUE, head TEXT, position INTEGER,
  dataset TEXT, digest TEXT, dataset_spec TEXT, contract TEXT, cycles INTEGER, models TEXT, started REAL,
  finished INTEGER DEFAULT 0, last_time REAL DEFAULT 0);
CREATE TABLE IF NOT EXISTS instances (run INTEGER, instance_id TEXT, cwe TEXT, cls TEXT, language TEXT,
  origin TEXT, PRIMARY KEY (run, instance_id));
CREATE TABLE IF NOT EXISTS tasks (run INTEGER, digest TEXT, position INTEGER, length INTEGER,
  PRIMARY KEY (run, digest));
CREATE TABLE IF NOT EXISTS baselines (run INTEGER, instance_id TEXT, position INTEGER, length INTEGER,
  PRIMARY KEY (run, instance_id));
CREATE TABLE IF NOT EXISTS samples (id INTEGER PRIMARY KEY, run INTEGER, model TEXT, instance_id TEXT,
  cycle INTEGER, outcome TEXT, cls TEXT, language TEXT, input_tokens INTEGER DEFAULT 0,
  output_tokens INTEGER DEFAULT 0, cost REAL DEFAULT 0, latency REAL DEFAULT 0, turns INTEGER DEFAULT 0,
  answer_at INTEGER, finished REAL, UNIQUE (run, model, instance_id, cycle));
CREATE INDEX IF NOT EXISTS samples_model ON samples (model, outcome);
CREATE INDEX IF NOT EXISTS samples_order ON samples (instance_id, model, cycle, run);
CREATE INDEX IF NOT EXISTS samples_outcome ON samples (outcome);
CREATE TABLE IF NOT EXISTS events (sample INTEGER, position INTEGER, length INTEGER, kind TEXT);
CREATE INDEX IF NOT EXISTS events_sample ON events (sample, position);
"""
_COLUMNS = ("id", "run", "model", "instance_id", "cycle", "outcome", "cls", "language", "input_tokens",
            "output_tokens", "cost", "latency", "turns", "finished", "answer_at")
_AT = {name: i for i, name in enumerate(_COLUMNS)}
_CLASSES = {"CWE-89": "sqli", "CWE-79": "xss", "CWE-22": "pathtrav", "CWE-78": "cmdi"}
#: events that belong to an agent's attempt and come before its answer
_TRAJECTORY = ("agent_turn", "tool_called", "command_ran")


class _Usage(msgspec.Struct):
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float | None = None


class _Meta(msgspec.Struct):
    instance_id: str
    cwe_id: str = ""
    language: str = ""
    seed: bool = True


class _Head(msgspec.Struct):
    """The fields of any event the index needs; everything else is skipped unread."""

    event: str
    time: float = 0.0
    model: str = ""
    instance_id: str = ""
    cycle: int = -1
    outcome: str = ""
    usage: _Usage | None = None
    latency_s: float = 0.0
    turns: int = 1  # an answer's default: omitted from the log when it is 1
    digest: str = ""
    dataset: str = ""
    dataset_digest: str = ""
    contract: str = ""
    cycles: int = 0
    models: list[str] = []
    instances: list[_Meta] = []
    settings: dict[str, Any] = {}


_decode_head = msgspec.json.Decoder(_Head).decode


def _head_of(log: Path, length: int) -> str:
    """``length:sha256`` of a log's first ``length`` bytes: whether it is still the log we indexed."""
    with open(log, "rb") as handle:
        data = handle.read(length)
    return f"{len(data)}:{hashlib.sha256(data).hexdigest()}"


class SampleIndex:
    """An index over one or more run folders; safe to query from several threads.

    Args:
        database: the SQLite file (created when missing).
        runs: run folders, each holding an ``events.jsonl``.
    """

    def __init__(self, database: Path, runs: Sequence[Path]) -> None:
        self.database = database
        self.runs = [Path(r).resolve() for r in runs]
        self._local = threading.local()
        self._write = threading.Lock()
        #: bumped by every update that added events: what the cached summaries are valid for
        self.version = 0
        self._cache: dict[str, tuple[int, Any]] = {}
        database.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.executescript(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.database, timeout=30)
        db.execute("PRAGMA journal_mode=WAL")  # readers see a consistent index while it grows
        db.execute("PRAGMA synchronous=OFF")  # a cache: a torn index is rebuilt, never trusted
        db.row_factory = sqlite3.Row
        return db

    @property
    def db(self) -> sqlite3.Connection:
        """This thread's connection (SQLite connections are not shared between threads)."""
        connection: sqlite3.Connection | None = getattr(self._local, "db", None)
        if connection is None:
            connection = self._local.db = self._connect()
        return connection

    def close(self) -> None:
        connection = getattr(self._local, "db", None)
        if connection is not None:
            connection.close()
            self._local.db = None

    # -- building -------------------------------------------------------------------

    def update(self) -> int:
        """Index what the logs gained since the last call; returns the number of new events."""
        with self._write:
            count = sum(self._update_run(path) for path in self.runs)
            if count:
                self.version += 1
            return count

    def _cached(self, name: str, compute: Any) -> Any:
        """``compute()``, remembered until the index next changes (menus and progress are
        asked for by every page, and cost a scan of every sample)."""
        version = self.version
        hit = self._cache.get(name)
        if hit is not None and hit[0] == version:
            return hit[1]
        value = compute()
        self._cache[name] = (version, value)
        return value

    def _run_row(self, path: Path, log: Path) -> tuple[int, int]:
        db = self.db
        row = db.execute("SELECT id, head, position FROM runs WHERE path = ?", (str(path),)).fetchone()
        if row is not None:
            length = int(row["head"].split(":", 1)[0])
            if log.stat().st_size < row["position"] or _head_of(log, length) != row["head"]:
                self._forget(row["id"])  # the log was replaced or cut: start over
                row = None
        head = _head_of(log, _HEAD_BYTES)
        if row is None:
            cursor = db.execute("INSERT INTO runs (path, head, position) VALUES (?, ?, 0)", (str(path), head))
            return int(cursor.lastrowid or 0), 0
        db.execute("UPDATE runs SET head = ? WHERE id = ?", (head, row["id"]))
        return int(row["id"]), int(row["position"])

    def _forget(self, run: int) -> None:
        db = self.db
        db.execute("DELETE FROM events WHERE sample IN (SELECT id FROM samples WHERE run = ?)", (run,))
        for table in ("samples", "instances", "tasks", "baselines"):
            db.execute(f"DELETE FROM {table} WHERE run = ?", (run,))
        db.execute("DELETE FROM runs WHERE id = ?", (run,))

    def _update_run(self, path: Path) -> int:
        log = path / "events.jsonl"
        if not log.exists():
            return 0
        db = self.db
        row = db.execute("SELECT head, position FROM runs WHERE path = ?", (str(path),)).fetchone()
        if row is not None and log.stat().st_size == row["position"] and \
                _head_of(log, int(row["head"].split(":", 1)[0])) == row["head"]:
            return 0  # nothing new: the follower's usual case, kept to two small reads
        with db:
            run, position = self._run_row(path, log)
            ids = {(r[0], r[1], r[2]): r[3] for r in db.execute(
                "SELECT model, instance_id, cycle, id FROM samples WHERE run = ?", (run,))}
            count, position = self._index_lines(run, log, position, ids)
            db.execute("UPDATE runs SET position = ? WHERE id = ?", (position, run))
        return count

    def _lines(self, log: Path, position: int) -> Iterator[tuple[int, bytes]]:
        """Complete lines from ``position``; a torn last line waits for its writer."""
        with open(log, "rb") as handle:
            handle.seek(position)
            for line in handle:
                if not line.endswith(b"\n"):
                    return
                yield position, line
                position += len(line)

    def _index_lines(self, run: int, log: Path, position: int, ids: dict[tuple[str, str, int], int]) -> tuple[int, int]:
        """Index the lines from ``position``; returns (events read, position after them).

        Sample rows are kept as lists here and written in one ``executemany`` at the end:
        one statement per event was most of the cost of a large log.
        """
        db = self.db
        meta = {r[0]: (r[1], r[2]) for r in db.execute("SELECT instance_id, cls, language FROM instances WHERE run = ?", (run,))}
        rows: list[tuple[int, int, int, str]] = []
        touched: dict[int, list[Any]] = {}  # sample id -> its row, in _COLUMNS order
        next_id = int(db.execute("SELECT COALESCE(MAX(id), 0) FROM samples").fetchone()[0]) + 1
        count = 0
        last_time = 0.0
        for start, line in self._lines(log, position):
            position = start + len(line)
            try:
                head = _decode_head(line)
            except msgspec.DecodeError:
                continue  # not an event the viewer knows; the log reader is the judge of that
            count += 1
            last_time = head.time or last_time
            event = head.event
            if head.cycle < 0 or not head.model:
                if event == "run_started":
                    self._run_started(run, head, meta)
                elif event == "task_built":
                    db.execute("INSERT OR REPLACE INTO tasks VALUES (?, ?, ?, ?)", (run, head.digest, start, len(line)))
                elif event == "baseline_measured":
                    db.execute("INSERT OR REPLACE INTO baselines VALUES (?, ?, ?, ?)", (run, head.instance_id, start, len(line)))
                elif event == "run_finished":
                    db.execute("UPDATE runs SET finished = 1 WHERE id = ?", (run,))
                continue
            key = (head.model, head.instance_id, head.cycle)
            sample = ids.get(key)
            if sample is None:
                sample = ids[key] = next_id
                next_id += 1
                cls, language = meta.get(head.instance_id, ("", ""))
                touched[sample] = [sample, run, *key, None, cls, language, 0, 0, 0.0, 0.0, 1, None, None]
            row = touched.get(sample)
            if row is None:
                row = touched[sample] = list(db.execute(f"SELECT {', '.join(_COLUMNS)} FROM samples WHERE id = ?",
                                                        (sample,)).fetchone())
            if event == "answer_received" or event == "model_failed":
                self._new_attempt(sample, row[_AT["answer_at"]], rows)
                usage = head.usage or _Usage()
                row[5] = row[13] = None  # outcome, finished: a new attempt is pending
                row[8:13] = [usage.input_tokens, usage.output_tokens, usage.cost_usd or 0.0, head.latency_s, head.turns]
                row[_AT["answer_at"]] = start
            elif event == "integrated":
                row[5] = row[13] = None
            elif event == "sample_scored":
                row[5], row[13] = head.outcome, head.time
            elif event == "infra_failed":
                row[5], row[13] = "infra_error", head.time
            rows.append((sample, start, len(line), event))
        db.executemany(f"INSERT OR REPLACE INTO samples ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})",
                       touched.values())
        db.executemany("INSERT INTO events VALUES (?, ?, ?, ?)", rows)
        if last_time:
            db.execute("UPDATE runs SET last_time = ? WHERE id = ?", (last_time, run))
        return count, position

    def _new_attempt(self, sample: int, previous: int | None, pending: list[tuple[int, int, int, str]]) -> None:
        """Drop what an earlier attempt of ``sample`` (answered at ``previous``) left, keeping
        the agent turns of this attempt, which come after the earlier answer."""
        if previous is None:
            return
        self.db.execute(f"DELETE FROM events WHERE sample = ? AND (position <= ? OR kind NOT IN {_TRAJECTORY})",
                        (sample, previous))
        pending[:] = [r for r in pending if r[0] != sample or (r[1] > previous and r[3] in _TRAJECTORY)]

    def _run_started(self, run: int, head: _Head, meta: dict[str, tuple[str, str]]) -> None:
        db = self.db
        row = db.execute("SELECT models FROM runs WHERE id = ?", (run,)).fetchone()
        models = list(dict.fromkeys([*(row["models"] or "").split("\n"), *head.models]) if row and row["models"] else head.models)
        db.execute("UPDATE runs SET dataset = ?, digest = ?, dataset_spec = ?, contract = ?, cycles = MAX(COALESCE(cycles, 0), ?), "
                   "models = ?, started = COALESCE(started, ?), finished = 0 WHERE id = ?",
                   (head.dataset, head.dataset_digest, str(head.settings.get("dataset_spec", head.dataset)), head.contract,
                    head.cycles, "\n".join(m for m in models if m), head.time, run))
        for m in head.instances:
            cls = _CLASSES.get(m.cwe_id, m.cwe_id)
            meta[m.instance_id] = (cls, m.language)
            db.execute("INSERT OR REPLACE INTO instances VALUES (?, ?, ?, ?, ?, ?)",
                       (run, m.instance_id, m.cwe_id, cls, m.language, "seed" if m.seed else "mutation"))

    # -- queries --------------------------------------------------------------------

    def _where(self, filters: dict[str, str]) -> tuple[str, list[Any]]:
        clauses, values = [], []
        for name in FILTERS:
            value = filters.get(name, "")
            if not value:
                continue
            if name == "instance":
                clauses.append("instance_id LIKE ?")
                values.append(f"%{value}%")
            elif name == "outcome" and value == "pending":
                clauses.append("outcome IS NULL")
            else:
                clauses.append(f"{ {'run': 'run', 'model': 'model', 'cls': 'cls', 'language': 'language', 'outcome': 'outcome'}[name]} = ?")
                values.append(value)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", values

    def samples(self, filters: dict[str, str], *, limit: int = 100, offset: int = 0) -> tuple[int, list[sqlite3.Row]]:
        """(matching count, one page of matching samples) in instance, model, cycle order."""
        where, values = self._where(filters)
        total = self.db.execute(f"SELECT COUNT(*) FROM samples{where}", values).fetchone()[0]
        rows = self.db.execute(f"SELECT * FROM samples{where} ORDER BY instance_id, model, cycle, run LIMIT ? OFFSET ?",
                               [*values, limit, offset]).fetchall()
        return int(total), rows

    def facets(self) -> dict[str, list[str]]:
        """The values each filter can take, for the filter menus."""
        result: dict[str, list[str]] = self._cached("facets", self._facets)
        return result

    def _facets(self) -> dict[str, list[str]]:
        db = self.db
        return {
            "model": [r[0] for r in db.execute("SELECT DISTINCT model FROM samples ORDER BY model")],
            "cls": [r[0] for r in db.execute("SELECT DISTINCT cls FROM samples WHERE cls != '' ORDER BY cls")],
            "language": [r[0] for r in db.execute("SELECT DISTINCT language FROM samples WHERE language != '' ORDER BY language")],
            "outcome": [r[0] or "pending" for r in db.execute("SELECT DISTINCT outcome FROM samples ORDER BY outcome")],
            "run": [str(r[0]) for r in db.execute("SELECT id FROM runs ORDER BY id")],
        }

    def sample(self, sample_id: int) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self.db.execute("SELECT * FROM samples WHERE id = ?", (sample_id,)).fetchone()
        return row

    def siblings(self, run: int, instance_id: str) -> list[sqlite3.Row]:
        """Every sample of one instance in one run: the side-by-side view."""
        return self.db.execute("SELECT * FROM samples WHERE run = ? AND instance_id = ? ORDER BY model, cycle",
                               (run, instance_id)).fetchall()

    def run(self, run: int) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self.db.execute("SELECT * FROM runs WHERE id = ?", (run,)).fetchone()
        return row

    def runs_info(self) -> list[sqlite3.Row]:
        return self.db.execute("SELECT * FROM runs ORDER BY id").fetchall()

    def instance(self, run: int, instance_id: str) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self.db.execute("SELECT * FROM instances WHERE run = ? AND instance_id = ?",
                                                  (run, instance_id)).fetchone()
        return row

    def _read(self, run: int, spans: Sequence[tuple[int, int]]) -> list[dict[str, Any]]:
        info = self.run(run)
        if info is None:
            return []
        out = []
        with open(Path(info["path"]) / "events.jsonl", "rb") as handle:
            for position, length in spans:
                handle.seek(position)
                out.append(msgspec.json.decode(handle.read(length)))
        return out

    def events(self, sample_id: int) -> list[dict[str, Any]]:
        """The events of a sample's last attempt, in log order, as decoded JSON."""
        row = self.sample(sample_id)
        if row is None:
            return []
        spans = [(r[0], r[1]) for r in self.db.execute(
            "SELECT position, length FROM events WHERE sample = ? ORDER BY position", (sample_id,))]
        return self._read(int(row["run"]), spans)

    def task(self, run: int, digest: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT position, length FROM tasks WHERE run = ? AND digest = ?", (run, digest)).fetchone()
        return self._read(run, [(row[0], row[1])])[0] if row else None

    def baseline(self, run: int, instance_id: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT position, length FROM baselines WHERE run = ? AND instance_id = ?",
                              (run, instance_id)).fetchone()
        return self._read(run, [(row[0], row[1])])[0] if row else None

    def progress(self) -> list[dict[str, Any]]:
        """Per run and model: samples planned, finished, outcomes so far, and an ETA."""
        result: list[dict[str, Any]] = self._cached("progress", self._progress)
        return result

    def _progress(self) -> list[dict[str, Any]]:
        out = []
        for info in self.runs_info():
            instances = self.db.execute("SELECT COUNT(*) FROM instances WHERE run = ?", (info["id"],)).fetchone()[0]
            models = [m for m in (info["models"] or "").split("\n") if m]
            counts = {r[0]: (r[1], r[2]) for r in self.db.execute(
                "SELECT model, COUNT(outcome), SUM(outcome = 'secure') FROM samples WHERE run = ? GROUP BY model",
                (info["id"],))}
            names = sorted(set(models) | set(counts))
            planned = {m: max(counts.get(m, (0, 0))[0], instances * (info["cycles"] or 0)) for m in names}
            done_all = sum(counts.get(m, (0, 0))[0] for m in names)
            # Models are evaluated side by side, so the run's pace gives every model's end.
            eta = None
            if not info["finished"] and done_all and info["started"]:
                elapsed = max(1e-3, (info["last_time"] or info["started"]) - info["started"])
                eta = round(elapsed / done_all * (sum(planned.values()) - done_all), 1)
            for model in names:
                done, secure = counts.get(model, (0, 0))
                out.append({"run": info["id"], "run_name": Path(info["path"]).name, "model": model, "done": done, "planned": planned[model],
                            "secure": int(secure or 0), "finished": bool(info["finished"]),
                            "eta_s": eta if done < planned[model] else None})
        return out
