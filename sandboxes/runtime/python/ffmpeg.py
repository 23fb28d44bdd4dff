"""A stand-in for the ffmpeg command line, for checks that run without real video tools.

It parses its arguments the way ffmpeg does (global flags, options with one value, ``-i``
inputs, positional outputs) and validates what the checks rely on: durations for -ss/-to,
bitrates, encoders, the -vf filter graph with ffmpeg's quoting and escaping, the input
file and the output folder. For every output it writes a JSON description of the job it
would have run, so a check can compare it with what was asked. Input files are fake media:
a first line ``FAKEMEDIA`` and a JSON object (duration, or ``corrupt``/``hang`` to make
ffmpeg fail or stall). Exit status and stderr behave like ``ffmpeg -loglevel error``.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time

FLAGS = {"-hide_banner", "-y", "-n", "-vn", "-an", "-sn", "-dn", "-nostdin", "-stats", "-nostats", "-shortest"}
ENCODERS = {"libx264", "libx265", "aac", "libfdk_aac", "libmp3lame", "libopus", "copy", "mjpeg", "png"}
FILTERS = {"scale", "crop", "drawtext", "fps", "format", "pad", "setsar", "null", "transpose", "hflip", "vflip"}
LOGLEVELS = {"quiet", "panic", "fatal", "error", "warning", "info", "verbose", "debug", "trace"}
PRESETS = {"ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow"}
EXTENSIONS = {".mp4", ".m4a", ".mov", ".mkv", ".jpg", ".png", ".mp3", ".wav", ".webm", ".aac"}
DURATION = re.compile(r"^-?(?:(?:\d+:)?\d{1,2}:\d{1,2}(?:\.\d+)?|\d+(?:\.\d+)?(?:s|ms|us)?)$")
# drawtext's %{...} functions
EXPANSIONS = {"e", "expr", "eif", "expr_int_format", "gmtime", "localtime", "metadata", "n", "frame_num",
              "pict_type", "pts"}
BITRATE = re.compile(r"^\d+(?:\.\d+)?[kKmMgG]?$")


class Fail(Exception):
    """An error ffmpeg would print before exiting with status 1."""


def get_token(text: str, pos: int, terms: str) -> tuple[str, int]:
    """libavutil's av_get_token: one level of '...' quoting and backslash escapes."""
    out: list[str] = []
    end = 0
    while pos < len(text) and text[pos] in " \n\t\r":
        pos += 1
    while pos < len(text) and text[pos] not in terms:
        c = text[pos]
        pos += 1
        if c == "\\" and pos < len(text):
            out.append(text[pos])
            pos += 1
            end = len(out)
        elif c == "'":
            while pos < len(text) and text[pos] != "'":
                out.append(text[pos])
                pos += 1
            if pos < len(text):
                pos += 1
                end = len(out)
        else:
            out.append(c)
    while len(out) > end and out[-1] in " \n\t\r":
        out.pop()
    return "".join(out), pos


def parse_filters(graph: str) -> list[dict[str, object]]:
    """A linear -vf chain: each filter's name, its options (key=value) and positional values."""
    filters: list[dict[str, object]] = []
    pos = 0
    while pos < len(graph):
        name, pos = get_token(graph, pos, "=,;[")
        args = ""
        if pos < len(graph) and graph[pos] == "=":
            args, pos = get_token(graph, pos + 1, "[],;")
        if name not in FILTERS:
            raise Fail(f"No such filter: '{name}'")
        options: dict[str, str] = {}
        positional: list[str] = []
        apos = 0
        while apos < len(args):
            item, apos = get_token(args, apos, ":")
            apos += 1
            key, eq, value = item.partition("=")
            if eq and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
                options[key] = value
            else:
                positional.append(item)
        filters.append({"name": name, "options": options, "args": positional})
        if pos < len(graph) and graph[pos] in ",;":
            pos += 1
        elif pos < len(graph):
            raise Fail(f"Unsupported filter graph syntax near: {graph[pos:]!r}")
    return filters


def read_input(path: str) -> dict[str, object]:
    try:
        with open(path, encoding="utf-8") as fh:
            first, rest = fh.readline(), fh.read()
    except FileNotFoundError:
        raise Fail(f"{path}: No such file or directory") from None
    except (OSError, UnicodeDecodeError):
        raise Fail(f"{path}: Invalid data found when processing input") from None
    if first.strip() != "FAKEMEDIA":
        raise Fail(f"{path}: Invalid data found when processing input")
    info = json.loads(rest or "{}")
    if info.get("corrupt"):
        raise Fail(f"{path}: Invalid data found when processing input")
    return info


def check_option(key: str, value: str) -> None:
    if key in ("-ss", "-to", "-t") and not DURATION.match(value):
        raise Fail(f"Invalid duration specification for {key[1:]}: {value}")
    if key in ("-b:a", "-b:v", "-ab") and not BITRATE.match(value):
        raise Fail(f"Invalid value '{value}' for option '{key[1:]}'")
    if key in ("-c:v", "-c:a", "-vcodec", "-acodec") and value not in ENCODERS:
        raise Fail(f"Unknown encoder '{value}'")
    if key == "-loglevel" and value not in LOGLEVELS:
        raise Fail(f"Invalid loglevel \"{value}\".")
    if key == "-preset" and value not in PRESETS:
        raise Fail(f"Error setting option preset to value {value}.")
    if key == "-crf" and not re.fullmatch(r"\d+(?:\.\d+)?", value):
        raise Fail(f"Invalid value '{value}' for option 'crf'")


def expand(text: str) -> str:
    """drawtext's ``expansion=normal``: backslash escapes and ``%{...}`` functions.

    Functions are not evaluated: each known one renders as U+FFFD, so a comparison with the
    literal text fails as it would on screen. A stray ``%``, an unknown function or an
    unterminated one is an error: ffmpeg logs it and draws no text (newer versions also stop).
    """
    out: list[str] = []
    pos = 0
    while pos < len(text):
        c = text[pos]
        if c == "\\" and pos + 1 < len(text):
            out.append(text[pos + 1])
            pos += 2
        elif c == "%":
            if text[pos + 1 : pos + 2] != "{":
                raise Fail(f"Stray % near '{text[pos + 1:]}'")
            end = text.find("}", pos + 2)
            if end < 0:
                raise Fail(f"Unterminated %{{}} near '{text[pos + 2:]}'")
            name = text[pos + 2 : end].split(":", 1)[0]
            if name not in EXPANSIONS:
                raise Fail(f"%{{{name}}} is not known")
            out.append("\ufffd")
            pos = end + 1
        else:
            out.append(c)
            pos += 1
    return "".join(out)


def drawn_text(options: dict[str, str]) -> str:
    """The text drawtext draws: its ``text`` option or the content of its ``textfile``, expanded
    as its ``expansion`` option says (``normal`` by default, ``none`` draws it literally)."""
    if "textfile" not in options:
        text = options.get("text", "")
    elif "text" in options:
        raise Fail("Both text and text file provided. Please provide only one")
    else:
        try:
            with open(options["textfile"], encoding="utf-8") as fh:
                text = fh.read()
        except (OSError, UnicodeDecodeError):
            raise Fail(f"The text file '{options['textfile']}' could not be read or is empty") from None
        text = text[:-1] if text.endswith("\n") else text
    mode = options.get("expansion", "normal")
    if mode == "none":
        return text
    if mode == "normal":
        try:
            return expand(text)
        except Fail as exc:
            print(f"[Parsed_drawtext] {exc}", file=sys.stderr)
            return ""
    if mode == "strftime":  # deprecated: strftime(3) conversions, not emulated
        return re.sub(r"%.", "\ufffd", text)
    raise Fail(f'Unable to parse option value "{mode}"')


def run(argv: list[str]) -> int:
    inputs: list[dict[str, object]] = []
    outputs: list[dict[str, object]] = []
    pending: dict[str, object] = {}
    metadata: dict[str, str] = {}
    flags: set[str] = set()
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in FLAGS:
            flags.add(arg)
            pending[arg] = True
            i += 1
        elif arg.startswith("-") and len(arg) > 1:
            if i + 1 >= len(argv):
                raise Fail(f"Missing argument for option '{arg[1:]}'.")
            value = argv[i + 1]
            i += 2
            if arg == "-i":
                inputs.append({"path": value, "options": pending, "info": read_input(value)})
                pending = {}
                continue
            check_option(arg, value)
            if arg == "-metadata":
                key, _, meta = value.partition("=")
                metadata[key] = meta
            elif arg in ("-vf", "-filter:v"):
                pending["vf"] = value
                pending["filters"] = parse_filters(value)
            else:
                pending[arg] = value
        else:
            outputs.append({"path": arg, "options": pending, "metadata": metadata})
            pending, metadata = {}, {}
            i += 1
    if not inputs:
        raise Fail("No input specified")
    if not outputs:
        raise Fail("At least one output file must be specified")
    for out in outputs:
        path = str(out["path"])
        if os.path.splitext(path)[1].lower() not in EXTENSIONS and "-f" not in out["options"]:  # type: ignore[operator]
            raise Fail(f"Unable to choose an output format for '{path}'; use a standard extension")
        if not os.path.isdir(os.path.dirname(os.path.abspath(path))):
            raise Fail(f"{path}: No such file or directory")
        if os.path.exists(path) and "-y" not in flags:
            raise Fail(f"File '{path}' already exists. Exiting.")
        for f in out["options"].get("filters", []):  # type: ignore[union-attr]
            if f["name"] != "drawtext":
                continue
            font = f["options"].get("fontfile")
            if font is not None and not os.path.isfile(str(font)):
                raise Fail(f"Cannot find a valid font for the family Sans / {font}")
            f["drawn"] = drawn_text(f["options"])
    hang = max(float(i["info"].get("hang", 0)) for i in inputs)  # type: ignore[union-attr]
    if hang:
        time.sleep(hang)
    for out in outputs:
        with open(str(out["path"]), "w", encoding="utf-8") as fh:
            json.dump({"fake": "ffmpeg", "argv": argv, "inputs": inputs, "output": out}, fh, ensure_ascii=False)
    return 0


def main() -> int:
    try:
        return run(sys.argv[1:])
    except Fail as exc:
        print(str(exc), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
