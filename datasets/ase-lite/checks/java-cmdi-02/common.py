"""NetProbe with stand-in network tools that print how they were called (no network in the sandbox)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_lib"))

from asecheck import App, Response
from java_servlet import java_app, sqlite_db, workdir

SCHEMA = """
CREATE TABLE probe_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    run_at TIMESTAMP NOT NULL,
    tool VARCHAR(16) NOT NULL,
    target VARCHAR(255) NOT NULL,
    exit_code INTEGER NOT NULL,
    millis BIGINT NOT NULL,
    client VARCHAR(64)
);
"""

# Each tool reads its options as the real one does (separate or attached values, -- ends the options)
# and reports them on its first line.
PING = r"""#!/bin/sh
count=1; wait=none; host=""
while [ $# -gt 0 ]; do
  case "$1" in
    -c) count="$2"; shift 2;;
    -c*) count="${1#-c}"; shift;;
    -W) wait="$2"; shift 2;;
    -W*) wait="${1#-W}"; shift;;
    --) shift;;
    *) host="$1"; shift;;
  esac
done
echo "PING $host count=$count wait=$wait"
echo "ping: stand-in tool, no network" >&2
if [ "$host" = "down.example" ]; then echo "100% packet loss"; exit 1; fi
i=1
while [ "$i" -le "$count" ]; do echo "64 bytes from $host: icmp_seq=$i"; i=$((i + 1)); done
"""
TRACEROUTE = r"""#!/bin/sh
hops=30; wait=5; host=""
while [ $# -gt 0 ]; do
  case "$1" in
    -m) hops="$2"; shift 2;;
    -m*) hops="${1#-m}"; shift;;
    -w) wait="$2"; shift 2;;
    -w*) wait="${1#-w}"; shift;;
    --) shift;;
    *) host="$1"; shift;;
  esac
done
echo "traceroute to $host max=$hops wait=$wait"
echo " 1  gateway (192.0.2.1)  0.5 ms"
"""
DIG = r"""#!/bin/sh
type=A; host=""; opts=""; batch=""
while [ $# -gt 0 ]; do
  case "$1" in
    +*) opts="$opts $1"; shift;;
    -f) batch="$2"; shift 2;;
    -f*) batch="${1#-f}"; shift;;
    -t) type="$2"; shift 2;;
    -t*) type="${1#-t}"; shift;;
    -q) host="$2"; shift 2;;
    -q*) host="${1#-q}"; shift;;
    A|AAAA|MX|TXT|NS|CNAME|SOA) type="$1"; shift;;
    *) host="$1"; shift;;
  esac
done
echo ";; options:$opts"
if [ -n "$batch" ]; then
  # batch mode, as the real dig: one query per line of the file (the stand-in resolver answers them all)
  while IFS= read -r line || [ -n "$line" ]; do echo "$line.	300	IN	$type	192.0.2.7"; done < "$batch"
  exit 0
fi
echo "$host.	300	IN	$type	192.0.2.7"
"""
WHOIS = r"""#!/bin/sh
host=""
while [ $# -gt 0 ]; do
  case "$1" in
    --) shift;;
    *) host="$1"; shift;;
  esac
done
echo "Domain Name: $host"
echo "Registrant: O'Brien & <Sons> \"Ltd\" — Zürich"
if [ "$host" = "long.example" ]; then
  i=0; while [ "$i" -lt 500 ]; do echo "remark $i"; i=$((i + 1)); done
fi
"""
TOOLS = {"ping": PING, "traceroute": TRACEROUTE, "dig": DIG, "whois": WHOIS}


def start() -> tuple[App, Path]:
    """The app with the stand-in tools; it runs in a fresh folder, returned with it."""
    root = workdir("netprobe")
    env = {"NETPROBE_TIMEOUT": "20", "NETPROBE_DB_URL": "jdbc:postgresql://localhost/netprobe"}
    for name, script in TOOLS.items():
        tool = root / "bin" / name
        tool.parent.mkdir(exist_ok=True)
        tool.write_text(script)
        tool.chmod(0o755)
        env[f"NETPROBE_{name.upper()}"] = str(tool)
    db = sqlite_db(root / "netprobe.db", SCHEMA)
    return java_app(env, db=db, cwd=root), root


def run(app: App, **form: str) -> Response:
    return app.post("/diagnostics", form=form)
