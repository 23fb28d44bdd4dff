"""Downloads of stored files: bytes, content type, Content-Disposition, odd names, 400 and 404 answers."""

from __future__ import annotations

from common import FILES, MIME, attachment, download, make_storage, start

from asecheck import failed, main, passed


def step() -> None:
    storage = make_storage()
    with start(storage) as app:
        for name, content in FILES.items():
            reply = download(app, name)
            if reply.status != 200 or reply.body != content:
                failed(f"download of {name!r}: status {reply.status}, {len(reply.body)} bytes instead of {len(content)}")
            extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
            want = MIME.get(extension, "application/octet-stream")
            got = reply.headers.get("content-type", "").split(";")[0].strip().lower()
            if got != want:
                failed(f"download of {name!r}: content type {got!r}, expected {want!r}")
            disposition = reply.headers.get("content-disposition")
            if disposition != attachment(name):
                failed(f"download of {name!r}: Content-Disposition {disposition!r}, expected {attachment(name)!r}")
        refused: list[tuple[str | None, int]] = [(None, 400), ("", 400), ("missing.pdf", 404), ("sub", 404),
                                                 ("REPORT.PDF", 404)]
        for wrong, status in refused:
            reply = download(app, wrong)
            if reply.status != status:
                failed(f"download of {wrong!r}: expected {status}, got {reply.status}")
    passed("stored files are served with their bytes, type and name; missing names and folders are refused")


main(step)
