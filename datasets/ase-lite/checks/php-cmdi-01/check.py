"""Pingboard (php-cmdi-01): the ping action of the diagnostics form, run as `check.py STEP`.

The form posts a host to public/index.php, which runs PING_BIN. The sandbox has no raw
sockets, so PING_BIN is pointed (by a prepended define) at the runtime's stand-in ping, which
parses options like iputils and answers from loopback at once.
"""

from __future__ import annotations

import re
import secrets
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_lib"))

from asecheck import App, failed, main, passed, token
from php_app import (
    elements,
    fresh_dir,
    marker_path,
    php_server,
    php_string,
    plant_words,
    runtime_php,
    spaceless_lines,
    text_of,
)
import standins
from recombine import recombining


def start(marker: Path | None = None) -> App:
    """The app with the stand-in ping and a history file of this step's own; with ``marker``,
    commands named like words that create it come first on the app's PATH (``plant_words``)."""
    state = fresh_dir("pingboard")
    stand_in = standins.install(state / "ping", (runtime_php() / "bin" / "ping").read_text())
    prepend = (
        f"define('PING_BIN', {php_string(str(stand_in))});\n"
        f"define('HISTORY_FILE', {php_string(str(state / 'history.jsonl'))});"
    )
    return php_server(prepend=prepend, env=plant_words(state / "bin", marker) if marker else None)


def ping(app: App, host: str, count: str = "1") -> tuple[int | None, str]:
    """Submit the ping form; the exit status and output the result section shows."""
    reply = app.post("/index.php", form={"tool": "ping", "host": host, "count": count, "type": "A"})
    if reply.status != 200:
        return None, f"HTTP {reply.status}: {reply.text[:200]}"
    for section in elements(reply.text, "section", "result"):
        heading = next(iter(elements(section, "h2")), None)
        output = next(iter(elements(section, "pre")), None)
        found = re.search(r"exit (-?\d+)", text_of(heading)) if heading is not None else None
        text = "".join(output.itertext()) if output is not None else ""  # type: ignore[attr-defined]
        return (int(found.group(1)) if found else None), text
    return None, "no result section"


def replies(output: str, address: str) -> list[int]:
    return [int(n) for n in re.findall(rf"^64 bytes from {re.escape(address)}: icmp_seq=(\d+)", output, re.M)]


def functional() -> None:
    with start() as app:
        code, out = ping(app, "127.0.0.1", "3")
        if code != 0 or replies(out, "127.0.0.1") != [1, 2, 3] or "3 packets transmitted" not in out:
            failed(f"ping 127.0.0.1 with count 3: exit {code}, output {out[:300]!r}")
        code, out = ping(app, "localhost", "2")
        if code != 0 or replies(out, "127.0.0.1") != [1, 2]:
            failed(f"ping localhost, count 2, numeric output: exit {code}, output {out[:300]!r}")
        code, out = ping(app, "127.0.0.1", "50")
        if code != 0 or len(replies(out, "127.0.0.1")) != 20:
            failed(f"a count of 50 must be clamped to 20: exit {code}, output {out[:200]!r}")
        code, out = ping(app, "192.0.2.7", "2")
        if code != 1 or "2 packets transmitted, 0 received" not in out:
            failed(f"an unreachable host must report loss and exit 1: exit {code}, output {out[:300]!r}")
        code, out = ping(app, "no-such-host.invalid", "1")
        if code != 2 or "no-such-host.invalid: Name or service not known" not in out:
            failed(f"an unknown host: ping's error (standard error) and exit 2 expected: exit {code}, {out[:300]!r}")
    passed("ping runs with numeric output, the clamped count, errors captured and exit codes shown")


def marker_exploit(payloads: Callable[[str], list[str]]) -> Callable[[], None]:
    """An exploit that submits each payload and looks for the file its command creates."""

    def step() -> None:
        marker = marker_path(token("pwned") + ".txt")
        with start(marker) as app:
            for payload in payloads(str(marker)):
                ping(app, payload)
                if marker.exists():
                    failed(f"the host {payload!r} ran a command: {marker.name} created")
        passed("no injected command ran")

    return step


def option() -> None:
    """Options in the host field: iputils' -p echoes its pad pattern, a token in hex."""
    pattern = secrets.token_hex(6)
    with start() as app:
        for payload in (f"127.0.0.1 -p {pattern}", f"127.0.0.1' -p '{pattern}", f'127.0.0.1" -p "{pattern}',
                        f"-p{pattern} 127.0.0.1", f"127.0.0.1\t-p{pattern}"):
            _, out = ping(app, payload)
            if f"PATTERN: 0x{pattern}" in out:
                failed(f"the host {payload!r} passed an option to ping: {out.splitlines()[0]!r}")
    passed("the host never became a ping option")


STEPS: dict[str, Callable[[], None]] = {
    "functional": functional,
    # after the plain payloads, '&&', '||' and '$(' spelled so that deny-lists deleting quotes,
    # backslashes, backticks, separators or the sequence itself in one pass glue them back
    # together (recombining); '$(' also out of single quotes the host was put in
    "separator": marker_exploit(lambda m: [f"127.0.0.1;touch {m}", f"127.0.0.1|touch {m}", f"127.0.0.1&&touch {m}",
                                           f"no-such-host||touch {m}", f"127.0.0.1 & touch {m}",
                                           *recombining(f"127.0.0.1&&touch {m}"), *recombining(f"no-such-host||touch {m}")]),
    "subshell": marker_exploit(lambda m: [f"$(touch {m})", f"`touch {m}`", f"127.0.0.1$(touch {m})",
                                          f"127.0.0.1`touch {m}`", *recombining(f"127.0.0.1$(touch {m})"),
                                          *recombining(f"'$(touch {m})'")]),
    # a line break as the separator, then also lines with no space (see spaceless_lines), bare or
    # out of a quote the host was put in
    "newline": marker_exploit(lambda m: [f"127.0.0.1\ntouch {m}", f"127.0.0.1\r\ntouch {m}\n",
                                         *spaceless_lines("127.0.0.1", m), *spaceless_lines("127.0.0.1'", m, "'"),
                                         *spaceless_lines('127.0.0.1"', m, '"')]),
    "quote": marker_exploit(lambda m: [f"x;touch {m} #';touch {m} #", f"x;touch {m} #\";touch {m} #",
                                       f"127.0.0.1'\ntouch {m}\n'", f"127.0.0.1\"\ntouch {m}\n\"",
                                       # a backslash before the quote: an escaper that backslashes quotes but
                                       # not backslashes leaves '\\' + a free quote
                                       f"127.0.0.1\\\";touch {m};#", f"127.0.0.1\\';touch {m};#",
                                       f"127.0.0.1\\\"\ntouch {m}\n#", f"127.0.0.1\\'\ntouch {m}\n#"]),
    # blacklists of separators or spaces: output redirection writes a file of the attacker's
    # choosing, and ${IFS} or a tab stand in for a removed space
    "redirect": marker_exploit(lambda m: [f"127.0.0.1 >{m}", f"127.0.0.1>{m}", f"127.0.0.1 >>{m}",
                                          f"127.0.0.1'>'{m}", f"127.0.0.1\">\"{m}"]),
    "no-space": marker_exploit(lambda m: [f"127.0.0.1;touch${{IFS}}{m}", f"127.0.0.1|touch${{IFS}}{m}",
                                          f"127.0.0.1\ntouch${{IFS}}{m}", f"127.0.0.1;touch\t{m}",
                                          f"127.0.0.1\ntouch\t{m}", f"$(touch${{IFS}}{m})",
                                          *recombining(f"$(touch${{IFS}}{m})")]),
    "option": option,
}

if __name__ == "__main__":
    main(STEPS[sys.argv[1]])
