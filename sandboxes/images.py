"""Building the evaluation image without pulling anything from a registry.

The recipe lives in ``images/``: ``Dockerfile`` for machines that can pull
``debian:bookworm-slim``, and ``Dockerfile.offline`` for everyone else, which this module
builds in four steps, each reused when already done::

    debootstrap --variant=minbase bookworm  ->  ~/.cache/ase_async/rootfs-bookworm-minbase.tar
    docker import                           ->  ase-async-base:bookworm
    pip wheel (host, same Python as Debian) ->  ~/.cache/ase_async/wheels-<digest>/
    docker build -f Dockerfile.offline      ->  ase-async-eval:latest (labelled with the recipe digest)

Only the Debian mirror apt already uses on the host (read from ``/etc/apt/sources.list*``,
or ``ASE_DEBIAN_MIRROR``) and PyPI (through pip on the host) are contacted. The image is
rebuilt when its recipe changes (Dockerfile, requirements, init, the harness's semgrep
version), reused otherwise.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import structlog

from ase_async._errors import ConfigError, SandboxError

__all__ = ["BASE_TAG", "DEFAULT_TAG", "build_image", "cache_dir", "debian_mirrors", "image_id"]

log = structlog.get_logger()

DEFAULT_TAG = "ase-async-eval:latest"
BASE_TAG = "ase-async-base:bookworm"
RECIPE = Path(__file__).parent / "images"
SUITE = "bookworm"
# Debian bookworm's python3 is 3.11: wheels built by a 3.11 host install there unchanged.
IMAGE_PYTHON = (3, 11)
_RECIPE_LABEL = "ase_async.recipe"


def cache_dir() -> Path:
    """Where the root file system and the wheels are kept between builds."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    path = Path(base) / "ase_async"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _run(argv: list[str], *, what: str, timeout: float = 3600, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    log.info("image build step", step=what, command=" ".join(argv[:6]))
    try:
        result = subprocess.run(argv, capture_output=True, timeout=timeout, **kwargs)  # type: ignore[call-overload]  # kwargs are subprocess options
    except FileNotFoundError as exc:
        raise ConfigError(f"{what}: {argv[0]} is not installed") from exc
    except subprocess.TimeoutExpired as exc:
        raise SandboxError(f"{what}: timed out after {timeout:.0f} s") from exc
    if result.returncode != 0:
        tail = (result.stderr or result.stdout).decode("utf-8", "replace")[-3000:]
        raise SandboxError(f"{what} failed ({' '.join(argv[:4])} ...): {tail}")
    return result


def debian_mirrors() -> tuple[str, str | None]:
    """The Debian mirror and security mirror apt uses here (``ASE_DEBIAN_MIRROR`` wins)."""
    main: str | None = os.environ.get("ASE_DEBIAN_MIRROR")
    security: str | None = None
    files = [Path("/etc/apt/sources.list"), *sorted(Path("/etc/apt/sources.list.d").glob("*"))]
    for path in files:
        try:
            text = path.read_text("utf-8", "replace")
        except OSError:
            continue
        entries: list[tuple[str, list[str]]] = []
        if path.suffix == ".sources":
            for stanza in re.split(r"\n\s*\n", text):
                fields = dict(re.findall(r"^(\w[\w-]*):\s*(.*)$", stanza, re.M))
                for uri in fields.get("URIs", "").split():
                    entries.append((uri, fields.get("Suites", "").split()))
        else:
            for line in text.splitlines():
                words = re.sub(r"\[[^]]*\]", "", line.split("#", 1)[0]).split()
                if len(words) >= 3 and words[0] == "deb":
                    entries.append((words[1], [words[2]]))
        for uri, suites in entries:
            if SUITE in suites and main is None:
                main = uri.rstrip("/")
            if f"{SUITE}-security" in suites and security is None:
                security = uri.rstrip("/")
    return main or "http://deb.debian.org/debian", security


def _rootfs_tarball() -> Path:
    """The debootstrap root file system, made once and cached."""
    tarball = cache_dir() / f"rootfs-{SUITE}-minbase.tar"
    if tarball.exists():
        return tarball
    if shutil.which("debootstrap") is None:
        if os.geteuid() == 0 and shutil.which("apt-get"):
            _run(["apt-get", "install", "-y", "-qq", "debootstrap"], what="install debootstrap",
                 env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
        else:
            raise ConfigError("building the image offline needs debootstrap (apt-get install debootstrap)")
    if os.geteuid() != 0:
        raise ConfigError("debootstrap must run as root to make the image's root file system")
    mirror, security = debian_mirrors()
    with tempfile.TemporaryDirectory(prefix="ase-rootfs-", dir=cache_dir()) as scratch:
        rootfs = Path(scratch) / "rootfs"
        _run(["debootstrap", "--variant=minbase", SUITE, str(rootfs), mirror], what="debootstrap")
        sources = [f"deb {mirror} {SUITE} main", f"deb {mirror} {SUITE}-updates main"]
        if security:
            sources.append(f"deb {security} {SUITE}-security main")
        (rootfs / "etc/apt/sources.list").write_text("\n".join(sources) + "\n")
        for leftover in ("var/cache/apt/archives", "var/lib/apt/lists"):
            for item in (rootfs / leftover).glob("*"):
                if item.is_file():
                    item.unlink()
        partial = tarball.with_suffix(".partial")
        _run(["tar", "--numeric-owner", "-C", str(rootfs), "-cf", str(partial), "."], what="pack the root file system")
        partial.replace(tarball)
    return tarball


def image_id(tag: str) -> str | None:
    """The id of a local image, or None when there is none."""
    found = subprocess.run(["docker", "image", "inspect", "-f", "{{.Id}}", tag], capture_output=True, timeout=60)
    return found.stdout.decode().strip() or None if found.returncode == 0 else None


def _label(tag: str, name: str) -> str | None:
    found = subprocess.run(
        ["docker", "image", "inspect", "-f", f'{{{{index .Config.Labels "{name}"}}}}', tag],
        capture_output=True, timeout=60,
    )
    return found.stdout.decode().strip() or None if found.returncode == 0 else None


def _base_image(rebuild: bool) -> None:
    if not rebuild and image_id(BASE_TAG):
        return
    tarball = _rootfs_tarball()
    _run(["docker", "import", str(tarball), BASE_TAG], what="import the root file system")


def _semgrep_version() -> str:
    try:
        return importlib.metadata.version("semgrep")
    except importlib.metadata.PackageNotFoundError:
        return ""


#: the languages whose check runtimes are installed by their script inside the image
#: (Python's packages come as wheels with requirements.txt; JavaScript's modules are
#: copied as installed on the host: npm and pip inside a build may not reach their registries)
_IMAGE_RUNTIME_SCRIPTS = ("php", "go", "java")
_PROJECT = RECIPE.parent.parent
#: folders of sandboxes/runtime that each machine makes for itself (its git-ignored build
#: output: a Go build cache, the Java adapter's jar, the checks' bytecode, the stand-in
#: client); the image build makes its own, so they are neither copied into the context nor
#: part of the recipe digest
_MADE_ON_EACH_MACHINE = (("go", "cache"), ("java", "build"), ("bytecode",), ("standin", "ase-standin"))


def _runtime_files() -> dict[str, Path]:
    """The dynamic checks' runtimes, by their path in the build context (``ase-src/...``)."""
    files: dict[str, Path] = {}
    for name in _IMAGE_RUNTIME_SCRIPTS:
        script = _PROJECT / "scripts" / "runtime" / f"{name}.sh"
        if script.is_file():
            files[f"ase-src/scripts/runtime/{name}.sh"] = script
    root = _PROJECT / "sandboxes" / "runtime"
    for path in sorted(root.rglob("*")) if root.is_dir() else []:
        relative = path.relative_to(root)
        made_here = any(relative.parts[:len(made)] == made for made in _MADE_ON_EACH_MACHINE)
        if path.is_file() and "__pycache__" not in relative.parts and not made_here:
            files[f"ase-src/sandboxes/runtime/{relative.as_posix()}"] = path
    return files


def _recipe_digest() -> str:
    digest = hashlib.sha256()
    for name in ("Dockerfile.offline", "requirements.txt", "ase-init"):
        digest.update((RECIPE / name).read_bytes())
    digest.update(_semgrep_version().encode())
    for name, path in _runtime_files().items():
        digest.update(name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _wheels(digest: str) -> Path:
    """Wheels for the image's Python, downloaded (or built) on the host and cached."""
    folder = cache_dir() / f"wheels-{digest}"
    if (folder / ".complete").exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    requirements = [str(RECIPE / "requirements.txt")]
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as constraints:
        if _semgrep_version():
            constraints.write(f"semgrep=={_semgrep_version()}\n")
    try:
        if sys.version_info[:2] == IMAGE_PYTHON and sys.platform == "linux":
            # Same interpreter version and a glibc Linux: build what has no wheel (rare).
            argv = [sys.executable, "-m", "pip", "wheel", "-q", "--wheel-dir", str(folder),
                    "-r", *requirements, "-c", constraints.name]
        else:
            argv = [sys.executable, "-m", "pip", "download", "-q", "--dest", str(folder),
                    "--only-binary=:all:", "--python-version", "3.11", "--implementation", "cp",
                    "--platform", "manylinux2014_x86_64", "--platform", "manylinux_2_28_x86_64",
                    "--platform", "linux_x86_64", "-r", *requirements, "-c", constraints.name]
        _run(argv, what="download the image's Python wheels", timeout=1800)
    finally:
        os.unlink(constraints.name)
    (folder / ".complete").write_text("")
    return folder


def _build_env() -> dict[str, str]:
    env = dict(os.environ)
    if "DOCKER_BUILDKIT" not in env:
        probe = subprocess.run(["docker", "buildx", "version"], capture_output=True, timeout=60)
        if probe.returncode != 0:
            env["DOCKER_BUILDKIT"] = "0"  # no buildx plugin: the classic builder, without its warning
    return env


def build_image(tag: str = DEFAULT_TAG, *, rebuild: bool = False) -> str:
    """Build (or reuse) the evaluation image offline and return its id (``sha256:...``).

    The image is reused when ``tag`` exists and was built from the current recipe, unless
    ``rebuild``; ``rebuild`` also remakes the imported base image (not the cached debootstrap
    tarball: delete ``~/.cache/ase_async/rootfs-*.tar`` for that).

    Raises:
        ConfigError: docker, debootstrap or root rights are missing.
        SandboxError: a build step failed (the message holds the tail of its output).
    """
    if shutil.which("docker") is None:
        raise ConfigError("building the image needs the docker CLI and a running engine")
    digest = _recipe_digest()
    if not rebuild and image_id(tag) and _label(tag, _RECIPE_LABEL) == digest:
        found = image_id(tag)
        assert found is not None
        log.info("image reused", tag=tag, id=found)
        return found
    previous = image_id(tag)
    _base_image(rebuild)
    wheels = _wheels(digest)
    with tempfile.TemporaryDirectory(prefix="ase-image-") as scratch:
        context = Path(scratch)
        for name in ("Dockerfile.offline", "requirements.txt", "ase-init"):
            shutil.copy2(RECIPE / name, context / name)
        # Hard links where possible: the context is tarred by the CLI anyway.
        shutil.copytree(wheels, context / "wheels", copy_function=_link_or_copy,
                        ignore=shutil.ignore_patterns(".complete"))
        (context / "ase-src").mkdir()
        for name, path in _runtime_files().items():
            (context / name).parent.mkdir(parents=True, exist_ok=True)
            _link_or_copy(str(path), str(context / name))
        argv = ["docker", "build", "-q", "-t", tag, "-f", str(context / "Dockerfile.offline"),
                "--build-arg", f"BASE={BASE_TAG}", "--label", f"{_RECIPE_LABEL}={digest}", str(context)]
        if rebuild:
            argv.insert(2, "--no-cache")
        _run(argv, what="docker build", timeout=3600, env=_build_env())
    found = image_id(tag)
    if found is None:
        raise SandboxError(f"docker build finished but {tag} is not there")
    if previous and previous != found:
        # The replaced image is untagged now; drop it unless a container still uses it.
        subprocess.run(["docker", "image", "rm", previous], capture_output=True, timeout=300)
    log.info("image built", tag=tag, id=found)
    return found


def _link_or_copy(source: str, target: str) -> str:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
    return target
