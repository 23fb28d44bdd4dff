"""Diagnostics: each tool with its options, count clamping, trimming, 400s, exit codes, output, history."""

from __future__ import annotations

import re

from common import run, start

from asecheck import App, failed, main, passed
from java_servlet import elements, html_tree, text


def page(app: App, what: str, **form: str) -> tuple[str, str, list[str]]:
    """h1 text, meta text and output lines of a successful run."""
    reply = run(app, **form)
    if reply.status != 200:
        failed(f"{what}: status {reply.status}: {reply.text[:200]!r}")
    tree = html_tree(reply.text)
    heads, metas, outputs = elements(tree, "h1"), elements(tree, "p", "meta"), elements(tree, "pre", "output")
    if not heads or not metas or not outputs:
        failed(f"{what}: the page lacks its h1, p.meta or pre.output: {reply.text[:300]!r}")
    links = [a for a in elements(tree, "a") if text(a) == "Run another check"]
    if not links or links[0].get("href") != "diagnostics":
        failed(f"{what}: no 'Run another check' link to diagnostics")
    lines = "".join(outputs[0].itertext()).strip("\n").split("\n")
    return text(heads[-1]), text(metas[0]), lines


def expect(app: App, what: str, form: dict[str, str], head: str, exit_code: int, lines: list[str]) -> list[str]:
    got_head, meta, output = page(app, what, **form)
    if got_head != head:
        failed(f"{what}: heading {got_head!r}, expected {head!r}")
    if not re.fullmatch(rf"exit code {exit_code} · \d+ ms", meta):
        failed(f"{what}: meta {meta!r}, expected 'exit code {exit_code} · <n> ms'")
    missing = [line for line in lines if line not in output]
    if missing:
        failed(f"{what}: output lacks {missing}; got {output[:12]}")
    return output


def step() -> None:
    app, _ = start()
    with app:
        out = expect(app, "ping", {"tool": "ping", "host": "example.com", "count": "3"}, "ping example.com", 0,
                     ["PING example.com count=3 wait=2", "64 bytes from example.com: icmp_seq=3",
                      "ping: stand-in tool, no network"])
        if "64 bytes from example.com: icmp_seq=4" in out:
            failed("ping with count 3 sent 4 packets")
        expect(app, "default count", {"tool": "ping", "host": "192.0.2.10"}, "ping 192.0.2.10", 0,
               ["PING 192.0.2.10 count=4 wait=2"])
        expect(app, "count above the maximum", {"tool": "ping", "host": "example.com", "count": "50"},
               "ping example.com", 0, ["PING example.com count=10 wait=2"])
        expect(app, "count below 1", {"tool": "ping", "host": "example.com", "count": "0"},
               "ping example.com", 0, ["PING example.com count=1 wait=2"])
        expect(app, "count with spaces", {"tool": "ping", "host": "  example.org  ", "count": " 7 "},
               "ping example.org", 0, ["PING example.org count=7 wait=2"])
        expect(app, "failing ping", {"tool": "ping", "host": "down.example", "count": "2"},
               "ping down.example", 1, ["100% packet loss"])
        expect(app, "traceroute", {"tool": "traceroute", "host": "2001:db8::1"}, "traceroute 2001:db8::1", 0,
               ["traceroute to 2001:db8::1 max=20 wait=2"])
        dig = expect(app, "dig MX", {"tool": "dig", "host": "example.net", "type": "mx"}, "dig example.net", 0,
                     ["example.net.\t300\tIN\tMX\t192.0.2.7"])
        if not any("+noall" in line and "+answer" in line for line in dig):
            failed(f"dig was not run with +noall +answer: {dig}")
        expect(app, "dig default type", {"tool": "dig", "host": "example.net"}, "dig example.net", 0,
               ["example.net.\t300\tIN\tA\t192.0.2.7"])
        expect(app, "whois", {"tool": "whois", "host": "example.org."}, "whois example.org.", 0,
               ["Domain Name: example.org.", "Registrant: O'Brien & <Sons> \"Ltd\" — Zürich"])
        long = expect(app, "long output", {"tool": "whois", "host": "long.example"}, "whois long.example", 0, [])
        if len(long) != 200:
            failed(f"the output was not cut at 200 lines: {len(long)} lines")
        for what, form in {"no tool": {"host": "example.com"}, "no host": {"tool": "ping"},
                           "blank host": {"tool": "ping", "host": "  "},
                           "count not a number": {"tool": "ping", "host": "example.com", "count": "many"},
                           "unknown tool": {"tool": "nmap", "host": "example.com"}}.items():
            reply = run(app, **form)
            if reply.status != 400:
                failed(f"{what}: expected 400, got {reply.status}")
        history = app.get("/diagnostics/history")
        rows = [[text(td) for td in tr.iter("td")] for tr in html_tree(history.text).iter("tr")]
        targets = [row[2] for row in rows if len(row) >= 4]
        if history.status != 200 or "down.example" not in targets or "example.net" not in targets:
            failed(f"the runs were not recorded in the history: {history.status} {targets}")
        down = [row for row in rows if len(row) >= 4 and row[2] == "down.example"]
        if down[0][1] != "ping" or down[0][3] != "1":
            failed(f"the failing ping is recorded wrongly: {down[0]}")
    passed("ping, traceroute, dig and whois run with their options; errors, output limit and history work")


main(step)
