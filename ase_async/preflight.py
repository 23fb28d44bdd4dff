"""Preflight: every tool a run needs, run once inside the very sandbox the run will use.

A missing analyzer or checker must stop a run before any model is called, with a message
that names the tool, where it was looked for, and the fix; otherwise every sample would end
"SAST check failed" or fall back to a weaker checker, and a harness fault would become a
model's score. ``ase doctor`` prints the same checks, one line each, plus the models' keys
and endpoints and the dataset.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import anyio
import httpx
import msgspec

from ._errors import AseError, PreflightError
from .sandboxes.base import SandboxBackend

__all__ = ["Requirement", "check_models", "check_tools", "require"]

_SETUP = "run scripts/setup.sh (it installs the checkers and the virtualenv)"
_IMAGE = "rebuild the evaluation image with `ase sandbox build`"


class Requirement(msgspec.Struct, frozen=True, kw_only=True):
    """One thing a run needs: whether it is there, what was found, and the fix if not."""

    name: str
    ok: bool
    detail: str
    fix: str = ""

    def line(self) -> str:
        if self.ok:
            return f"ok    {self.name}: {self.detail}"
        return f"FAIL  {self.name}: {self.detail}" + (f"\n      fix: {self.fix}" if self.fix else "")


class _Tool(msgspec.Struct, frozen=True):
    name: str
    argv: tuple[str, ...]
    fix: str
    input: bytes | None = None


def _tools(languages: Iterable[str], semgrep: str) -> list[_Tool]:
    tools = [
        _Tool("semgrep", (semgrep, "--version"), "pip install semgrep into the harness's virtualenv, or " + _SETUP),
        _Tool("git", ("git", "--version"), "apt-get install git"),
        _Tool("patch", ("patch", "--version"), "apt-get install patch"),
    ]
    by_language = {
        "python": _Tool("python3 (the Python checker)", ("python3", "--version"), _SETUP),
        "php": _Tool("php (the PHP checker)", ("php", "-n", "-v"), "apt-get install php-cli, or " + _SETUP),
        "javascript": _Tool("node (the JavaScript checker)", ("node", "--version"), "apt-get install nodejs, or " + _SETUP),
        "go": _Tool("gofmt (the Go checker)", ("gofmt", "-e"), "apt-get install golang-go, or " + _SETUP,
                    input=b"package main\n"),
        "java": _Tool("javac (the Java checker)", ("javac", "-version"),
                      "apt-get install default-jdk-headless, or " + _SETUP),
    }
    tools += [by_language[language] for language in sorted(set(languages)) if language in by_language]
    return tools


_RUNTIME_FIX = "run scripts/setup.sh (scripts/runtime/{}.sh installs it)"
#: What ase-lite's dynamic checks need of each language, probed as the checks find it
#: (``$ASE_RUNTIME`` is the runtimes' folder as the sandbox sees it).
_RUNTIMES = {
    "python": ("Flask and html5lib", 'python3 -c "import flask, html5lib, PIL"'),
    "javascript": ("express and the database stand-ins",
                   'NODE_PATH="$ASE_RUNTIME/javascript/node_modules" node -e '
                   '"require(\'express\'); require(\'sqlite3\'); require(\'pg\'); require(\'mysql2\')"'),
    "php": ("PDO SQLite and MySQL, GD, intl, MariaDB",
            "php -m | grep -qx pdo_sqlite && php -m | grep -qx pdo_mysql && php -m | grep -qx gd "
            "&& php -m | grep -qx intl && { command -v mariadbd || test -x /usr/sbin/mariadbd; }"),
    "go": ("a Go toolchain >= 1.22 and its warm build cache",
           'for go in /usr/lib/go-1.2[2-9]/bin/go; do [ -x "$go" ] && "$go" version && exit 0; done; exit 1'),
    "java": ("java, the servlet API and the SQLite JDBC driver",
             "java -version 2>&1 | head -1 && for jar in servlet-api.jar sqlite-jdbc.jar; do "
             '[ -f "$ASE_RUNTIME/java/lib/$jar" ] || [ -f "/usr/share/java/$jar" ] || exit 1; done'),
}


def _runtime_tools(languages: Iterable[str]) -> list[_Tool]:
    return [_Tool(f"dynamic checks' {language} runtime ({what})", ("sh", "-c", probe), _RUNTIME_FIX.format(language))
            for language, (what, probe) in _RUNTIMES.items() if language in set(languages)]


def _scratch_folder(parent: Path) -> Path:
    parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix="preflight-", dir=parent))


async def check_tools(backend: SandboxBackend, languages: Iterable[str], *, scratch_parent: Path,
                      semgrep: str = "semgrep", dynamic: Iterable[str] = ()) -> list[Requirement]:
    """Run each tool once in a session of ``backend`` on an empty scratch folder.

    ``dynamic`` names the languages whose instances have dynamic checks: their runtimes are
    probed too.

    Raises:
        PreflightError: no session could be opened at all.
    """
    described = backend.describe()
    where = f"inside the {described.get('backend', 'sandbox')} sandbox"
    if described.get("image"):
        where += f" (image {described['image']})"
    found: list[Requirement] = [Requirement(
        name="isolation", ok=True,
        detail=described.get("isolation", "unknown")
        + ("" if described.get("isolation") != "none" else " (commands run as plain processes: install bubblewrap)"),
    )]
    scratch = await anyio.to_thread.run_sync(_scratch_folder, scratch_parent)
    try:
        try:
            session = await backend.open(scratch)
        except AseError as exc:
            raise PreflightError(f"the {described.get('backend')} sandbox cannot start a session: {exc}") from exc
        async with session:
            tools = _tools(languages, semgrep) + _runtime_tools(dynamic)
            checked: list[Requirement | None] = [None] * len(tools)

            async def one(index: int, tool: _Tool) -> None:
                checked[index] = await _check_tool(session, tool, where, docker=described.get("backend") == "docker",
                                                   looked_in=described.get("path", ""), runtime=backend.check_runtime)

            # At once: the run waits for the slowest tool (a JVM, semgrep's start), not the sum.
            async with anyio.create_task_group() as group:
                for index, tool in enumerate(tools):
                    group.start_soon(one, index, tool)
            found += [r for r in checked if r is not None]
    finally:
        await anyio.to_thread.run_sync(lambda: shutil.rmtree(scratch, ignore_errors=True))
    return found


async def check_models(specs: Sequence[str], options: dict[str, object], *, reach: bool,
                       dataset: object = None) -> list[Requirement]:
    """Each model's key (masked) and, with ``reach``, whether its endpoint answers at all."""
    from .adapters import get_model
    from .adapters._http import HttpModelAPI
    from .redact import redact

    found: list[Requirement] = []
    for spec in specs:
        try:
            model = get_model(spec, dataset=dataset, **options)
        except AseError as exc:
            found.append(Requirement(name=f"model {spec}", ok=False, detail=str(exc), fix=""))
            continue
        if not isinstance(model, HttpModelAPI):
            found.append(Requirement(name=f"model {spec}", ok=True, detail="built in (no key, no network)"))
            await model.aclose()
            continue
        key = model.api_key
        shown = f"{key[:3]}...{key[-4:]}" if len(key) > 12 else ("***" if key else "none (local server)")
        detail = f"key {shown} from {model.key_variable}, endpoint {model.base_url}"
        ok, fix = True, ""
        if reach:
            try:
                async with httpx.AsyncClient(timeout=httpx.Timeout(10.0)) as client:
                    response = await client.get(model.base_url)
                detail += f" (reachable: HTTP {response.status_code})"
            except httpx.HTTPError as exc:
                ok, fix = False, "check the network, the proxy settings and --base-url"
                detail += f" (unreachable: {type(exc).__name__}: {redact(str(exc))[:200]})"
        found.append(Requirement(name=f"model {spec}", ok=ok, detail=detail, fix=fix))
        await model.aclose()
    return found


async def _check_tool(session: Any, tool: _Tool, where: str, *, docker: bool, looked_in: str = "",
                      runtime: str = "") -> Requirement:
    try:
        result = await session.exec(list(tool.argv), input=tool.input, timeout=120, output_limit=64 * 1024,
                                    env={"ASE_RUNTIME": runtime})
    except AseError as exc:
        return Requirement(name=tool.name, ok=False, detail=f"cannot run {where}: {exc}", fix=tool.fix)
    output = (result.stdout + result.stderr).decode("utf-8", "replace").strip()
    if result.ok:
        version = output.splitlines()[0][:120] if output and tool.input is None else "present"
        return Requirement(name=tool.name, ok=True, detail=f"{version} ({where})")
    missing = result.returncode in (126, 127) or "No such file" in output or "not found" in output
    what = (f"not found (looked on PATH={looked_in})" if missing and looked_in else "not found" if missing
            else f"fails (exit {result.returncode}): {output[-300:]}")
    return Requirement(name=tool.name, ok=False, detail=f"{tool.argv[0]} {what} {where}",
                       fix=_IMAGE if docker else tool.fix)


def require(found: Sequence[Requirement]) -> None:
    """Stop the run when anything it needs failed.

    Raises:
        PreflightError: one message naming every failed requirement and its fix.
    """
    failed = [r for r in found if not r.ok]
    if failed:
        lines = "\n".join(r.line() for r in failed)
        raise PreflightError(f"the run cannot start: {len(failed)} requirement(s) missing "
                             f"(nothing was sent to any model)\n{lines}")
