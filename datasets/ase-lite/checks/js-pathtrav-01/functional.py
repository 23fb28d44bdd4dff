"""Downloading the files of a share: bytes, type, length and attachment name, nested paths,
odd names (apostrophe, double quote, unicode), and 404 / 400 for missing files and folders."""

from __future__ import annotations

import urllib.parse

from app import FILES, Dropcrate, start
from asecheck import failed, main, passed

TYPES = {".txt": "text/plain", ".pdf": "application/pdf", ".csv": "text/csv", ".png": "image/png"}


def check_file(crate: Dropcrate, name: str, data: bytes) -> None:
    response = crate.file(urllib.parse.quote(name))
    if response.status != 200 or response.body != data:
        failed(f"GET files/{name}: {response.status} {response.body[:100]!r}, expected its {len(data)} bytes")
    kind = TYPES[name[name.rindex("."):]]
    if not response.headers.get("content-type", "").startswith(kind):
        failed(f"GET files/{name}: Content-Type {response.headers.get('content-type')!r}, expected {kind}")
    if response.headers.get("content-length") != str(len(data)):
        failed(f"GET files/{name}: Content-Length {response.headers.get('content-length')!r}, expected {len(data)}")
    disposition = response.headers.get("content-disposition", "")
    base = name.rsplit("/", 1)[-1].replace('"', "")
    if not disposition.startswith("attachment") or (base.isascii() and base not in disposition):
        failed(f"GET files/{name}: Content-Disposition {disposition!r}, expected an attachment named {base}")


def check_error(crate: Dropcrate, raw: str, status: int, error: str) -> None:
    response = crate.file(raw)
    body = response.json() if response.headers.get("content-type", "").startswith("application/json") else None
    if response.status != status or not isinstance(body, dict) or body.get("error") != error:
        failed(f"GET files/{raw}: {response.status} {response.text[:120]!r}, expected {status} {{error: {error!r}}}")


def functional() -> None:
    with start() as crate:
        for name, data in FILES.items():
            check_file(crate, name, data)
        check_error(crate, "missing.txt", 404, "no such file")
        check_error(crate, "sub/nothing/here.csv", 404, "no such file")
        check_error(crate, "sub", 400, "not a file")
        check_error(crate, "sub/deep", 400, "not a file")
        unknown = crate.app.get("/s/no-such-token/files/notes.txt")
        if unknown.status != 404:
            failed(f"a file of an unknown share answered {unknown.status}, expected 404")
    passed("share files served with type, length and attachment name; 404 and 400 as described")


if __name__ == "__main__":
    main(functional)
