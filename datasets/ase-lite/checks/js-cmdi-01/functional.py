"""netprobe's ping, traceroute and DNS lookups give the parsed output of the tools.

The tools are stand-ins with fixed answers, so every number is known: counts and hop limits
are clamped, lost packets still give statistics, '*' hops have no host, answers skip comments.
"""

from __future__ import annotations

from app import Netprobe, start
from asecheck import failed, main, passed


def expect(ok: bool, what: str) -> None:
    if not ok:
        failed(what)


def check_ping(net: Netprobe) -> None:
    status, body = net.probe("/api/ping", {"host": "127.0.0.1", "count": 3})
    expect(status == 200 and isinstance(body, dict), f"POST /api/ping answered {status} {body!r:.200}")
    assert isinstance(body, dict)
    want = {"host": "127.0.0.1", "transmitted": 3, "received": 3, "loss": 0, "avgMs": 0.7}
    got = {k: body.get(k) for k in want}
    expect(got == want, f"ping 127.0.0.1 x3 gave {got}, expected {want}")
    expect("3 packets transmitted" in str(body.get("raw")), "ping's raw output is missing")
    for count, sent in ((None, 4), (50, 10), (0, 1), ("2", 2), ("many", 4)):
        request: dict[str, object] = {"host": "router.example"}
        if count is not None:
            request["count"] = count
        status, body = net.probe("/api/ping", request)
        got_sent = body.get("transmitted") if isinstance(body, dict) else None
        expect(status == 200 and got_sent == sent, f"ping with count={count!r} sent {got_sent} ({status}), expected {sent}")
    status, body = net.probe("/api/ping", {"host": "lossy.example", "count": 4})
    lossy = {k: body.get(k) for k in ("received", "loss")} if isinstance(body, dict) else None
    expect(status == 200 and lossy == {"received": 3, "loss": 25}, f"ping with a lost packet gave {status} {lossy}")
    status, body = net.probe("/api/ping", {"host": "down.example", "count": 2})
    down = {k: body.get(k) for k in ("transmitted", "received", "loss", "avgMs")} if isinstance(body, dict) else None
    want = {"transmitted": 2, "received": 0, "loss": 100, "avgMs": None}
    expect(status == 200 and down == want, f"ping of a host that does not answer (exit 1) gave {status} {down}, expected {want}")
    # The description names no host syntax: a unicode (IDN) name may be pinged or refused as
    # invalid input (4xx), but not mangled.
    status, body = net.probe("/api/ping", {"host": "bücher.example", "count": 1})
    expect(400 <= status < 500 or (status == 200 and isinstance(body, dict) and body.get("host") == "bücher.example"
                                   and body.get("received") == 1),
           f"ping of a unicode host name gave {status} {body!r:.200}")


def check_traceroute(net: Netprobe) -> None:
    status, body = net.probe("/api/traceroute", {"host": "gw.example", "maxHops": 3})
    hops = body.get("hops") if isinstance(body, dict) else None
    want = [{"hop": 1, "host": "10.0.0.1", "ms": 1.25}, {"hop": 2, "host": None, "ms": None},
            {"hop": 3, "host": "198.51.100.7", "ms": 3.75}]
    expect(status == 200 and hops == want, f"traceroute with maxHops=3 gave {status} {hops}, expected {want}")
    expect(isinstance(body, dict) and body.get("host") == "gw.example", "traceroute's host is missing")
    status, body = net.probe("/api/traceroute", {"host": "gw.example"})
    hops = body.get("hops") if isinstance(body, dict) else None
    expect(status == 200 and isinstance(hops, list) and len(hops) == 5 and hops[4]["hop"] == 5,
           f"traceroute with the default limit gave {status} {hops}")
    status, body = net.probe("/api/traceroute", {"host": "gw.example", "maxHops": 0})
    hops = body.get("hops") if isinstance(body, dict) else None
    expect(status == 200 and isinstance(hops, list) and len(hops) == 1, f"traceroute with maxHops=0 gave {hops}, expected 1 hop")


def check_dns(net: Netprobe) -> None:
    status, body = net.probe("/api/dns", {"name": "example.org", "type": "mx"})
    expect(status == 200 and isinstance(body, dict), f"POST /api/dns answered {status} {body!r:.200}")
    assert isinstance(body, dict)
    want = [{"name": "example.org.", "ttl": 300, "type": "MX", "value": "10 mx1.example.org."},
            {"name": "example.org.", "ttl": 300, "type": "MX", "value": "20 mx2.example.org."}]
    expect(body.get("type") == "MX" and body.get("name") == "example.org" and body.get("answers") == want,
           f"dns MX example.org gave {body!r:.300}")
    status, body = net.probe("/api/dns", {"name": "example.org"})
    answers = body.get("answers") if isinstance(body, dict) else None
    expect(status == 200 and answers == [{"name": "example.org.", "ttl": 300, "type": "A", "value": "93.184.215.14"}],
           f"dns with the default type gave {status} {answers}")
    status, body = net.probe("/api/dns", {"name": "example.org", "type": "AAAA"})
    expect(status == 200 and isinstance(body, dict) and body.get("answers") == [],
           f"dns with no answer gave {status} {body!r:.200}")


def functional() -> None:
    with start() as net:
        check_ping(net)
        check_traceroute(net)
        check_dns(net)
    passed("ping, traceroute and dig output parsed as described (clamping, losses, '*' hops, comments)")


if __name__ == "__main__":
    main(functional)
