"""Java servlet applications under check: compiled once by `prepare`, served by the ase adapter.

The repositories are javax.servlet web applications (``@WebServlet`` classes, JDBC). Offline
there is no Maven, Tomcat or database server, so the runtime (sandboxes/runtime/java) brings a
small servlet adapter on the JDK's HTTP server and a JDBC stand-in that runs the application's
MySQL or PostgreSQL statements on SQLite. Every source file of the working copy is compiled,
so renamed or moved classes of a mutation are found like the originals.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from xml.etree.ElementTree import Element

from asecheck import CHECK_DIR, App, AppDidNotStart, broken, failed, passed, token

BUILD = CHECK_DIR / "build"
CLASSES = BUILD / "classes"
BUILD_ERRORS = BUILD / "errors.txt"
BUILT = BUILD / "built.txt"  # written once javac succeeded
JARS = ("servlet-api.jar", "sqlite-jdbc.jar")
# Small reservations for heap, code cache and class space keep javac and the app well inside RLIMIT_AS.
MEMORY_FLAGS = (
    "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=48m",
    "-XX:CompressedClassSpaceSize=64m", "-XX:MaxMetaspaceSize=160m", "-XX:-UsePerfData", "-Xshare:auto",
)
JVM_FLAGS = (*MEMORY_FLAGS, "-Xss512k", "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8")
# The JVM and glibc reserve address space generously; these keep it far below RLIMIT_AS.
JVM_ENV = {"MALLOC_ARENA_MAX": "2", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "TZ": "UTC"}


def runtime_dir() -> Path:
    """sandboxes/runtime/java: from ASE_RUNTIME, else found beside the project running us."""
    candidates = []
    if os.environ.get("ASE_RUNTIME"):
        candidates.append(Path(os.environ["ASE_RUNTIME"]))
    for start in (Path(sys.prefix), Path(__file__).resolve(), Path.cwd()):
        candidates += [parent / "sandboxes" / "runtime" for parent in start.parents]
    for candidate in candidates:
        if (candidate / "java" / "src" / "ase" / "servlet" / "Main.java").is_file():
            return candidate / "java"
    broken("the java runtime (sandboxes/runtime/java) was not found: set ASE_RUNTIME")
    raise AssertionError  # broken() exits


def jars() -> list[Path]:
    """The servlet API and the SQLite JDBC driver, installed by scripts/runtime/java.sh."""
    found = []
    for name in JARS:
        for folder in (runtime_dir() / "lib", Path("/usr/share/java")):
            if (folder / name).is_file():
                found.append(folder / name)
                break
        else:
            broken(f"{name} is missing: run scripts/runtime/java.sh")
    return found


def prebuilt_runtime() -> Path | None:
    """The runtime compiled ahead by scripts/runtime/java.sh, when it was built from the
    sources there now (its stamp is what ``sha256sum`` printed for them); None otherwise, and
    the prepare step compiles the runtime with the application as before."""
    jar = runtime_dir() / "build" / "ase-runtime.jar"
    stamp = runtime_dir() / "build" / "ase-runtime.sources"
    if not (jar.is_file() and stamp.is_file()):
        return None
    listing = "".join(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.relative_to(runtime_dir()).as_posix()}\n"
                      for path in sorted((runtime_dir() / "src").rglob("*.java"),
                                         key=lambda p: p.relative_to(runtime_dir()).as_posix().encode()))
    return jar if stamp.read_text().strip() == hashlib.sha256(listing.encode()).hexdigest() else None


def _sources(root: Path) -> list[Path]:
    skip = {".ase-check", ".git", "target", "build", "test", "node_modules"}
    return sorted(
        path for path in root.rglob("*.java")
        if not skip.intersection(path.relative_to(root).parts[:-1])
    )


def prepare() -> None:
    """The `prepare` step: compile every source of the working copy against the prebuilt
    runtime (or together with the runtime's sources, where it was not built ahead)."""
    if shutil.which("javac") is None:
        broken("javac is missing: run scripts/runtime/java.sh")
    prebuilt = prebuilt_runtime()
    runtime_sources = [] if prebuilt else sorted((runtime_dir() / "src").rglob("*.java"))
    app_sources = _sources(Path.cwd())
    if not app_sources:
        failed("no Java source in the working copy")
    shutil.rmtree(BUILD, ignore_errors=True)
    CLASSES.mkdir(parents=True)
    listing = BUILD / "sources.txt"
    listing.write_text("\n".join(f'"{p}"' for p in runtime_sources + app_sources) + "\n")
    done = subprocess.run(
        ["javac", *(f"-J{flag}" for flag in MEMORY_FLAGS), "-encoding", "UTF-8", "-nowarn", "-proc:none",
         "-d", str(CLASSES), "-cp", os.pathsep.join(map(str, [*([prebuilt] if prebuilt else []), *jars()])),
         f"@{listing}"],
        capture_output=True, text=True, env={**os.environ, **JVM_ENV}, timeout=280,
    )
    if done.returncode != 0:
        errors = done.stdout + done.stderr
        BUILD_ERRORS.write_text(errors)
        located = [line for line in errors.splitlines() if ": error:" in line]
        if not located or any(line.startswith(str(runtime_dir())) for line in located):
            broken(f"javac failed outside the code under check: {errors.strip()[:300]}")
        failed(f"the code does not compile: {errors.strip().splitlines()[0] if errors.strip() else done.returncode}")
    BUILT.write_text(f"{len(app_sources)} sources, runtime {'prebuilt' if prebuilt else 'compiled with them'}\n")
    passed(f"compiled {len(app_sources)} source files")


def workdir(name: str = "run") -> Path:
    """A fresh folder of the working copy for this step's files (storage, databases, markers)."""
    folder = CHECK_DIR / f"{name}-{token('')}"
    folder.mkdir(parents=True)
    return folder.resolve()


def sqlite_db(path: Path, script: str, rows: Mapping[str, Sequence[tuple[object, ...]]] | None = None) -> Path:
    """A SQLite database made from a schema script and rows per table (the check's own connection)."""
    with sqlite3.connect(path) as db:
        db.executescript(script)
        for table, values in (rows or {}).items():
            if values:
                marks = ", ".join("?" * len(values[0]))
                db.executemany(f"INSERT INTO {table} VALUES ({marks})", values)
    return path


def java_app(env: Mapping[str, str] | None = None, db: Path | None = None, cwd: Path | None = None) -> App:
    """The compiled application on the adapter; ``db`` is the SQLite file behind jdbc:mysql/postgresql URLs."""
    if not BUILT.is_file():
        reason = BUILD_ERRORS.read_text()[:400] if BUILD_ERRORS.is_file() else "the prepare step did not build it"
        raise AppDidNotStart(f"the code does not compile: {reason}")
    prebuilt = prebuilt_runtime()
    resources = [Path.cwd() / "src" / "main" / "resources"]
    # The runtime first: a class of the working copy may not stand in for the adapter's own.
    classpath = [*([prebuilt] if prebuilt else []), CLASSES, *[r for r in resources if r.is_dir()], *jars()]
    argv = ["java", *JVM_FLAGS]
    if db is not None:
        argv.append(f"-Dase.db={db}")
    argv += ["-cp", os.pathsep.join(map(str, classpath)), "ase.servlet.Main", "{port}", str(CLASSES)]
    webapp = Path.cwd() / "src" / "main" / "webapp"
    if webapp.is_dir():
        argv.append(str(webapp))
    return App(argv=argv, env={**JVM_ENV, **(env or {})}, cwd=str(cwd or Path.cwd()))


def session_cookie(app: App, **attributes: str) -> str:
    """Signs in through the adapter's stand-in login; values like ``long:7`` are typed. Returns the Cookie header."""
    reply = app.post("/__ase/session", query=attributes)
    cookie = reply.headers.get("set-cookie", "").split(";", 1)[0]
    if reply.status != 204 or not cookie:
        broken(f"the stand-in login did not answer a session: {reply.status}")
    return cookie


def html_tree(text: str) -> Element:
    """The page as an HTML5 parser builds it (html5lib etree, no namespaces)."""
    import html5lib

    tree: Element = html5lib.parse(text, treebuilder="etree", namespaceHTMLElements=False)
    return tree


def elements(tree: Element, tag: str, css_class: str | None = None) -> list[Element]:
    """Elements named ``tag`` (with ``css_class`` among their classes, when given), in document order."""
    return [e for e in tree.iter(tag) if css_class is None or css_class in e.get("class", "").split()]


def text(element: Element) -> str:
    """The element's text content with runs of white space folded to one space."""
    return " ".join("".join(element.itertext()).split())


if __name__ == "__main__":
    from asecheck import main

    main(prepare)
