"""Harbor started on bare mirrors that prepare.py builds once with git fast-import."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_lib"))

from asecheck import CHECK_DIR, App  # noqa: E402
from python_flask import flask_app  # noqa: E402

MIRRORS = CHECK_DIR / "mirrors"
EXPECTED = CHECK_DIR / "expected.json"
# Git's own environment: no system or user configuration, whatever the machine has.
GIT_ENV = {"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_TERMINAL_PROMPT": "0",
           "LC_ALL": "C.UTF-8"}


def start() -> App:
    return flask_app({"HARBOR_REPOS": str(MIRRORS), "HARBOR_GIT": "git", "HARBOR_GIT_TIMEOUT": "10",
                      "HARBOR_DEFAULT_BRANCH": "main", **GIT_ENV})
