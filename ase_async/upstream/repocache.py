"""A cache of the benchmark's repositories: one bare clone each, fetched no deeper than needed.

``RepoCache.export(url, base_commit, dest)`` writes the tree of ``base_commit`` into
``dest`` (``git archive``): files only, no ``.git``, so the caller makes it a fresh
one-commit repository (:func:`ase_async.repos.git_commit_all`) that carries no history past
the base commit, no remote and no credentials.

Fetching, per repository under one lock (threads and processes):

- ``<sha>``: ``git fetch --depth 1 <url> <sha>`` (GitHub and GitLab serve any reachable
  commit); ``<sha>^``: the same with ``--depth 2``, then the parent;
  a tag or branch (``v5.3.3``): ``refs/tags/<name>``, then ``refs/heads/<name>``, depth 1;
  ``HEAD`` (the v1 mutation repositories): the default branch, depth 1;
- a server that refuses a commit by hash (plain ``git daemon``, ``file://`` without
  ``uploadpack.allowAnySHA1InWant``): one full fetch of every branch and tag, then resolved
  locally; later instances of the same repository need no network at all.
- ``branch_origin`` (``pull/145/head:pr-145``): that ref is fetched first, in full.

Credentials: a token never enters a URL, an argument or a file. ``GITHUB_TOKEN`` (github.com),
``GITLAB_TOKEN`` (gitlab hosts) or ``ASE_GIT_TOKEN`` (any host) is handed to git in the
environment of the one git process that needs it, through a credential helper given on the
command line that prints ``$ASE_GIT_PASSWORD``; system and global git config are ignored.
Fetches go by URL (no ``origin`` remote is written into the cache).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import io
import os
import re
import shutil
import subprocess
import tarfile
import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from urllib.parse import urlsplit

import structlog

from .._errors import DatasetError, SandboxError

__all__ = ["RepoCache", "default_cache_root", "token_for"]

_SHA = re.compile(r"^[0-9a-f]{7,40}$")
_FETCH_TIMEOUT = 3600.0
# A credential helper that answers with the token in its environment; nothing on disk.
_HELPER = '!f() { test "$1" = get || exit 0; echo username=x-access-token; echo "password=$ASE_GIT_PASSWORD"; }; f'
_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()
log = structlog.get_logger()


def _links_as_links(kept: dict[str, str]) -> Callable[[tarfile.TarInfo, str], tarfile.TarInfo | None]:
    """tarfile's ``data`` filter, except that a symbolic link pointing out of the tree
    (``/usr/share/...``, ``../../x``) is kept as the link it is (and noted in ``kept``), as
    upstream's copies keep it (``copytree(symlinks=True)``); nothing in the harness follows a
    link out of a working copy, and refusing it made the whole export fail."""

    def check(member: tarfile.TarInfo, dest: str) -> tarfile.TarInfo | None:
        try:
            return tarfile.data_filter(member, dest)
        except (tarfile.AbsoluteLinkError, tarfile.LinkOutsideDestinationError):
            if not member.issym():
                raise
            kept[member.name] = member.linkname
            return member.replace(mode=0o777, uid=0, gid=0, uname="", gname="", deep=False)

    return check


def default_cache_root() -> Path:
    """``$ASE_REPO_CACHE``, else ``~/.cache/ase_async/repos``."""
    explicit = os.environ.get("ASE_REPO_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ase_async" / "repos"


def token_for(url: str, environ: Mapping[str, str] | None = None) -> str | None:
    """The access token for ``url``'s host, from the environment (never from the URL)."""
    env = os.environ if environ is None else environ
    host = (urlsplit(url).hostname or "").lower()
    if host == "github.com" and env.get("GITHUB_TOKEN"):
        return env["GITHUB_TOKEN"]
    if "gitlab" in host and env.get("GITLAB_TOKEN"):
        return env["GITLAB_TOKEN"]
    return env.get("ASE_GIT_TOKEN") or None


def _check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http", "file", "ssh", "git"):
        raise DatasetError(f"unsupported repository address {url!r}", file=url, field="repo")
    if parts.username or parts.password:
        raise DatasetError("credentials do not belong in a repository URL; set GITHUB_TOKEN "
                           "(or GITLAB_TOKEN, ASE_GIT_TOKEN) instead", file=url, field="repo")


class RepoCache:
    """Bare clones under ``root``, one per repository URL.

    Args:
        root: the cache folder (made on first use).
        environ: where tokens are read (``os.environ`` when None).
    """

    def __init__(self, root: Path | None = None, *, environ: Mapping[str, str] | None = None) -> None:
        self.root = Path(root) if root is not None else default_cache_root()
        self.environ = environ
        #: per export folder, the links that point out of the tree, kept as links (path -> target)
        self.links_out: dict[str, dict[str, str]] = {}

    # -- git ------------------------------------------------------------------------------

    def _env(self, url: str | None) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
        env.update({
            "GIT_TERMINAL_PROMPT": "0", "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_ASKPASS": "/bin/false", "SSH_ASKPASS": "/bin/false", "LC_ALL": "C",
        })
        env.pop("ASE_GIT_PASSWORD", None)
        token = token_for(url, self.environ) if url else None
        if token:
            env["ASE_GIT_PASSWORD"] = token
        return env

    def _git(self, repo: Path, *args: str, url: str | None = None, check: bool = True,
             timeout: float = 600.0) -> subprocess.CompletedProcess[bytes]:
        argv = ["git", "-c", "credential.helper=", "-c", f"credential.helper={_HELPER}",
                "-c", "protocol.file.allow=always", "-c", "core.hooksPath=/dev/null", *args]
        try:
            result = subprocess.run(argv, cwd=repo, env=self._env(url), capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            raise SandboxError(f"git {args[0]} timed out after {timeout:.0f} s in {repo}") from exc
        if check and result.returncode != 0:
            raise SandboxError(f"git {' '.join(args[:3])} failed in {repo}: "
                               f"{result.stderr.decode('utf-8', 'replace').strip()[-800:]}")
        return result

    # -- the cache ------------------------------------------------------------------------

    def path_for(self, url: str) -> Path:
        parts = urlsplit(url)
        readable = re.sub(r"[^A-Za-z0-9_.-]+", "_", f"{parts.hostname or 'local'}{parts.path}").strip("_")[:80]
        return self.root / f"{readable}-{hashlib.sha256(url.encode()).hexdigest()[:10]}.git"

    @contextlib.contextmanager
    def _locked(self, bare: Path) -> Iterator[None]:
        with _locks_guard:
            lock = _locks.setdefault(str(bare), threading.Lock())
        with lock:
            bare.parent.mkdir(parents=True, exist_ok=True)
            with open(bare.with_suffix(".lock"), "a+") as handle:
                fcntl.flock(handle, fcntl.LOCK_EX)  # other harness processes on this cache
                try:
                    yield
                finally:
                    fcntl.flock(handle, fcntl.LOCK_UN)

    def _has_commit(self, bare: Path, rev: str) -> str | None:
        found = self._git(bare, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}", check=False)
        return found.stdout.decode().strip() or None if found.returncode == 0 else None

    def _fetch(self, bare: Path, url: str, *refspecs: str, depth: int | None) -> bool:
        args = ["fetch", "--quiet", "--no-tags", "--no-write-fetch-head"]
        if depth is not None:
            args.append(f"--depth={depth}")
        elif (bare / "shallow").exists():
            args.append("--unshallow")
        result = self._git(bare, *args, url, *refspecs, url=url, check=False, timeout=_FETCH_TIMEOUT)
        return result.returncode == 0

    def _fetch_all(self, bare: Path, url: str) -> None:
        if not self._fetch(bare, url, "+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*", depth=None):
            # Say why, from a fetch that keeps its output.
            self._git(bare, "fetch", url, "+refs/heads/*:refs/remotes/origin/*", url=url, timeout=_FETCH_TIMEOUT)

    def resolve(self, url: str, base_commit: str, *, branch_origin: str | None = None) -> str:
        """Fetch what ``base_commit`` needs and return its full commit hash.

        Raises:
            DatasetError: the URL carries credentials or the commit does not exist.
            SandboxError: git failed (network, authentication).
        """
        _check_url(url)
        bare = self.path_for(url)
        with self._locked(bare):
            if not (bare / "HEAD").exists():
                bare.mkdir(parents=True, exist_ok=True)
                self._git(bare, "init", "--quiet", "--bare")
            if branch_origin:
                source, _, local = branch_origin.partition(":")
                self._fetch(bare, url, f"+{source}:refs/ase/branch/{local or 'origin'}", depth=None)
            want = base_commit.strip()
            parent = want.endswith("^")
            name = want[:-1] if parent else want
            ref = f"refs/ase/base/{re.sub(r'[^A-Za-z0-9_.-]+', '_', want)}"
            found = self._has_commit(bare, want if _SHA.match(name) else ref)
            if found:
                return found
            if name == "HEAD":
                if self._fetch(bare, url, f"+HEAD:{ref}", depth=1):
                    return self._has_commit(bare, ref) or self._missing(url, want)
            elif _SHA.match(name) and len(name) == 40:
                if self._fetch(bare, url, f"+{name}:{ref}", depth=2 if parent else 1):
                    found = self._has_commit(bare, want)
                    if found:
                        return found
            elif not _SHA.match(name):
                for candidate in (f"refs/tags/{name}", f"refs/heads/{name}"):
                    if self._fetch(bare, url, f"+{candidate}:{ref}", depth=2 if parent else 1):
                        found = self._has_commit(bare, f"{ref}^" if parent else ref)
                        if found:
                            return found
            # The server refused the narrow fetch (or a short hash): everything, once.
            self._fetch_all(bare, url)
            for rev in (want, f"refs/tags/{name}" + ("^" if parent else ""),
                        f"refs/remotes/origin/{name}" + ("^" if parent else "")):
                found = self._has_commit(bare, rev)
                if found:
                    return found
            return self._missing(url, want)

    @staticmethod
    def _missing(url: str, want: str) -> str:
        raise DatasetError(f"{want!r} is not a commit, tag or branch of {url}", file=url, field="base_commit")

    def export(self, url: str, base_commit: str, dest: Path, *, subdir_hint: str | None = None,
               branch_origin: str | None = None) -> str:
        """Write the tree of ``base_commit`` into ``dest`` (made empty first); returns the commit.

        When the tree's only top-level entry (hidden ones aside) is the folder ``subdir_hint``,
        that folder becomes the root, as upstream does for mutation repositories.
        """
        commit = self.resolve(url, base_commit, branch_origin=branch_origin)
        bare = self.path_for(url)
        archive = self._git(bare, "archive", "--format=tar", commit, url=None, timeout=_FETCH_TIMEOUT)
        if dest.exists():
            shutil.rmtree(dest)
        dest.mkdir(parents=True)
        with tarfile.open(fileobj=io.BytesIO(archive.stdout), mode="r:") as tar:
            # No absolute paths and no writes out of dest; links out are kept as links.
            out: dict[str, str] = {}
            tar.extractall(dest, filter=_links_as_links(out))
        self.links_out[str(dest)] = out
        if out:
            log.info("repository export kept links that point out of the tree", url=url, commit=commit,
                     links=dict(list(out.items())[:20]), count=len(out))
        if subdir_hint:
            entries = [p for p in dest.iterdir() if not p.name.startswith(".")]
            if len(entries) == 1 and entries[0].name == subdir_hint and entries[0].is_dir() and not entries[0].is_symlink():
                inner = dest.with_name(dest.name + ".inner")
                entries[0].rename(inner)
                shutil.rmtree(dest)
                inner.rename(dest)
        return commit
