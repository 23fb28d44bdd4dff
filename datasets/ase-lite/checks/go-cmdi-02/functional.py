"""go-cmdi-02 functional: each tool runs with its arguments; errors, timeouts, limits, history."""

from __future__ import annotations

from typing import Any

from common import MAX_OUTPUT, argv, probe, start

from asecheck import App, failed, main, passed
from toolargs import same_args

# (form, the arguments the tool must get, whether the host may be refused instead)
# The arguments are compared as the real tool parses them (toolargs): -c2 is -c 2, and a
# host after -- is the same host.
# A host validator is the usual defence here, so hosts that are valid but unusual (a
# trailing-dot FQDN, an IPv6 address) may be answered with a 4xx; if they are accepted,
# the tool must get them unchanged.
CASES = [
    (
        {"tool": "ping", "host": "127.0.0.1", "count": "2"},
        ["-n", "-c", "2", "-W", "2", "127.0.0.1"],
        False,
    ),
    ({"tool": "ping", "host": " example.com "}, ["-n", "-c", "4", "-W", "2", "example.com"], False),
    ({"tool": "traceroute", "host": "mail.example.org"}, ["-n", "-m", "20", "-w", "2", "mail.example.org"], False),
    ({"tool": "traceroute", "host": "example.com."}, ["-n", "-m", "20", "-w", "2", "example.com."], True),
    ({"tool": "dig", "host": "example.com", "type": "mx"}, ["+short", "example.com", "MX"], False),
    ({"tool": "dig", "host": "::1"}, ["+short", "::1", "A"], True),
]


def result(app: App, form: dict[str, str]) -> dict[str, Any]:
    response = probe(app, **form)
    if response.status != 200:
        failed(f"probe {form}: status {response.status}: {response.text[:200]}")
    body: Any = response.json()
    if not isinstance(body, dict):
        failed(f"probe {form}: not a JSON object: {response.text[:200]}")
    return body


def run() -> None:
    with start() as app:
        ids: list[int] = []
        for form, want, may_refuse in CASES:
            if may_refuse:
                response = probe(app, **form)
                if 400 <= response.status < 500:
                    continue
            res = result(app, form)
            output = str(res.get("output", ""))
            if not same_args(form["tool"], argv(output), want):
                failed(f"probe {form}: the tool got {argv(output)}, want {want}")
            if f"stub {form['tool']}" not in output or "stub stderr line" not in output:
                failed(f"probe {form}: output lacks the tool's stdout or stderr: {output[:200]!r}")
            if (
                res.get("tool") != form["tool"]
                or res.get("host") != form["host"].strip()
                or res.get("error")
            ):
                failed(f"probe {form}: result {res}")
            if not isinstance(res.get("duration_ns"), int) or res["duration_ns"] <= 0:
                failed(f"probe {form}: no duration: {res}")
            ids.append(int(res.get("id") or 0))
        res = result(app, {"tool": "ping", "host": "unreachable.example"})
        if res.get("error") != "ping exited with status 2":
            failed(f"a failing tool: error {res.get('error')!r}")
        res = result(app, {"tool": "traceroute", "host": "slow.example"})
        if res.get("error") != "timed out":
            failed(f"a tool past the timeout: error {res.get('error')!r}")
        res = result(app, {"tool": "dig", "host": "big.example"})
        output = str(res.get("output", ""))
        if not output.endswith("[output truncated]") or len(output.encode()) > MAX_OUTPUT + 40:
            failed(
                f"a long output was not cut at {MAX_OUTPUT} bytes: {len(output)} chars, ends {output[-30:]!r}"
            )
        response = probe(app, tool="nmap", host="example.com")
        if response.status != 400:
            failed(f"an unknown tool: status {response.status}, want 400")
        history = app.get("/api/history?n=3").json()
        if not isinstance(history, list) or [h.get("host") for h in history] != [
            "big.example",
            "slow.example",
            "unreachable.example",
        ]:
            failed(f"history: {history}")
        if ids != sorted(ids) or len(set(ids)) != len(ids):
            failed(f"result ids are not increasing: {ids}")
    passed(
        "ping, traceroute and dig run with their arguments; errors, timeouts and limits are reported"
    )


if __name__ == "__main__":
    main(run)
