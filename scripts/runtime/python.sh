#!/bin/sh
# Runtime of the ase-lite Python (Flask) checks, installed idempotently on a Debian machine as root.
#
#   scripts/runtime/python.sh [VENV]      # VENV: the harness's venv, by default the project's .venv
#
# - git (Debian package): py-cmdi-01's application runs git log against bare mirrors.
# - Python packages of sandboxes/runtime/python/requirements.txt (PyPI) into VENV: Flask for
#   every application, Pillow for py-pathtrav-02, html5lib for the XSS checks.
# - sandboxes/runtime/python/ffmpeg.py, the ffmpeg stand-in of py-cmdi-02, needs only Python.
# - sandboxes/runtime/bytecode/: the standard library and those packages compiled for VENV's
#   Python, the only bytecode the checks read (see sandboxes/runtime/python/bytecode.py).
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VENV=${1:-$ROOT/.venv}
RUNTIME=$ROOT/sandboxes/runtime/python

if ! command -v git >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends git ca-certificates
fi

if [ ! -x "$VENV/bin/python" ]; then
    command -v python3 >/dev/null 2>&1 || {
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -q
        apt-get install -y -q --no-install-recommends python3 python3-venv
    }
    python3 -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$RUNTIME/requirements.txt"
"$VENV/bin/python" -c "import flask, PIL, html5lib"
# The checks' Python reads bytecode only from this folder, which sandboxes see read-only.
"$VENV/bin/python" -E -s "$RUNTIME/bytecode.py" "$ROOT/sandboxes/runtime/bytecode"
echo "python runtime ready: $("$VENV/bin/python" -V), git $(git --version | cut -d' ' -f3), $RUNTIME"
