"""Compile the check interpreter's standard library and packages into a bytecode cache.

    python3 sandboxes/runtime/python/bytecode.py FOLDER

The dynamic checks run Python with ``-X pycache_prefix=FOLDER``: the code under test runs in
the same sandbox and could plant a ``.pyc`` beside a source, so the checks never read
bytecode from anywhere it can write. FOLDER is made here, outside every sandbox, and every
sandbox sees it read-only (the runtime folder on a host, the image's file system in a
container). Without it every check process would compile each module it imports from
source, about 0.4 s of CPU per step. Run by scripts/runtime/python.sh and the image build;
idempotent, and stale files are harmless (Python checks each source's size and mtime).
"""

from __future__ import annotations

import compileall
import importlib.util
import re
import sys
import sysconfig
from pathlib import Path

#: what the check programs import beyond the standard library (datasets/ase-lite/checks)
PACKAGES = ("html5lib", "webencodings", "six", "flask", "werkzeug", "jinja2", "markupsafe", "itsdangerous",
            "click", "blinker", "PIL")
#: parts of the standard library no check imports, and the packages installed beside it
SKIPPED = re.compile(r"[/\\](test|tests|idlelib|tkinter|turtledemo|lib2to3|ensurepip|pydoc_data|site-packages|dist-packages)[/\\]")


def main(folder: str) -> int:
    sys.pycache_prefix = str(Path(folder).resolve())
    ok = compileall.compile_dir(sysconfig.get_paths()["stdlib"], quiet=1, rx=SKIPPED, workers=0)
    for name in PACKAGES:
        spec = importlib.util.find_spec(name)
        if spec is None or spec.origin is None:
            continue  # not installed for this interpreter: its checks compile it from source
        origin = Path(spec.origin)
        if origin.name == "__init__.py":
            ok &= compileall.compile_dir(origin.parent, quiet=1, workers=0)
        else:
            ok &= compileall.compile_file(origin, quiet=1)
    print(f"bytecode of {sys.executable} ({sys.version.split()[0]}) in {sys.pycache_prefix}")
    if not ok:
        # Only slower, never wrong: the checks compile such a module from source each time.
        print("some modules did not compile (listed above); the checks compile those from source", file=sys.stderr)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
