"""Dropbin on a fresh storage folder, with canary files beside it (outside the served root)."""

from __future__ import annotations

import re
import sys
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_lib"))

from asecheck import App, Response, token
from java_servlet import java_app, workdir

FILES: dict[str, bytes] = {
    "report.pdf": b"%PDF-1.4\n% stand-in report\n%%EOF\n",
    "notes.txt": "Grüße aus Zürich — ünïcödé ✓\nline two\n".encode(),
    "O'Brien plan.csv": b"name,amount\nO'Brien,12\n",
    "résumé 2024.txt": "Résumé\n".encode(),
    "photo.JPG": bytes(range(256)) * 4,
    "archive": b"\x00\x01binary without extension\xff",
}
MIME = {"pdf": "application/pdf", "txt": "text/plain", "csv": "text/csv", "jpg": "image/jpeg"}


@dataclass
class Storage:
    root: Path  # the served folder
    secret: str  # content of the canaries
    parent_canary: Path  # beside the served folder
    sibling_canary: Path  # in <root>-evil, a sibling whose name starts like the root's


def make_storage() -> Storage:
    base = workdir("dropbin")
    root = base / "files"
    root.mkdir()
    for name, content in FILES.items():
        (root / name).write_bytes(content)
    (root / "sub").mkdir()
    (root / "sub" / "inner.txt").write_text("inner\n")
    secret = token("canary")
    parent = base / f"{token('secret')}.txt"
    parent.write_text(secret)
    sibling = base / "files-evil" / f"{token('secret')}.txt"
    sibling.parent.mkdir()
    sibling.write_text(secret)
    return Storage(root, secret, parent, sibling)


def start(storage: Storage) -> App:
    return java_app({"DROPBIN_STORAGE": str(storage.root)}, cwd=storage.root.parent)


def download(app: App, name: str | None) -> Response:
    return app.get("/files/download", query=None if name is None else {"name": name})


def download_raw(app: App, encoded: str) -> Response:
    """The name sent exactly as given (already percent-encoded)."""
    return app.get("/files/download?name=" + encoded)


def attachment(name: str) -> str:
    """Content-Disposition as net.dropbin.util.ContentDisposition builds it (RFC 6266 / 5987)."""
    ascii_name = re.sub(r"[^\x20-\x7e]", "_", name).replace("\\", "_").replace('"', "_")
    utf8 = urllib.parse.quote(name, safe="*-._")
    return f'attachment; filename="{ascii_name}"; filename*=UTF-8\'\'{utf8}'
