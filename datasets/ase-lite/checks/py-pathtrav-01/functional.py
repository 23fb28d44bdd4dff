"""Download of shared files: uploaded and stored names, binary content, attachment, refusals."""

from __future__ import annotations

import urllib.parse

from common import HEADERS, download, layout, start

from asecheck import App, failed, main, passed
from python_flask import json_of, multipart

FILES = {
    "notes.txt": b"meeting notes\n",
    "report-2024_v2.final.pdf": b"%PDF-1.4 fake report",
    "data.bin": bytes(range(256)) * 4,
    "empty.txt": b"",
}


def fetch(app: App, name: str, expected: bytes) -> None:
    response = download(app, urllib.parse.quote(name))
    if response.status != 200 or response.body != expected:
        failed(f"downloading {name!r}: status {response.status}, {len(response.body)} bytes, expected {len(expected)}")
    disposition = response.headers.get("content-disposition", "")
    if "attachment" not in disposition or name not in urllib.parse.unquote(disposition):
        failed(f"downloading {name!r}: Content-Disposition {disposition!r} is not an attachment named {name!r}")


def upload(app: App, filename: str, data: bytes) -> str:
    body, headers = multipart({}, {"file": (filename, data)})
    response = app.post("/files", body=body, headers={**HEADERS, **headers})
    stored = (json_of(response) or {}).get("name") if response.status == 201 else None  # type: ignore[union-attr]
    if not isinstance(stored, str):
        failed(f"uploading {filename!r} failed: {response.status} {response.text[:200]!r}")
    return stored  # type: ignore[return-value]


def step() -> None:
    share = layout()
    for name, data in FILES.items():
        (share.root / name).write_bytes(data)
    with start(share) as app:
        for name, data in FILES.items():
            fetch(app, name, data)
        for filename, data in [("Quarterly report (final).pdf", b"quarterly"), ("café menu.txt", "ünïcödé".encode()),
                               ("O'Brien.txt", b"apostrophe")]:
            fetch(app, upload(app, filename, data), data)
        (share.root / "notes.txt").write_bytes(b"changed\n")
        fetch(app, "notes.txt", b"changed\n")
        for missing in ("missing.txt", "", "notes", "NOTES.TXT"):
            response = download(app, urllib.parse.quote(missing))
            if response.status == 200:
                failed(f"downloading {missing!r}, which is not in the share, answered 200 with {response.body[:60]!r}")
        if app.get("/files/download?name=notes.txt").status != 401:
            failed("a download without the token was not refused with 401")
    passed("shared and uploaded files download as attachments with their exact bytes; missing names do not")


if __name__ == "__main__":
    main(step)
