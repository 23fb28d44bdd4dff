"""An unknown pipeline answers 404 with the 'Unknown pipeline' page naming it in <code> (as
typed: apostrophes, unicode, ampersands, quotes); a known one still shows its history."""

from __future__ import annotations

import html5lib
from app import pipeline_page, report, start
from asecheck import App, failed, main, passed


def text(element: object) -> str:
    return " ".join("".join(element.itertext()).split())  # type: ignore[attr-defined]


def check_unknown(app: App, name: str) -> None:
    response = pipeline_page(app, name)
    what = f"GET /pipelines/{name}"
    if response.status != 404 or "text/html" not in response.headers.get("content-type", ""):
        failed(f"{what}: {response.status} {response.headers.get('content-type')}, expected a 404 HTML page")
    doc = html5lib.parse(response.text, treebuilder="etree", namespaceHTMLElements=False)
    title = doc.find(".//title")
    if title is None or "Unknown pipeline" not in text(title):
        failed(f"{what}: title {title is not None and text(title)!r}, expected 'Unknown pipeline'")
    empty = doc.find(".//p[@class='empty']")
    code = empty.find(".//code") if empty is not None else None
    if code is None or "".join(code.itertext()) != name:
        failed(f"{what}: no <p class=empty> naming the pipeline in <code> "
               f"({empty is not None and text(empty)!r}, expected {name!r})")
    if "no builds" not in text(empty).lower():
        failed(f"{what}: the message {text(empty)!r} does not say that no builds were reported")


def functional() -> None:
    with start() as app:
        report(app, "web-frontend", 811, "failed")
        report(app, "web-frontend", 812)
        for name in ("api-gateway", "O'Brien's nightly", "déploiement-été", 'a & "c"', "web-frontend-old"):
            check_unknown(app, name)
        known = pipeline_page(app, "web-frontend")
        if known.status != 200 or "#812" not in known.text or "#811" not in known.text:
            failed(f"GET /pipelines/web-frontend: {known.status}, expected its history with builds 811 and 812")
    passed("unknown pipelines answer 404 naming them as typed; known ones show their history")


if __name__ == "__main__":
    main(functional)
