"""PDF export runs pandoc on the note with the paper size, title and table of contents asked
for, sends the PDF as <slug>.pdf, and reports pandoc's failure as a 500 with its stderr."""

from __future__ import annotations

import json

from app import MISSING, NOTES, start
from asecheck import App, Response, failed, main, passed


def export(app: App, slug: str, body: dict[str, object]) -> Response:
    return app.post(f"/notes/{slug}/export", json_body=body)


def pdf_record(response: Response, slug: str, what: str) -> dict[str, object]:
    """The fake PDF's recorded inputs; fails unless the response is that PDF, as a download."""
    disposition = response.headers.get("content-disposition", "")
    if response.status != 200 or not response.body.startswith(b"%PDF"):
        failed(f"{what}: answered {response.status} {response.body[:200]!r}")
    if "attachment" not in disposition or f"{slug}.pdf" not in disposition:
        failed(f"{what}: Content-Disposition is {disposition!r}, expected an attachment named {slug}.pdf")
    for line in response.text.splitlines():
        if line.startswith("%ASE "):
            return json.loads(line[5:])
    failed(f"{what}: the PDF sent is not the one pandoc wrote")
    raise AssertionError  # unreachable: failed() exits


def expect(record: dict[str, object], want: dict[str, object], what: str) -> None:
    got = {k: record.get(k) for k in want}
    if got != want:
        failed(f"{what}: pandoc was given {got}, expected {want}")


def functional() -> None:
    app, _ = start()
    with app:
        title, source = NOTES["weekly-sync"]
        record = pdf_record(export(app, "weekly-sync", {}), "weekly-sync", "export with defaults")
        expect(record, {"title": title, "papersize": "a4", "toc": False, "pdf-engine": "xelatex", "source": source},
               "export with defaults")
        custom = "Q3 review: draft \u2013 l'été, 50% done (v2)"
        record = pdf_record(export(app, "roadmap", {"paper": "letter", "title": custom, "toc": True}),
                            "roadmap", "export with paper, title and toc")
        expect(record, {"title": custom, "papersize": "letter", "toc": True, "source": NOTES["roadmap"][1]},
               "export with paper=letter, a title with an apostrophe and unicode, toc")
        record = pdf_record(export(app, "roadmap", {"paper": "a5", "toc": False}), "roadmap", "export a5 without toc")
        expect(record, {"title": NOTES["roadmap"][0], "papersize": "a5", "toc": False}, "export with paper=a5, toc=false")
        response = export(app, MISSING, {})
        body = response.json() if response.headers.get("content-type", "").startswith("application/json") else None
        if response.status != 500 or not isinstance(body, dict) or body.get("error") != "pandoc failed" \
                or "does not exist" not in str(body.get("detail")):
            failed(f"a failing pandoc answered {response.status} {response.text[:200]!r}, expected 500 with its stderr")
        response = export(app, "no-such-note", {})
        if response.status != 404:
            failed(f"export of an unknown note answered {response.status}, expected 404")
    passed("PDF export passes paper, title and toc to pandoc, sends <slug>.pdf, reports pandoc failures")


if __name__ == "__main__":
    main(functional)
