"""What the PHP checks share: the built-in server on the working copy, state, sessions, HTML.

The application under test is the working copy (the current folder); it is served by
``php -S`` as a child process. Each step starts from fresh state under ``.ase-check/run/``.
Standard library and html5lib only.
"""

from __future__ import annotations

import os
import re
import secrets
import shlex
import shutil
import stat
import sys
import urllib.parse
from collections.abc import Iterator, Mapping
from pathlib import Path

from asecheck import CHECK_DIR, WORDS, App, spaceless_commands

__all__ = [
    "RUN_DIR",
    "WORDS",
    "class_of",
    "elements",
    "fresh_dir",
    "marker_path",
    "multipart",
    "php_string",
    "php_server",
    "plant_words",
    "query_of",
    "runtime_php",
    "session_cookie",
    "spaceless_lines",
    "text_of",
]

RUN_DIR = CHECK_DIR / "run"
_SESSIONS = RUN_DIR / "sessions"


def runtime_php() -> Path:
    """sandboxes/runtime/php: from ASE_RUNTIME, else beside the project that holds this file
    or the interpreter running it (the development loop runs the project's .venv)."""
    configured = os.environ.get("ASE_RUNTIME")
    candidates = [Path(configured)] if configured else []
    here = Path(__file__).resolve()
    candidates += [p / "sandboxes" / "runtime" for p in (*here.parents, *Path(sys.executable).parents)]
    for candidate in candidates:
        if (candidate / "php").is_dir():
            return candidate / "php"
    raise FileNotFoundError("sandboxes/runtime/php not found: set ASE_RUNTIME")


def fresh_dir(name: str) -> Path:
    """An empty folder under .ase-check/run/ (the check's own state, rebuilt each step)."""
    path = RUN_DIR / name
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def marker_path(name: str) -> Path:
    """A path for a marker an injected command creates: under .ase-check/run/ when that path
    needs no shell quoting (payloads carry it bare), else under /tmp (private in the sandbox)."""
    RUN_DIR.mkdir(parents=True, exist_ok=True)
    inside = RUN_DIR / name
    return inside if re.fullmatch(r"[A-Za-z0-9_./-]+", str(inside)) else Path("/tmp") / name


def plant_words(folder: Path, marker: Path) -> dict[str, str]:
    """Commands named like ordinary words (``WORDS``, in ``folder``) that create ``marker``
    whatever their arguments, and the environment that puts ``folder`` first on PATH (for
    ``php_server(env=...)``): an injected line holding only a word runs one, past deny-lists
    that refuse spaces, tabs, redirection, ``$``, slashes and dots."""
    folder.mkdir(parents=True, exist_ok=True)
    for word in WORDS:
        program = folder / word
        program.write_text(f"#!/bin/sh\n: >> {shlex.quote(str(marker))}\n")
        program.chmod(program.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return {"PATH": f"{folder}{os.pathsep}{os.environ.get('PATH', '')}"}


def spaceless_lines(lead: str, marker: Path | str, close: str = "", breaks: tuple[str, ...] = ("\n", "\r\n")) -> list[str]:
    """``lead``, a line break (each of ``breaks``), then a command with no space that creates
    ``marker`` (a redirection alone, touch after a tab or ${IFS}, a bare word of
    ``plant_words``): past deny-lists of metacharacters and spaces that forget line breaks.
    With ``close`` (a quote that ``lead`` opened the way out of), one more line break and
    ``close`` follow, so the quote the command goes on with stays paired."""
    lines = spaceless_commands(str(marker))
    end = f"\n{close}" if close else ""
    return [f"{lead}{brk}{line}{end}" for brk in breaks for line in lines]


def php_string(value: str) -> str:
    """A PHP single-quoted string literal holding ``value``."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def php_server(
    docroot: str = "public",
    *,
    env: Mapping[str, str] | None = None,
    ini: Mapping[str, str] | None = None,
    prepend: str | None = None,
) -> App:
    """The working copy served by PHP's built-in server on 127.0.0.1.

    Errors go to the server log (the built-in server shows displayed errors in the page); sessions are files in .ase-check/run/sessions
    so a check can sign a user in; ``prepend`` is PHP code run before every request (stand-in
    constants, say).
    """
    _SESSIONS.mkdir(parents=True, exist_ok=True)
    settings = {
        "display_errors": "0",
        "log_errors": "1",
        "error_reporting": "E_ALL",
        "session.save_path": str(_SESSIONS),
        "session.gc_probability": "0",
        "opcache.enable_cli": "0",
        "upload_tmp_dir": str(RUN_DIR),
        "sys_temp_dir": str(RUN_DIR),
        **(ini or {}),
    }
    if prepend is not None:
        script = RUN_DIR / f"prepend-{secrets.token_hex(4)}.php"
        script.write_text("<?php\n" + prepend + "\n")
        settings["auto_prepend_file"] = str(script)
    argv = ["php"]
    for key, value in settings.items():
        argv += ["-d", f"{key}={value}"]
    argv += ["-S", "127.0.0.1:{port}", "-t", str(Path.cwd() / docroot)]
    return App(argv, env={"TMPDIR": str(RUN_DIR), **(env or {})}, cwd=str(Path.cwd()), start_timeout=20)


def session_cookie(data: Mapping[str, int | str]) -> dict[str, str]:
    """A signed-in PHP session (default ``php`` serializer), as the Cookie header that uses it."""
    _SESSIONS.mkdir(parents=True, exist_ok=True)
    sid = secrets.token_hex(16)
    parts = []
    for key, value in data.items():
        if isinstance(value, int):
            parts.append(f"{key}|i:{value};")
        else:
            parts.append(f'{key}|s:{len(value.encode())}:"{value}";')
    (_SESSIONS / f"sess_{sid}").write_text("".join(parts))
    return {"Cookie": f"PHPSESSID={sid}"}


def multipart(fields: Mapping[str, str], files: Mapping[str, tuple[str, bytes]]) -> tuple[bytes, dict[str, str]]:
    """A multipart/form-data body (``files``: field -> (file name, content)) and its header."""
    boundary = "ase" + secrets.token_hex(12)
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
                     + value.encode() + b"\r\n")
    for name, (filename, content) in files.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                     "Content-Type: application/octet-stream\r\n\r\n".encode() + content + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}


def _parse(html: str) -> object:
    import html5lib

    return html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)


def elements(html: str | object, tag: str, css_class: str | None = None) -> Iterator[object]:
    """Elements named ``tag`` (with ``css_class`` among their classes), in document order."""
    root = _parse(html) if isinstance(html, str) else html
    for element in root.iter(tag):  # type: ignore[attr-defined]
        if css_class is None or css_class in class_of(element):
            yield element


def class_of(element: object) -> list[str]:
    return (element.get("class") or "").split()  # type: ignore[attr-defined]


def text_of(element: object) -> str:
    """The element's text with runs of white space made one space, as a reader sees it."""
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()  # type: ignore[attr-defined]


def query_of(url: str) -> tuple[str, dict[str, list[str]]]:
    """The path and the decoded query parameters of a link (``+`` and ``%20`` alike)."""
    parts = urllib.parse.urlsplit(url)
    return parts.path, urllib.parse.parse_qs(parts.query, keep_blank_values=True)
