"""Working copies: a fresh git repository per (model, instance, cycle), cleaned up after.

For each instance two templates are made once per run: ``original`` (the repository at its
base commit) and ``masked`` (the same with the region masked). Each gets a history of ONE
commit of its own, so a masked copy carries nothing of the original code, no remote and no
credentials. A sample's working copy is a plain copy of the masked template (links copied
as links, never followed).
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import anyio

from ._errors import DatasetError, SandboxError
from .dataset import Dataset
from .instance import Instance
from .maskedrepo import MaskedRepository
from .masking import mask_region

if TYPE_CHECKING:
    from .upstream.repocache import RepoCache

__all__ = ["InstanceTemplates", "WorkingCopies", "git_commit_all", "source_files"]

_GIT_ENV = {
    "GIT_AUTHOR_NAME": "ase",
    "GIT_AUTHOR_EMAIL": "ase@localhost",
    "GIT_COMMITTER_NAME": "ase",
    "GIT_COMMITTER_EMAIL": "ase@localhost",
    "GIT_AUTHOR_DATE": "2000-01-01T00:00:00Z",
    "GIT_COMMITTER_DATE": "2000-01-01T00:00:00Z",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": "/dev/null",  # a planted ~/.gitconfig (filters, fsmonitor) is never read
    "GIT_TERMINAL_PROMPT": "0",
}
_SAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def safe_name(text: str) -> str:
    """A folder name for ``text``: readable, and unique because it ends in a hash of all of it.

    Cutting a long name (a long model name, a ``cli:`` command) must never make two samples
    share a working copy, nor may two names that differ only in characters replaced here.
    """
    readable = _SAFE.sub("_", text).strip("_")[:80] or "_"
    return f"{readable}-{hashlib.sha256(text.encode('utf-8', 'surrogatepass')).hexdigest()[:12]}"


def _git(repo: Path, *args: str) -> None:
    env = {**os.environ, **_GIT_ENV, "HOME": str(repo)}
    result = subprocess.run(
        ["git", "-c", "core.hooksPath=/dev/null", "-c", "commit.gpgsign=false", *args],
        cwd=repo, env=env, capture_output=True, timeout=120,
    )
    if result.returncode != 0:
        raise SandboxError(f"git {' '.join(args)} failed in {repo}: {result.stderr.decode(errors='replace')[-500:]}")


def git_commit_all(repo: Path, message: str) -> None:
    """Make ``repo`` a one-commit git repository of its current tree."""
    shutil.rmtree(repo / ".git", ignore_errors=True)
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A", "-f")
    _git(repo, "commit", "-q", "--allow-empty", "--no-verify", "-m", message)


def source_files(root: Path) -> tuple[str, ...]:
    """Files a SAST scan should look at: every source file, tests included."""
    from .instance import language_of_path

    found: list[str] = []
    for directory, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in {".git", "node_modules"})
        rel_dir = os.path.relpath(directory, root)
        for name in sorted(filenames):
            if language_of_path(name) is None:
                continue
            path = Path(directory) / name
            if path.is_symlink():
                continue
            found.append(name if rel_dir == "." else f"{rel_dir.replace(os.sep, '/')}/{name}")
    return tuple(found)


class InstanceTemplates:
    """An instance's two templates: ``original`` and ``masked`` (the region masked).

    A prompt needs only the masked one; ``original`` (with ``original_files``) is made with
    the commits, when a working copy or a baseline first needs it.
    """

    def __init__(self, instance: Instance, original: Path, masked: Path) -> None:
        self.instance = instance
        self.original = original
        self.masked = masked
        #: each template is a one-commit git repository (made when a working copy needs it:
        #: a prompt is built from the files alone)
        self.committed = False

    @functools.cached_property
    def original_files(self) -> tuple[str, ...]:
        return source_files(self.original)


class WorkingCopies:
    """Makes and removes the working copies of a run under ``root``."""

    def __init__(self, dataset: Dataset, root: Path, *, repo_cache: RepoCache | None = None,
                 exports: int = 8) -> None:
        self.dataset = dataset
        self.repo_cache = repo_cache  # for remote repositories; the default cache when None
        self.root = Path(root).resolve()
        self.templates_root = self.root / "templates"
        self.samples_root = self.root / "samples"
        self._templates: dict[str, InstanceTemplates] = {}
        self._locks: dict[str, anyio.Lock] = {}
        # Clones and exports are disk- and network-bound: several at once, under their own
        # limit (not the default thread pool's, which the other stages share).
        self._exports = anyio.CapacityLimiter(max(1, exports))

    async def templates(self, instance: Instance, *, committed: bool = True) -> InstanceTemplates:
        """The instance's templates, made on first use (once, however many callers wait).

        ``committed=False`` is enough to read the files (building a prompt): the git
        commits, which working copies need, are made by the first caller that needs them.
        """
        lock = self._locks.setdefault(instance.instance_id, anyio.Lock())
        async with lock:
            found = self._templates.get(instance.instance_id)
            if found is None:
                found = await anyio.to_thread.run_sync(self._make_templates, instance, limiter=self._exports)
                self._templates[instance.instance_id] = found
            if committed and not found.committed:
                await anyio.to_thread.run_sync(self._commit, found, limiter=self._exports)
                found.committed = True
            return found

    async def prompt_repository(self, instance: Instance) -> MaskedRepository:
        """The repository a prompt is built from. A local one is read in place, its region
        masked in memory (no copy); a remote one from its masked template."""
        source = self.dataset.repo_path(instance)
        if source is None:
            templates = await self.templates(instance, committed=False)
            return MaskedRepository(templates.masked, instance.vuln_file)

        def view() -> MaskedRepository:
            try:
                text = (source / instance.vuln_file).read_bytes().decode("utf-8", "surrogateescape")
            except OSError as exc:
                raise DatasetError(f"{instance.vuln_file} cannot be read: {exc.strerror}", file=self.dataset.root,
                                   record=instance.instance_id, field="vuln_file") from exc
            masked = self._mask(instance, text).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            return MaskedRepository(source, instance.vuln_file, masked)

        return await anyio.to_thread.run_sync(view, limiter=self._exports)

    def _mask(self, instance: Instance, text: str) -> str:
        try:
            return mask_region(text, instance.vuln_lines).text
        except ValueError as exc:
            raise DatasetError(str(exc), file=self.dataset.root, record=instance.instance_id, field="vuln_lines") from exc

    def _commit(self, templates: InstanceTemplates) -> None:
        instance = templates.instance
        if not templates.original.exists():
            self._copy_source(instance, templates.original)
        git_commit_all(templates.original, f"{instance.instance_id} at {instance.base_commit}")
        git_commit_all(templates.masked, "repository with the region to write masked")

    def _copy_source(self, instance: Instance, to: Path) -> None:
        source = self.dataset.repo_path(instance)
        assert source is not None  # a remote repository's original is exported with the masked one
        shutil.copytree(source, to, symlinks=True, ignore=shutil.ignore_patterns(".git"))

    def _make_templates(self, instance: Instance) -> InstanceTemplates:
        source = self.dataset.repo_path(instance)
        base = self.templates_root / safe_name(instance.instance_id)
        shutil.rmtree(base, ignore_errors=True)
        original = base / "original"
        masked = base / "masked"
        if source is None:
            self._export_remote(instance, original)
            shutil.copytree(original, masked, symlinks=True, ignore=shutil.ignore_patterns(".git"))
        else:
            # A local repository is copied straight to the masked template; the original
            # follows with the commits (``ase generate`` never needs it).
            self._copy_source(instance, masked)
        target = masked / instance.vuln_file
        text = target.read_bytes().decode("utf-8", "surrogateescape")
        target.write_bytes(self._mask(instance, text).encode("utf-8", "surrogateescape"))
        return InstanceTemplates(instance, original, masked)

    def _export_remote(self, instance: Instance, original: Path) -> None:
        """The base commit's tree from the repository cache (files only: no history, no remote)."""
        from .upstream.repocache import RepoCache

        if self.repo_cache is None:
            self.repo_cache = RepoCache()
        self.repo_cache.export(instance.repo, instance.base_commit, original,
                               subdir_hint=instance.repo_subdir, branch_origin=instance.branch_origin)
        if not (original / instance.vuln_file).is_file():
            raise DatasetError(f"{instance.vuln_file} is not in {instance.repo} at {instance.base_commit}",
                               file=self.dataset.root, record=instance.instance_id, field="vuln_file")

    async def checkout(self, templates: InstanceTemplates, name: str, *, owner: str = "harness") -> Path:
        """A fresh copy of the masked template for one sample, in its owner's folder.

        ``owner`` is the system (model and solver) whose code will run in the copy. A sandbox
        that keeps state between sessions (a warm container) keeps it per folder, so one
        system's code never shares a container with another's, nor with the harness's.
        """
        if not templates.committed:
            templates = await self.templates(templates.instance)  # a copy holds the commit
        dest = self.samples_root / safe_name(owner) / safe_name(name)

        def copy() -> Path:
            if dest.exists():
                shutil.rmtree(dest)
            shutil.copytree(templates.masked, dest, symlinks=True)
            return dest

        return await anyio.to_thread.run_sync(copy)

    async def remove(self, path: Path) -> None:
        await anyio.to_thread.run_sync(lambda: shutil.rmtree(path, ignore_errors=True))

    def cleanup(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
