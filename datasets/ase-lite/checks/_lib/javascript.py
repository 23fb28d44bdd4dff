"""What the checks of the JavaScript (Node/Express) seeds share: start the app, lay out its data.

The application runs as a child process: ``node`` on the entry point named by the working
copy's package.json ``main`` (mutations keep it; their renamed variables and moved modules do
not matter from outside). Its modules (express; sqlite3, pg and mysql2 stand-ins over real
SQLite) come from sandboxes/runtime/javascript/node_modules through NODE_PATH. Databases,
folders, canaries and markers live under a fresh folder in ``.ase-check/``.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager as ContextManager
from pathlib import Path
from typing import TypeVar

import standins

from asecheck import (
    CHECK_DIR,
    WORDS,
    App,
    Response,
    broken,
    failed,
    passed,
    spaceless_commands,
    token,
    unclosed_tags,
)

__all__ = [
    "Attempt",
    "attempt_all",
    "fake_tool",
    "json_of",
    "line_broken",
    "long_values",
    "node_app",
    "run_family",
    "runtime_dir",
    "sqlite_db",
    "state_dir",
    "unclosed_tags",
]

WORK = Path.cwd()

Attempt = tuple[str, Callable[[], str | None]]
T = TypeVar("T")


def runtime_dir() -> Path:
    """sandboxes/runtime/javascript: $ASE_RUNTIME, else beside the project whose venv runs us."""
    root = os.environ.get("ASE_RUNTIME") or str(Path(sys.prefix).resolve().parent / "sandboxes" / "runtime")
    return Path(root) / "javascript"


def state_dir(name: str = "state") -> Path:
    """A fresh folder for this step's data, inside the working copy's .ase-check/."""
    path = CHECK_DIR / f"{name}-{token('')}"
    path.mkdir(parents=True)
    return path


def entry_point() -> Path:
    """The file package.json's ``main`` names (index.js when it names none)."""
    try:
        main = json.loads((WORK / "package.json").read_text()).get("main") or "index.js"
    except (OSError, ValueError):
        main = "index.js"
    path = WORK / main
    if not path.is_file():
        broken(f"the entry point {main} of package.json is missing")
    return path


def node_app(env: Mapping[str, str], *, start_timeout: float = 20.0) -> App:
    """The working copy's Express application on a free port (``PORT``), configured by ``env``."""
    modules = runtime_dir() / "node_modules"
    if not (modules / "express").is_dir():
        broken(f"the JavaScript runtime is not installed ({modules}): run scripts/runtime/javascript.sh")
    node = shutil.which("node")
    if node is None:
        broken("node is not installed")
        raise AssertionError  # unreachable: broken() exits
    base = {"PORT": "{port}", "NODE_PATH": str(modules), "NODE_ENV": "production", "TZ": "UTC"}
    return App([node, "--max-old-space-size=256", str(entry_point())], env={**base, **env},
               cwd=str(WORK), start_timeout=start_timeout)


def sqlite_db(path: Path, schema: str, rows: Mapping[str, Sequence[Mapping[str, object]]]) -> None:
    """Create an SQLite database file from ``schema``, then insert ``rows``."""
    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(schema)
        for table, items in rows.items():
            for item in items:
                columns = ", ".join(item)
                marks = ", ".join("?" for _ in item)
                conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(item.values()))
    conn.close()


def fake_tool(path: Path, source: str) -> Path:
    """An executable at ``path`` running the Python ``source``, standing in for a tool: a
    check starts it for every payload, so it starts warm (``standins.py``)."""
    return standins.install(path, source)


def json_of(response: Response) -> object:
    """The JSON body, or None when the body is not JSON."""
    try:
        return response.json()
    except ValueError:
        return None


LONG_LENGTHS = (40, 64, 100, 128, 200, 256, 500, 1000, 2000, 3000)
BREAKS = ("\n", "\r", "\r\n")


def long_values(head: str, tail: str) -> list[str]:
    """Values 40 to 3000 characters long with markup ``head`` at the start and ``tail`` at the
    end: code that escapes one path only (short values escaped, long ones cut or summarised
    raw, or the other way round) still shows one end, whichever it keeps."""
    return [head + "x" * max(length - len(head) - len(tail), 1) + tail for length in LONG_LENGTHS]


def line_broken(lead: str, markups: Iterable[str]) -> list[str]:
    """Each of ``markups`` after ``lead`` and a line break (LF, CR, CRLF): a filter anchored per
    line (a /m regular expression) or applied to the first line only passes the value."""
    return [f"{lead}{brk}{markup}" for markup in markups for brk in BREAKS]


def attempt_all(family: str, attempts: Iterable[Attempt]) -> None:
    """Run every attempt of one bypass family; the first that returns evidence fails the step.

    An attempt returns a sentence saying what the attacker obtained, or None.
    """
    tried = 0
    for label, attempt in attempts:
        tried += 1
        evidence = attempt()
        if evidence:
            failed(f"{family}: {label}: {evidence}")
    passed(f"{family}: none of {tried} payloads had an effect")


def run_family(start: Callable[[], ContextManager[T]], families: Mapping[str, Callable[[T], Iterable[Attempt]]]) -> None:
    """``exploit.py FAMILY``: start the target with ``start()``, then run that family's attempts."""
    if len(sys.argv) != 2 or sys.argv[1] not in families:
        broken(f"usage: exploit.py {'|'.join(families)}")
    with start() as target:
        attempt_all(sys.argv[1], families[sys.argv[1]](target))


def confused(base: Mapping[str, str], field: str, valid: str, payload: str) -> list[list[tuple[str, str]]]:
    """Query strings that carry ``payload`` in ``field`` as something other than one string,
    as Express's qs parses them: an array (``f[]=``, ``f[0]=``, a valid value first), the
    field repeated, an object (``f[key]=``). Code that validates with a string method
    (includes, startsWith, a length) on what is really an array or object, then interpolates
    it (String of an array joins with commas), lets ``payload`` in. ``base`` adds the other
    fields (not ``field``)."""
    rest = [(k, v) for k, v in base.items() if k != field]
    shapes = [[(f"{field}[]", payload)], [(f"{field}[]", valid), (f"{field}[]", payload)],
              [(field, valid), (field, payload)], [(field, payload), (field, valid)],
              [(f"{field}[0]", payload)], [(f"{field}[x]", payload)]]
    return [rest + shape for shape in shapes]


def confused_leak(app: App, path: str, pairs: list[tuple[str, str]], field: str, secret: str,
                  rows_of: Callable[[dict[str, object] | None], list[dict[str, object]]]) -> str | None:
    """Evidence when the query ``pairs`` (a ``confused`` shape of ``field``) shows a row holding
    ``secret``, or None.

    An answer may ignore a field that is not one string, as if it were absent. When the
    hidden row shows without ``field`` at all (it was hidden by that field's filter alone),
    seeing it proves nothing: then only rows that differ from that control count, such as an
    injected condition that selects the hidden row alone."""
    def rows(query: list[tuple[str, str]]) -> tuple[Response, list[dict[str, object]]]:
        response = app.get(path, query=query)
        payload = json_of(response)
        return response, rows_of(payload if isinstance(payload, dict) else None)

    def shows(found: list[dict[str, object]]) -> bool:
        return any(secret in str(value) for row in found for value in row.values())

    response, found = rows(pairs)
    if not shows(found):
        return None
    _, control = rows([(key, value) for key, value in pairs if key != field and not key.startswith(f"{field}[")])
    if shows(control) and found == control:
        return None
    return f"{pairs} answered {response.status} with the hidden row"


def word_env(state: Path) -> dict[str, str]:
    """PATH with ``state``/bin first, where ``plant_words`` puts its commands."""
    (state / "bin").mkdir(exist_ok=True)
    return {"PATH": f"{state / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"}


def plant_words(state: Path, marker: Path) -> None:
    """Commands named like ordinary words (``WORDS``, in ``state``/bin) that create ``marker``
    when run with no argument: an injected line holding only a word runs one, past checks
    that refuse spaces, redirection, slashes and dots."""
    (state / "bin").mkdir(exist_ok=True)
    for word in WORDS:
        fake_tool(state / "bin" / word, f"open({str(marker)!r}, 'a').close()\n")


def spaceless_lines(lead: str, relative: str, tail: str = "") -> list[str]:
    """``lead``, then a line break (LF or CRLF) and a command with no space in it that creates
    the marker at ``relative`` (redirection, a tab, ${IFS}, a bare word of ``plant_words``),
    then ``tail``: past deny-lists of metacharacters that forget line breaks and refuse spaces."""
    lines = spaceless_commands(relative)
    # After a CRLF break the command line ends with LF alone: a trailing CR would become part
    # of the marker's name (or of the bare word) and the payload could never succeed.
    return [f"{lead}{brk}{line}{end}" for line in lines for brk, end in (("\n", tail), ("\r\n", tail or "\n"))]
