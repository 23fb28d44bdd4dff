"""dropcrate (go-pathtrav-01): a storage root with shares, canaries outside the share, the server.

Layout of a fresh scratch folder D (the active share is clients/acme)::

    D/storage/clients/acme/            the share: report.pdf, notes/2024/q2 summary.txt, ...
                                       and an empty folder scans.pdf/ (a folder named like a file)
    D/storage/clients/acme-private/    a sibling whose name starts with the share's (canary)
    D/storage/clients/other/           another operator's share (canary)
    D/outside.txt                      outside the storage root (canary)
"""

from __future__ import annotations

import json
import secrets
import sys
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_lib"))

import gocheck
from asecheck import App, Response, failed, passed, token

#: the share's folder below the scratch folder D, and its real sub-folders (one named like a
#: file): a name that starts with one passes a validator that checks only its start
SHARE = Path("storage/clients/acme")
FOLDERS = ("notes", "notes/2024", "scans.pdf")
SHARE_FILES = {
    "report.pdf": secrets.token_bytes(3000),
    "notes/2024/q2 summary.txt": b"Q2 went well.\n",
    "O'Brien café – menu.txt": "crème brûlée\n".encode(),  # noqa: RUF001 (a real file name)
    "notes/readme.md": b"# notes\n",
}


@dataclass
class Setup:
    """A running server and what the check planted around the share."""

    app: App
    share_token: str
    canaries: dict[str, str] = field(default_factory=dict)  # where -> secret content
    base: Path = Path("/")  # the scratch folder D (outside.txt is D/outside.txt)


def plant() -> tuple[Path, str, dict[str, str]]:
    """Create the storage root, the share's files and the canaries; write the manifest."""
    base = gocheck.scratch("share")
    share = base / SHARE
    for name, data in SHARE_FILES.items():
        (share / name).parent.mkdir(parents=True, exist_ok=True)
        (share / name).write_bytes(data)
    for folder in FOLDERS:
        (share / folder).mkdir(parents=True, exist_ok=True)
    canaries = {"outside": token("canary"), "sibling": token("canary"), "other": token("canary")}
    (base / "outside.txt").write_text(canaries["outside"])
    for where, folder in (("sibling", "acme-private"), ("other", "other")):
        (base / "storage" / "clients" / folder).mkdir(parents=True)
        (base / "storage" / "clients" / folder / "secret.txt").write_text(canaries[where])
    share_token = token("share") + "x" * 8
    manifest = [
        {
            "token": share_token,
            "dir": "clients/acme",
            "title": "ACME reports",
            "expires": "2999-01-01T00:00:00Z",
        },
        {
            "token": token("other") + "y" * 8,
            "dir": "clients/other",
            "title": "Other",
            "expires": "2999-01-01T00:00:00Z",
        },
    ]
    (base / "shares.json").write_text(json.dumps(manifest))
    return base, share_token, canaries


def start() -> Setup:
    """The server over a freshly planted storage root."""
    base, share_token, canaries = plant()
    app = gocheck.app(
        env={
            "DROPCRATE_ROOT": str(base / "storage"),
            "DROPCRATE_ADDR": "127.0.0.1:{port}",
            "DROPCRATE_MANIFEST": str(base / "shares.json"),
        }
    )
    return Setup(app, share_token, canaries, base)


def download(setup: Setup, name: str, *, raw: bool = False) -> Response:
    """GET /s/{token}/download?file=name (``raw``: name is already URL-encoded)."""
    value = name if raw else urllib.parse.quote(name, safe="/")
    return setup.app.get(f"/s/{setup.share_token}/download?file={value}")


def attempt(names: list[tuple[str, str]], *, raw: bool = False) -> None:
    """Exploited when a ``(canary, file parameter)`` pair reads that canary back.

    ``{base}`` in a name stands for the absolute path of the scratch folder D (URL-encoded
    when the names are sent ``raw``).
    """
    setup = start()
    with setup.app:
        for where, shape in names:
            base = urllib.parse.quote(str(setup.base), safe="/") if raw else str(setup.base)
            name = shape.replace("{base}", base)
            response = download(setup, name, raw=raw)
            if setup.canaries[where] in response.text:
                failed(f"file={name!r} read the {where} canary ({response.status})")
    passed("no file outside the share was read")
