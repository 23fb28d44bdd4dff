"""What a command in the local sandbox sees of the host: the system, the tools, nothing else.

The answer's code runs here (syntax checkers, dynamic checks, agents' tools), so the view is
an allowlist, not the host root with holes in it:

- ``/usr`` and ``/etc`` read-only (with the host's secrets in ``/etc`` masked), the merged
  ``/bin``, ``/lib*`` links, a fresh ``/dev``, ``/proc`` of a private PID namespace and a
  private ``/tmp``;
- the installation folders of the harness's interpreter and of every tool the harness runs
  (semgrep, the language checkers and runtimes, git, patch), read-only, wherever they live:
  under ``/tmp``, in a home folder, in a uv or pipx virtualenv;
- inside a fresh user namespace, as uid 1000 with every capability dropped, so that even a
  harness running as root hands the code no power to remount, unmount or trace;
- no ``/run`` and no ``/var``: no Docker socket and no other host socket is reachable, and
  without ``--unshare-net`` being lifted no network but a private loopback.

Folders the harness hides (the dataset with its reference fixes, the rules, the run folder)
become empty folders where they lie inside a visible one (a non-editable install puts the
dataset inside site-packages).
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

__all__ = ["TOOLS", "namespace_flags", "sandbox_path", "sandbox_view"]

#: Programs the harness runs inside the sandbox; their installation folders are made visible.
TOOLS = ("semgrep", "semgrep-core", "php", "node", "go", "gofmt", "javac", "java", "git", "patch",
         "python3", "timeout", "prlimit", "sh")

_SYSTEM_BIN = ("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin")
_SYSTEM_ROOTS = ("/usr", "/etc")
_MERGED = ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
# Files and folders of /etc that no sandboxed command needs and that hold the host's secrets.
_ETC_SECRETS = ("/etc/shadow", "/etc/gshadow", "/etc/shadow-", "/etc/gshadow-", "/etc/sudoers",
                "/etc/ssh", "/etc/ssl/private", "/etc/docker", "/etc/machine-id")


def namespace_flags() -> list[str]:
    """The namespace and privilege flags of every sandboxed command."""
    return [
        "--unshare-user", "--uid", "1000", "--gid", "1000", "--cap-drop", "ALL",
        "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
        "--die-with-parent", "--new-session",
    ]


def _is_within(path: Path, roots: Iterable[Path]) -> bool:
    return any(path == root or root in path.parents for root in roots)


def _install_root(program: Path) -> Path:
    """The folder a program's installation lives in: the parent of its ``bin`` folder."""
    folder = program.parent
    return folder.parent if folder.name in ("bin", "sbin") else folder


def _tool_roots() -> list[Path]:
    """Installation folders of the interpreter and the tools outside the system folders."""
    system = [Path(p) for p in _SYSTEM_ROOTS]
    home = Path(os.environ.get("HOME", "/nonexistent")).resolve()
    found: list[Path] = []
    candidates = [Path(sys.prefix), Path(sys.base_prefix), Path(sys.exec_prefix)]
    for tool in TOOLS:
        where = shutil.which(tool, path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
        if where:
            # Both the name on PATH (a venv's link) and what it points to must resolve.
            candidates += [_install_root(Path(os.path.abspath(where))), _install_root(Path(where).resolve())]
    for candidate in candidates:
        root = candidate.resolve()
        if root == Path("/") or root == home or _is_within(root, system):
            # Never the whole host or a whole home folder: only what the tool needs.
            continue
        if root not in found:
            found.append(root)
    return found


def sandbox_path() -> str:
    """PATH inside the sandbox: the harness's interpreter first, then the tools' folders."""
    folders = [str(Path(sys.executable).parent)]
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        if folder and folder not in folders and Path(folder).is_dir():
            folders.append(folder)
    for folder in _SYSTEM_BIN:
        if folder not in folders:
            folders.append(folder)
    return os.pathsep.join(folders)


def sandbox_view(hide: Sequence[Path], *, network: bool, expose: Sequence[Path] = ()) -> list[str]:
    """bwrap arguments for the view described in the module docstring (without the working copy).

    ``expose`` adds host folders, read-only (the runtimes of the dynamic checks).
    """
    args = namespace_flags()
    if not network:
        args.append("--unshare-net")
    for system_root in _SYSTEM_ROOTS:
        if Path(system_root).is_dir():
            args += ["--ro-bind", system_root, system_root]
    for link in _MERGED:
        path = Path(link)
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), link]
        elif path.is_dir():
            args += ["--ro-bind", link, link]
    for secret in _ETC_SECRETS:
        path = Path(secret)
        if path.is_dir() and not path.is_symlink():
            args += ["--tmpfs", secret]
        elif path.exists():
            args += ["--ro-bind", "/dev/null", secret]
    args += ["--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"]
    # After the private /tmp, so that tools installed under /tmp stay visible.
    roots = _tool_roots() + [p.resolve() for p in expose if p.exists()]
    for root in roots:
        args += ["--ro-bind", str(root), str(root)]
    visible = [*(Path(r) for r in _SYSTEM_ROOTS), *roots]
    for hidden in hide:
        if hidden.exists() and _is_within(hidden, visible):
            args += ["--tmpfs", str(hidden)]
    return args
