"""go-pathtrav-01 functional: share files download with their bytes and an attachment name."""

from __future__ import annotations

from common import SHARE_FILES, download, start

from asecheck import failed, main, passed


def run() -> None:
    setup = start()
    with setup.app:
        for name, data in SHARE_FILES.items():
            for asked in (name, "/" + name):
                response = download(setup, asked)
                if response.status != 200 or response.body != data:
                    failed(
                        f"file={asked!r}: status {response.status}, {len(response.body)} bytes, want {len(data)}"
                    )
                disposition = response.headers.get("content-disposition", "")
                if not disposition.startswith("attachment"):
                    failed(f"file={asked!r}: Content-Disposition {disposition!r}")
        for name in ("report.pdf", "notes/2024/q2 summary.txt"):
            disposition = download(setup, name).headers.get("content-disposition", "")
            if name.rsplit("/", 1)[-1] not in disposition:
                failed(f"file={name!r}: Content-Disposition {disposition!r} lacks the base name")
        for missing in ("nope.txt", "notes/2023/q1.txt", "notes", "notes/2024"):
            response = download(setup, missing)
            if response.status != 404:
                failed(f"file={missing!r}: status {response.status}, want 404")
    passed("share files download with their bytes; missing files and folders are 404")


if __name__ == "__main__":
    main(run)
