"""Dropbin started on a fresh share folder, with canaries beside it and under /tmp."""

from __future__ import annotations

import atexit
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_lib"))

from asecheck import App, Response, token  # noqa: E402
from python_flask import flask_app, state_dir  # noqa: E402

#: real folders of the share, one named like a file: a value that starts with one passes a
#: validator that checks only its start, and the kernel can walk into it and back out
FOLDERS = ("archive", "scans.pdf")

TOKEN = token("dropbin")
HEADERS = {"X-Dropbin-Token": TOKEN}


@dataclass
class Share:
    """The share root, and secrets outside it that no download may return."""

    root: Path
    outside: Path  # beside the share: <state>/secret-*.txt
    sibling: Path  # in <root>-evil/, a folder whose name starts like the share's
    elsewhere: Path  # under /tmp
    secret: str


def layout() -> Share:
    state = state_dir("dropbin")
    root = state / "files"
    root.mkdir()
    # A folder named "...." lets "....//../../x" reach x whether or not "../" is stripped once.
    (root / "....").mkdir()
    for folder in FOLDERS:
        (root / folder).mkdir()
    secret = token("canary")
    outside = state / f"secret-{secret}.txt"
    sibling = state / "files-evil" / "secret.txt"
    sibling.parent.mkdir()
    elsewhere = Path("/tmp") / f"ase-dropbin-{secret}" / "secret.txt"
    elsewhere.parent.mkdir(parents=True)
    atexit.register(shutil.rmtree, elsewhere.parent, True)
    for path in (outside, sibling, elsewhere):
        path.write_text(f"{secret}\n")
    return Share(root, outside, sibling, elsewhere, secret)


def start(share: Share) -> App:
    return flask_app({"DROPBIN_ROOT": str(share.root), "DROPBIN_TOKEN": TOKEN})


def download(app: App, raw_name: str) -> Response:
    """GET /files/download?name=RAW_NAME, the name sent exactly as given (already encoded)."""
    return app.get(f"/files/download?name={raw_name}", headers=HEADERS)
