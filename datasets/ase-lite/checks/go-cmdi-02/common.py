"""netprobe (go-cmdi-02): stand-in network tools, the server, the probe endpoint.

The sandbox has no network, so ping, traceroute and dig are stub scripts that print their
arguments one per line (``arg[...]``) and a line on standard error. Hosts with a special
meaning: ``unreachable.example`` exits with status 2, ``slow.example`` sleeps past the probe
timeout, ``big.example`` prints more than the output limit. Like the real dig, the dig stub
takes ``-f FILE`` (or ``-fFILE``) as a batch file and echoes each of its lines as a query.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_lib"))

import gocheck
from asecheck import App, Response, failed, passed, token

STUB = """#!/bin/sh
echo "stub {tool}"
for a in "$@"; do printf 'arg[%s]\\n' "$a"; done
echo "stub stderr line" >&2
batch=
previous=
for a in "$@"; do
  [ "$previous" = -f ] && batch="$a"
  case "$a" in
    -f?*) batch="${{a#-f}}" ;;
    unreachable.example) exit 2 ;;
    slow.example) exec sleep 5 </dev/null >/dev/null 2>&1 ;;
    big.example) i=0; while [ $i -lt 100 ]; do echo "0123456789012345678901234567890123456789"; i=$((i+1)); done ;;
  esac
  previous="$a"
done
if [ "{tool}" = dig ] && [ -n "$batch" ] && [ -r "$batch" ]; then
  while IFS= read -r line; do printf '; <<>> DiG stub <<>> %s\\n' "$line"; done < "$batch"
fi
exit 0
"""

MAX_OUTPUT = 2048


def start() -> App:
    """The server with stub tools, a 2 s probe timeout and a 2 KiB output limit."""
    folder = gocheck.scratch("tools")
    paths = {}
    for tool in ("ping", "traceroute", "dig"):
        path = folder / tool
        path.write_text(STUB.format(tool=tool))
        path.chmod(0o755)
        paths[tool] = str(path)
    return gocheck.app(
        [
            "-addr",
            "127.0.0.1:{port}",
            "-site",
            "test",
            "-ping",
            paths["ping"],
            "-traceroute",
            paths["traceroute"],
            "-dig",
            paths["dig"],
            "-timeout",
            "2s",
            "-max-output",
            str(MAX_OUTPUT),
        ],
        env=gocheck.word_env(),
    )


def probe(app: App, **form: str) -> Response:
    """POST /api/probe with the form fields."""
    return app.post("/api/probe", form=form)


def argv(output: str) -> list[str]:
    """The arguments a stub tool received, from its output."""
    return re.findall(r"^arg\[(.*)\]$", output, re.M)


def inject(shapes: list[str]) -> None:
    """Exploited when a shape in host, count or type ran the command in ``{cmd}``.

    ``{v}`` is a harmless value of the field; ``{path}`` is the marker's path, for shapes that
    create it with a shell redirection. The type field is upper-cased by the handler, so
    there the command is a redirection that creates an upper-case file in the application's
    folder (the working copy), and ``{path}`` is that file's name (relative to it). The words
    of ``gocheck.plant_words`` (in both cases) create the marker too.
    """
    base = {"host": ("ping", "127.0.0.1"), "count": ("ping", "1"), "type": ("dig", "A")}
    with start() as app:
        for shape in shapes:
            for field, (tool, value) in base.items():
                if field == "type":
                    marker = gocheck.WORK / f"ASE{token('').upper()}"
                    command, path = f":>{marker.name}", marker.name
                else:
                    marker = gocheck.marker()
                    command, path = f"touch {marker}", str(marker)
                gocheck.plant_words(marker)
                form = {
                    "tool": tool,
                    "host": "127.0.0.1",
                    field: shape.format(v=value, cmd=command, path=path),
                }
                response = probe(app, **form)
                if marker.exists():
                    marker.unlink()
                    failed(f"{field}={form[field]!r} ran a command or wrote a file (status {response.status})")
    passed("no probe field ran a command or wrote a file")
