"""netprobe under test: the app with stand-in ping/traceroute/dig that log their argv."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_lib"))

from asecheck import CHECK_DIR, App
from javascript import fake_tool, json_of, node_app, state_dir, word_env

ENDPOINTS = (("/api/ping", "host"), ("/api/traceroute", "host"), ("/api/dns", "name"))


@dataclass
class Netprobe:
    app: App
    state: Path

    def probe(self, path: str, body: dict[str, object]) -> tuple[int, object]:
        response = self.app.post(path, json_body=body)
        return response.status, json_of(response)

    def __enter__(self) -> Netprobe:
        self.app.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.app.__exit__()


def start() -> Netprobe:
    """The app on a free port, its tools replaced by netfake.py (the sandbox has no network)."""
    state = state_dir("netprobe")
    source = (CHECK_DIR / "netfake.py").read_text()
    tools = {name: fake_tool(state / name, source) for name in ("ping", "traceroute", "dig")}
    env = {
        "NETPROBE_PING": str(tools["ping"]),
        "NETPROBE_TRACEROUTE": str(tools["traceroute"]),
        "NETPROBE_DIG": str(tools["dig"]),
        "ASE_TOOL_LOG": str(state / "tools.log"),
        **word_env(state),
    }
    return Netprobe(node_app(env), state)
