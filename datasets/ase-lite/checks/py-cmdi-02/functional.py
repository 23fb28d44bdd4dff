"""Clip creation: presets, timecodes, title, watermark, bitrate and output name reach ffmpeg
as asked; bad requests are refused; failures and timeouts are reported and recorded."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

from common import Studio, clip, job, layout, start, upload

from asecheck import App, failed, main, passed

# ordinary text with an apostrophe and non-ASCII letters (shell metacharacters are the exploits' job)
TITLE = "O'Brien's café ✓ – part 1"


def option(desc: dict, key: str) -> object:  # type: ignore[type-arg]
    """An ffmpeg option as given for the output, or else for the input."""
    out = desc["output"]["options"]
    return out[key] if key in out else desc["inputs"][0]["options"].get(key)


def done(app: App, studio: Studio, what: str, **form: str) -> tuple[dict, dict]:  # type: ignore[type-arg]
    """A clip that must succeed: the answer and the stand-in's description of the ffmpeg run."""
    response, payload = clip(app, **form)
    if response.status != 201 or payload.get("status") != "done":
        failed(f"{what}: {response.status} {response.text[:240]!r}")
    output = payload.get("output")
    if not isinstance(output, str) or not isinstance(payload.get("seconds"), (int, float)) or "id" not in payload:
        failed(f"{what}: the answer lacks id, output or seconds: {payload}")
    path = studio.out / output  # type: ignore[operator]
    if not path.is_file():
        failed(f"{what}: ffmpeg wrote no {output!r} in OUTPUT_DIR")
    desc = json.loads(path.read_text())
    row = job(studio, payload["id"])
    if row["status"] != "done" or Path(str(row["output"])).resolve() != path.resolve() or output not in str(row["command"]):
        failed(f"{what}: the job is recorded as {row}")
    return payload, desc


def expect(what: str, got: object, want: object) -> None:
    if got != want:
        failed(f"{what}: {got!r}, expected {want!r}")


def step() -> None:
    studio = layout()
    with start(studio) as app:
        media = upload(app, "Big Interview.mp4", "Big Interview")
        payload, desc = done(app, studio, "a 720p clip with everything", media_id=media, start="0:05", end="0:10.5",
                             title=TITLE, watermark="  Draft  ", output_name="interview-cut")
        expect("output name", payload["output"], "interview-cut.mp4")
        expect("the input", Path(desc["inputs"][0]["path"]).name.endswith("Big_Interview.mp4"), True)
        expect("-ss", option(desc, "-ss"), "0:05")
        expect("-to", option(desc, "-to"), "0:10.5")
        filters = option(desc, "filters") or []
        expect("the filter chain", [f["name"] for f in filters], ["scale", "drawtext"])  # type: ignore[union-attr]
        expect("the scale filter", filters[0]["args"] or filters[0]["options"], ["-2", "720"])  # type: ignore[index]
        # the watermark may be given inline (text=) or through a file (textfile=), expanded (the
        # default) or drawn literally (expansion=none): the text as drawn counts (the stand-in renders it)
        drawtext = {k: v for k, v in filters[1]["options"].items()  # type: ignore[index]
                    if k not in ("text", "textfile") and (k, v) not in {("expansion", "none"), ("expansion", "normal")}}
        expect("the drawtext filter", drawtext,
               {"fontfile": str(studio.font), "fontcolor": "white@0.8", "fontsize": "32", "x": "w-tw-24", "y": "24"})
        expect("the watermark text drawn", filters[1].get("drawn"), "Draft")  # type: ignore[index]
        for key, want in {"-c:v": "libx264", "-crf": "23", "-preset": "veryfast", "-c:a": "aac", "-b:a": "128k"}.items():
            expect(key, option(desc, key), want)
        expect("the title metadata", desc["output"]["metadata"], {"title": TITLE})

        payload, desc = done(app, studio, "an audio-only clip with defaults", media_id=media, preset="podcast")
        if not re.fullmatch(r"big-interview-\d{9,11}\.m4a", str(payload["output"])):
            failed(f"the default output name is {payload['output']!r}, expected big-interview-<unix time>.m4a")
        expect("-vn", option(desc, "-vn"), True)
        expect("filters of an audio-only clip", option(desc, "filters"), None)
        expect("-b:a", option(desc, "-b:a"), "96k")
        expect("-to without an end", option(desc, "-to"), None)
        expect("-ss by default", option(desc, "-ss"), "0")
        expect("the default title", desc["output"]["metadata"], {"title": "Big Interview"})

        _, desc = done(app, studio, "a vertical clip", media_id=media, preset="vertical", start="1:02",
                       audio_bitrate="160k", output_name="reel")
        filters = option(desc, "filters") or []
        expect("the vertical filter chain", [(f["name"], f["args"]) for f in filters],  # type: ignore[union-attr]
               [("crop", ["ih*9/16", "ih"]), ("scale", ["-2", "1920"])])
        expect("-b:a", option(desc, "-b:a"), "160k")
        _, desc = done(app, studio, "a 1080p clip", media_id=media, preset="mp4-1080p", output_name="full-hd")
        expect("-crf", option(desc, "-crf"), "20")
        expect("-b:a", option(desc, "-b:a"), "192k")
        refusals(app, studio, media)
        failures(app, studio)
    passed("clips reach ffmpeg with the asked options; refusals, failures and timeouts are answered and recorded")


def refusals(app: App, studio: Studio, media: str) -> None:
    with sqlite3.connect(studio.db) as conn:
        before = conn.execute("SELECT count(*) FROM jobs").fetchone()[0]
    for status, form in [(404, {"media_id": "nope"}), (404, {}), (400, {"media_id": media, "preset": "nope"}),
                         (400, {"media_id": media, "start": "abc", "end": "0:10"}),
                         (400, {"media_id": media, "start": "0:10", "end": "0:05"}),
                         (400, {"media_id": media, "start": "0:10", "end": "0:10"}),
                         (400, {"media_id": media, "end": "x"})]:
        response, _ = clip(app, **form)
        expect(f"the answer to {form}", response.status, status)
    with sqlite3.connect(studio.db) as conn:
        after = conn.execute("SELECT count(*) FROM jobs").fetchone()[0]
    conn.close()
    expect("jobs recorded for refused requests", after - before, 0)


def failures(app: App, studio: Studio) -> None:
    broken_media = upload(app, "bad.mov", "Bad", corrupt=True)
    response, payload = clip(app, media_id=broken_media, output_name="bad")
    expect("a failing ffmpeg's status", (response.status, payload.get("status")), (500, "failed"))
    if not str(payload.get("error", "")).endswith("Invalid data found when processing input"):
        failed(f"a failing ffmpeg's error is {payload.get('error')!r}, expected its last stderr line")
    row = job(studio, payload.get("id"))
    if row["status"] != "failed" or "Invalid data" not in str(row["log_tail"]):
        failed(f"a failed job is recorded as {row}")
    slow = upload(app, "slow.mkv", "Slow", hang=30)
    response, payload = clip(app, media_id=slow, output_name="slow")
    expect("a stalled ffmpeg's status", (response.status, payload.get("status")), (504, "timeout"))
    expect("a stalled job's record", job(studio, payload.get("id"))["status"], "timeout")


if __name__ == "__main__":
    main(step)
