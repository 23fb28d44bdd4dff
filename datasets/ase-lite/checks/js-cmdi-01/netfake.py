"""Stand-ins for ping, traceroute and dig (the sandbox has no network): they parse their
arguments as the real tools do (options anywhere, attached or separate values), append
their argv to $ASE_TOOL_LOG and print what the real tool prints for a small fixed world."""

import json
import os
import sys
import zlib

TOOL = os.path.basename(sys.argv[0])
ARGS = sys.argv[1:]
WITH_VALUE = {"ping": "cWisptIlQwSmMFN", "traceroute": "mqwfpstiNzgFTUx", "dig": "bcfkpqtxy"}


def log() -> None:
    path = os.environ.get("ASE_TOOL_LOG")
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(json.dumps([TOOL, *ARGS]) + "\n")


def parse() -> tuple[dict[str, str], list[str]]:
    """getopt with permutation: options (value attached or next) and the operands."""
    options: dict[str, str] = {}
    operands: list[str] = []
    i = 0
    while i < len(ARGS):
        arg = ARGS[i]
        if arg.startswith("-") and len(arg) > 1 and arg != "--":
            letter = arg[1]
            if letter in WITH_VALUE[TOOL]:
                if len(arg) > 2:
                    options[letter] = arg[2:]
                elif i + 1 < len(ARGS):
                    i += 1
                    options[letter] = ARGS[i]
                else:
                    sys.stderr.write(f"{TOOL}: option requires an argument -- '{letter}'\n")
                    sys.exit(2)
            else:
                options[letter] = ""
        elif arg == "--":
            operands.extend(ARGS[i + 1:])
            break
        else:
            operands.append(arg)
        i += 1
    return options, operands


def unknown(host: str) -> None:
    sys.stderr.write(f"{TOOL}: {host}: Name or service not known\n")
    sys.exit(2)


def resolvable(host: str) -> bool:
    return bool(host) and all(c.isalnum() or c in ".-_:" for c in host) and not host.endswith(".invalid")


def address(host: str) -> str:
    if host.replace(".", "").isdigit():
        return host
    return f"192.0.2.{zlib.crc32(host.encode()) % 200 + 10}"


def ping() -> None:
    options, operands = parse()
    count = int(options.get("c", "0") or 0) or 5
    if not operands:
        sys.stderr.write("ping: usage error: Destination address required\n")
        sys.exit(1)
    host = operands[-1]
    if not resolvable(host):
        unknown(host)
    received = 0 if host.startswith("down.") else count - 1 if host.startswith("lossy.") else count
    print(f"PING {host} ({address(host)}) 56(84) bytes of data.")
    for seq in range(1, received + 1):
        print(f"64 bytes from {address(host)}: icmp_seq={seq} ttl=64 time={0.5 + seq / 10:.3f} ms")
    print(f"\n--- {host} ping statistics ---")
    loss = round(100 * (count - received) / count)
    print(f"{count} packets transmitted, {received} received, {loss}% packet loss, time {count * 1000 - 1000}ms")
    if received:
        avg = sum(0.5 + s / 10 for s in range(1, received + 1)) / received
        print(f"rtt min/avg/max/mdev = 0.600/{avg:.3f}/{0.5 + received / 10:.3f}/0.050 ms")
    sys.exit(0 if received else 1)


def traceroute() -> None:
    options, operands = parse()
    if not operands:
        sys.stderr.write("Specify \"host\" missing argument.\n")
        sys.exit(2)
    host = operands[0]
    if not resolvable(host):
        unknown(host)
    hops = int(options.get("m", "30") or 30)
    print(f"traceroute to {host} ({address(host)}), {hops} hops max, 60 byte packets")
    route = ["10.0.0.1", None, "198.51.100.7", "203.0.113.9", address(host)]
    for number, hop in enumerate(route[:hops], start=1):
        print(f"{number:2d}  {hop}  {number * 1.25:.3f} ms" if hop else f"{number:2d}  *")


ZONE = {
    ("example.org", "A"): ["93.184.215.14"],
    ("example.org", "MX"): ["10 mx1.example.org.", "20 mx2.example.org."],
    ("example.org", "TXT"): ['"v=spf1 -all"'],
}


def answer(name: str, rtype: str) -> list[str]:
    fqdn = name.rstrip(".") + "."
    values = ZONE.get((name.rstrip("."), rtype))
    if values is None and rtype == "A" and resolvable(name) and not name.replace(".", "").isdigit():
        values = [address(name)]
    return [f"{fqdn}\t\t300\tIN\t{rtype}\t{value}" for value in values or []]


def dig() -> None:
    options, operands = parse()
    queries: list[tuple[str, str]] = []
    words = [w for w in operands if not w.startswith("+")]
    types = {"A", "AAAA", "MX", "TXT", "NS", "CNAME", "SOA"}
    name, rtype = None, "A"
    for word in words:
        if word.upper() in types and name is not None:
            rtype = word.upper()
        elif name is None:
            name = word
    if name is not None:
        queries.append((name, rtype))
    if "f" in options:  # batch mode: one query per line of the file
        try:
            with open(options["f"], encoding="utf-8") as batch:
                for line in batch:
                    parts = line.split()
                    if parts:
                        queries.append((parts[0], parts[1].upper() if len(parts) > 1 else "A"))
        except OSError:
            sys.stderr.write(f"Couldn't open {options['f']}\n")
            sys.exit(10)
    print("; <<>> DiG 9.18.33 <<>> " + " ".join(ARGS))
    print(";; global options: +cmd")
    for qname, qtype in queries:
        for line in answer(qname, qtype):
            print(line)


log()
{"ping": ping, "traceroute": traceroute, "dig": dig}[TOOL]()
