"""What the checks of the Python (Flask) seeds share: start the app, lay out its data, probe it.

The application runs as a child process through python_serve.py (which finds the Flask
object by searching, so renamed factories and moved modules of the mutations still start);
its databases, upload folders and canaries live under a fresh folder in ``.ase-check/``.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from asecheck import CHECK_DIR, App, Response, broken, failed, passed, token

__all__ = [
    "attempt_all",
    "elements",
    "flask_app",
    "json_of",
    "multipart",
    "parse_html",
    "repo_file",
    "runtime_dir",
    "sqlite_db",
    "state_dir",
    "text_of",
]

WORK = Path.cwd()


def runtime_dir() -> Path:
    """sandboxes/runtime/python: $ASE_RUNTIME, else beside the project whose venv runs us."""
    root = os.environ.get("ASE_RUNTIME") or str(Path(sys.prefix).resolve().parent / "sandboxes" / "runtime")
    return Path(root) / "python"


def state_dir(name: str = "state") -> Path:
    """A fresh folder for this step's data, inside the working copy's .ase-check/."""
    path = CHECK_DIR / f"{name}-{token('')}"
    path.mkdir(parents=True)
    return path


def repo_file(pattern: str) -> Path:
    """The repository's file matching ``pattern`` (glob), wherever a mutation moved it."""
    for path in sorted(WORK.rglob(pattern)):
        if ".ase-check" not in path.relative_to(WORK).parts:
            return path
    broken(f"no file {pattern} in the repository")
    raise AssertionError  # unreachable: broken() exits


def sqlite_db(path: Path, schema: str, rows: Mapping[str, Sequence[Mapping[str, object]]]) -> None:
    """Create the app's database from the repository's own schema, then insert ``rows``."""
    with sqlite3.connect(path) as conn:
        conn.executescript(schema)
        for table, items in rows.items():
            for item in items:
                columns = ", ".join(item)
                marks = ", ".join("?" for _ in item)
                conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(item.values()))
    conn.close()


def flask_app(env: Mapping[str, str], *, start_timeout: float = 20.0) -> App:
    """The working copy's Flask application on a free port, configured through ``env``."""
    serve = Path(__file__).resolve().with_name("python_serve.py")
    base = {"PYTHONDONTWRITEBYTECODE": "1", "FLASK_DEBUG": "0", "PYTHONUNBUFFERED": "1"}
    return App([sys.executable, str(serve), "{port}"], env={**base, **env}, cwd=str(WORK),
               start_timeout=start_timeout)


def json_of(response: Response) -> object:
    """The JSON body, or None when the body is not JSON."""
    try:
        return response.json()
    except ValueError:
        return None


def multipart(fields: Mapping[str, str], files: Mapping[str, tuple[str, bytes]]) -> tuple[bytes, dict[str, str]]:
    """A multipart/form-data body and its Content-Type header, for uploads."""
    boundary = token("----asecheck")
    parts: list[bytes] = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
                     + value.encode() + b"\r\n")
    for name, (filename, data) in files.items():
        head = (f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n")
        parts.append(head.encode() + data + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}


def parse_html(html: str) -> ET.Element:
    """The document as an HTML5 parser (html5lib) builds it, without namespaces."""
    import html5lib

    return html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)


def elements(root: ET.Element, tag: str, css_class: str | None = None) -> list[ET.Element]:
    """Descendants named ``tag`` (having ``css_class`` among their classes), in document order."""
    return [e for e in root.iter(tag) if css_class is None or css_class in e.get("class", "").split()]


def text_of(element: ET.Element | None) -> str:
    """The element's text as a reader sees it: entities decoded, white space collapsed."""
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def padded(payloads: list[str]) -> list[str]:
    """Comment-ended payloads again with one and two placeholders before the comment. The
    comment drops the statement's later placeholders (a bound LIMIT ? OFFSET ?), and sqlite3
    refuses a statement whose placeholders do not match its parameters: without these, code
    that inlines one value but binds the page would never run the injection."""
    found = []
    for payload in payloads:
        head, comment, tail = payload.partition(" --")
        if comment:
            found += [f"{head}{' OR (?)' * k}{comment}{tail}" for k in (1, 2)]
    return found


def attempt_all(family: str, attempts: Iterable[tuple[str, Callable[[], str | None]]]) -> None:
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
