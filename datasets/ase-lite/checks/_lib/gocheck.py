"""What the Go checks share: building the application once, starting it, markers and canaries.

The Go repositories need Go >= 1.22 and, for three of them, a database driver that cannot be
downloaded here. ``scripts/runtime/go.sh`` installs the toolchain, Debian's go-sqlite3 and
fills a warm build cache in ``$ASE_RUNTIME/go/cache``; ``$ASE_RUNTIME/go`` also holds
stand-ins for ``github.com/lib/pq`` and ``github.com/jackc/pgx/v5/stdlib`` that run the
application's SQL on SQLite. The build never writes to the working copy's go.mod: it uses a
copy with ``replace`` directives under ``.ase-check/build/``.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import asecheck
from asecheck import CHECK_DIR, WORDS, App, broken, failed, passed, token

WORK = CHECK_DIR.parent
BUILD = CHECK_DIR / "build"
BINARY = BUILD / "app"
SQLITE_SOURCE = Path("/usr/share/gocode/src/github.com/mattn/go-sqlite3")


def runtime_dir() -> Path:
    """``$ASE_RUNTIME``, else the ``sandboxes/runtime`` of the project that runs the check."""
    if os.environ.get("ASE_RUNTIME"):
        return Path(os.environ["ASE_RUNTIME"])
    starts = [Path(sys.executable).parent, Path(__file__).resolve().parent, Path.cwd()]
    for start in starts:
        for folder in [start, *start.parents]:
            if (folder / "sandboxes" / "runtime" / "go").is_dir():
                return folder / "sandboxes" / "runtime"
    broken("no Go runtime: set ASE_RUNTIME or run scripts/runtime/go.sh")
    raise AssertionError


def go_binary() -> str:
    """A Go toolchain >= 1.22 (Debian's backports install it beside the default 1.19)."""
    candidates = sorted(
        Path("/usr/lib").glob("go-1.*/bin/go"), key=lambda p: _version(p.parent.parent.name)
    )
    for candidate in reversed(candidates):
        if _version(candidate.parent.parent.name) >= (1, 22):
            return str(candidate)
    found = shutil.which("go")
    if found:
        out = subprocess.run([found, "env", "GOVERSION"], capture_output=True, text=True).stdout
        if _version(out) >= (1, 22):
            return found
    broken("no Go >= 1.22 toolchain: run scripts/runtime/go.sh")
    raise AssertionError


def _version(text: str) -> tuple[int, ...]:
    match = re.search(r"(\d+)\.(\d+)", text)
    return (int(match.group(1)), int(match.group(2))) if match else (0,)


def go_env() -> dict[str, str]:
    """The environment of every go command: offline, writable caches inside .ase-check."""
    return {
        **os.environ,
        "GOCACHE": str(CHECK_DIR / "gocache"),
        "GOPATH": str(CHECK_DIR / "gopath"),
        "GOFLAGS": "-mod=mod",
        "GOPROXY": "off",
        "GOSUMDB": "off",
        "GOTOOLCHAIN": "local",
        "GOWORK": "off",
        "CGO_ENABLED": "1",
        "GOMAXPROCS": os.environ.get("GOMAXPROCS", "2"),
    }


def main_package() -> Path:
    """The folder of the application's ``package main`` (moved files do not move it far)."""
    found = []
    for path in sorted(WORK.rglob("*.go")):
        parts = path.relative_to(WORK).parts
        if parts[0] in {".ase-check", "vendor", "testdata"} or path.name.endswith("_test.go"):
            continue
        text = path.read_text(errors="replace")
        if re.search(r"^package main\b", text, re.M) and re.search(r"^func main\(\)", text, re.M):
            found.append(path.parent)
    if not found:
        failed("no package main with func main() in the working copy")
    return sorted(set(found), key=lambda p: (len(p.relative_to(WORK).parts), str(p)))[0]


def _modfile(runtime: Path) -> Path:
    BUILD.mkdir(parents=True, exist_ok=True)
    text = (WORK / "go.mod").read_text()
    replaces = {
        "github.com/mattn/go-sqlite3": SQLITE_SOURCE,
        "github.com/lib/pq": runtime / "go" / "pq",
        "github.com/jackc/pgx/v5": runtime / "go" / "pgx",
        "ase.local/pgshim": runtime / "go" / "pgshim",
    }
    text += "\n" + "".join(f"replace {module} => {folder}\n" for module, folder in replaces.items())
    modfile = BUILD / "go.mod"
    modfile.write_text(text)
    return modfile


def build() -> float:
    """Compile the application into .ase-check/build/app; returns the seconds it took."""
    started = time.monotonic()
    runtime = runtime_dir()
    go = go_binary()
    cache = CHECK_DIR / "gocache"
    if not cache.exists() and (runtime / "go" / "cache").is_dir():
        # cp is several times faster than shutil.copytree on the ~100 MB of small files.
        subprocess.run(["cp", "-r", str(runtime / "go" / "cache"), str(cache)], check=True)
    modfile = _modfile(runtime)
    package = main_package()
    done = subprocess.run(
        [
            go,
            "build",
            "-trimpath",
            # no symbol table or DWARF: a third less linking, and panics still print stack traces
            "-ldflags=-s -w",
            "-tags",
            "libsqlite3",
            "-modfile",
            str(modfile),
            "-o",
            str(BINARY),
            "./" + str(package.relative_to(WORK)),
        ],
        cwd=WORK,
        env=go_env(),
        capture_output=True,
        text=True,
        timeout=170,
    )
    if done.returncode != 0:
        failed(f"the application does not build: {' '.join(done.stderr.split())[:600]}")
    return time.monotonic() - started


def prepare() -> None:
    """The ``prepare`` step: one build shared by the functional test and every exploit."""
    took = build()
    passed(f"built {BINARY.relative_to(WORK)} in {took:.1f} s")


def app(args: Sequence[str] = (), env: Mapping[str, str] | None = None) -> App:
    """The compiled application as a child process (built now if ``prepare`` did not run)."""
    if not BINARY.exists():
        build()
    return App([str(BINARY), *args], env={"GOMAXPROCS": "2", **(env or {})}, cwd=str(WORK))


def scratch(name: str) -> Path:
    """A fresh folder under .ase-check for one step's data (databases, shares, repositories)."""
    folder = CHECK_DIR / "data" / f"{name}-{token('')}"
    folder.mkdir(parents=True)
    return folder


def marker() -> Path:
    """A path for an injected command to create: under .ase-check, or /tmp if that path is unsafe.

    The path goes into shell payloads unquoted, so it must hold no shell metacharacter.
    """
    folder = CHECK_DIR / "markers"
    if not re.fullmatch(r"[A-Za-z0-9_./-]+", str(folder)):
        folder = Path("/tmp")
    folder.mkdir(parents=True, exist_ok=True)
    return folder / token("marker")


def unclosed_tags() -> list[str]:
    """``asecheck.unclosed_tags`` as ``str.format`` shapes running ``{m}``()."""
    return asecheck.unclosed_tags("{m}")


WORD_DIR = CHECK_DIR / "words"


def word_env() -> dict[str, str]:
    """The application's PATH with ``WORD_DIR`` first, where ``plant_words`` puts its commands."""
    WORD_DIR.mkdir(parents=True, exist_ok=True)
    return {"PATH": f"{WORD_DIR}{os.pathsep}{os.environ.get('PATH', '')}"}


def plant_words(marker: Path) -> None:
    """Commands named like ordinary words (``WORDS``, in lower and upper case, for handlers that
    upper-case a value) that create ``marker`` whatever their arguments: an injected line
    holding only a word runs one, past checks that refuse spaces, redirection, ``$``, slashes
    and dots. Planted again before each attempt, for that attempt's marker."""
    WORD_DIR.mkdir(parents=True, exist_ok=True)
    for word in WORDS:
        for name in (word, word.upper()):
            path = WORD_DIR / name
            path.write_text(f"#!/bin/sh\n: >>{shlex.quote(str(marker))}\n")
            path.chmod(0o755)


def spaceless_lines(lead: str, tail: str = "") -> list[str]:
    """Shapes for ``str.format`` (``{path}`` = the marker file) holding ``lead``, a line break
    (LF or CRLF) and a command with no space in it that creates the marker: a redirection
    alone, touch after a tab or ${IFS}, or a bare word of ``plant_words``; then ``tail`` (a
    line break that ends the injected line before the rest of the command line, a quote
    that balances the one the code wraps the value in). For deny-lists of metacharacters
    that forget line breaks and refuse spaces."""
    lines = [line.replace("${IFS}", "${{IFS}}") for line in asecheck.spaceless_commands("{path}")]
    return [f"{lead}{eol}{line}{tail}" for eol in ("\n", "\r\n") for line in lines]


if __name__ == "__main__":
    from asecheck import main

    main(prepare)
