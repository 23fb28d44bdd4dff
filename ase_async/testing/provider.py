"""A simulated model provider: OpenAI- and Anthropic-compatible HTTP on 127.0.0.1.

It answers ``POST .../chat/completions`` and ``POST .../messages`` with configurable
latency and injected faults (429 with Retry-After, 500s, hangs, malformed and truncated
bodies, connection resets, empty choices, cut-off answers), a server-side concurrency cap
that answers 429 past it (a realistic rate limit), and answers from a responder: a
function of the request, e.g. :func:`gold_responder`, which answers every ase-lite task
with its reference fix. Tests run it in-process; the benchmark runs it in its own process
(``python -m ase_async.testing.provider``) so that its CPU is not counted as the harness's.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

import anyio
import h11
import msgspec
from anyio.abc import SocketStream, TaskGroup

__all__ = ["Faults", "SimulatedProvider", "agent_responder", "gold_agent_responder", "gold_responder", "spawn"]

Responder = Callable[[dict[str, Any], str], "str | dict[str, Any]"]


class Faults(msgspec.Struct, kw_only=True):
    """Probabilities (0-1) of each fault per request, and their parameters."""

    rate_limit: float = 0.0
    retry_after: float | None = 1.0
    server_error: float = 0.0
    hang: float = 0.0
    malformed: float = 0.0
    truncated: float = 0.0
    reset: float = 0.0
    empty_choices: float = 0.0
    cut_off: float = 0.0
    #: answer 429 to requests beyond this many in flight (None: no cap)
    max_in_flight: int | None = None
    #: answer 429 to every request for this many seconds after the first one
    storm_seconds: float = 0.0


def _messages_text(body: dict[str, Any]) -> str:
    parts = [str(body.get("system", ""))]
    for message in body.get("messages", []) or []:
        content = message.get("content") if isinstance(message, dict) else ""
        if isinstance(content, list):
            content = " ".join(str(c.get("text", "")) for c in content if isinstance(c, dict))
        parts.append(str(content))
    return "\n".join(parts)


def _instance_finder(dataset: Any) -> Callable[[str], Any]:
    """Recognise an instance in a prompt: by its description, then (mutations share their
    seed's description) by its masked file, which the prompt shows verbatim."""
    from ase_async.masking import mask_region

    by_description: dict[str, list[Any]] = {}
    for instance in dataset.instances:
        by_description.setdefault(instance.description.strip(), []).append(instance)
    masked: dict[str, str] = {}

    def masked_text(instance: Any) -> str:
        if instance.instance_id not in masked:
            repo = dataset.repo_path(instance)
            original = (repo / instance.vuln_file).read_text("utf-8", "replace") if repo else ""
            masked[instance.instance_id] = mask_region(original, instance.vuln_lines).text if original else ""
        return masked[instance.instance_id]

    def find(text: str) -> Any:
        for description, instances in by_description.items():
            if description and description in text:
                if len(instances) == 1:
                    return instances[0]
                for instance in instances:
                    body = masked_text(instance)
                    if body and body in text:
                        return instance
        return None

    return find


def gold_responder(dataset: Any, kind: str = "gold") -> Responder:
    """Answer each ase-lite task like ``oracle/<kind>``, recognising it by its prompt."""
    from ase_async.adapters.oracle import oracle_answer

    find = _instance_finder(dataset)

    def respond(body: dict[str, Any], family: str) -> str:
        text = _messages_text(body)
        instance = find(text)
        if instance is None:
            return "I do not recognise this task."
        contract = "diff" if "unified diff" in text else "code"
        return oracle_answer(dataset, instance, kind, contract)

    return respond


def distinct_responder(dataset: Any) -> Responder:
    """Answer like ``oracle/gold``, each answer made distinct by a comment line of its own
    (the same verdict, but no two candidates alike: nothing can be reused)."""
    import difflib

    from ase_async.masking import mask_region, replace_region

    find = _instance_finder(dataset)
    numbers = itertools.count()

    def respond(body: dict[str, Any], family: str) -> str:
        text = _messages_text(body)
        instance = find(text)
        if instance is None or instance.reference_fix is None:
            return "I do not recognise this task."
        mark = "#" if instance.language == "python" else "//"
        code = instance.reference_fix.rstrip("\n") + f"\n{mark} answer {next(numbers)}\n"
        if "unified diff" not in text:
            return f"```{instance.language}\n{code}```\n"
        original = (dataset.repo_path(instance) / instance.vuln_file).read_text("utf-8", "surrogateescape")
        masked = mask_region(original, instance.vuln_lines).text
        completed = replace_region(original, instance.vuln_lines, code)
        path = instance.vuln_file
        lines = difflib.unified_diff(masked.splitlines(keepends=True), completed.splitlines(keepends=True),
                                     fromfile=f"a/{path}", tofile=f"b/{path}")
        return f"```diff\ndiff --git a/{path} b/{path}\n{''.join(lines)}```\n"

    return respond


def gold_agent_responder(dataset: Any) -> Responder:
    """Answer plain requests like ``oracle/gold``; requests with tools like an agent that
    lists the repository, reads a file other than the one to complete, searches, then
    submits the gold answer."""
    from ase_async.adapters.oracle import oracle_answer

    single = gold_responder(dataset)
    find = _instance_finder(dataset)

    def plan(body: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
        text = _messages_text(body)
        instance = find(text)
        if instance is None:
            return [("submit", {"answer": "I do not recognise this task."})]
        repo = dataset.repo_path(instance)
        others = sorted(str(p.relative_to(repo)) for p in repo.rglob("*")
                        if p.is_file() and p.suffix in {".php", ".py", ".js", ".go", ".java"}
                        and str(p.relative_to(repo)) != instance.vuln_file)
        contract = "diff" if "unified diff" in text else "code"
        return [
            ("list_files", {"path": ".", "depth": 3}),
            ("read_file", {"path": others[0] if others else instance.vuln_file}),
            ("search", {"pattern": "MASKED"}),
            ("submit", {"answer": oracle_answer(dataset, instance, "gold", contract)}),
        ]

    agent = agent_responder(plan)
    return lambda body, family: agent(body, family) if body.get("tools") else single(body, family)


def agent_responder(steps: Callable[[dict[str, Any]], list[tuple[str, dict[str, Any]]]]) -> Responder:
    """Script a tool-using agent: ``steps(body)`` gives the whole plan as (tool, arguments)
    pairs; each turn plays the next one (the turn number is the count of assistant messages
    so far). A step named ``say`` answers with plain text ``arguments["text"]``; after the
    last step the agent keeps repeating it (a looping agent)."""

    def respond(body: dict[str, Any], family: str) -> dict[str, Any]:
        plan = steps(body)
        turn = sum(1 for m in body.get("messages", []) if isinstance(m, dict) and m.get("role") == "assistant")
        tool, arguments = plan[min(turn, len(plan) - 1)]
        call_id = f"call_{turn}"
        if family == "anthropic":
            if tool == "say":
                return {"content": [{"type": "text", "text": arguments["text"]}], "stop_reason": "end_turn"}
            return {"content": [{"type": "tool_use", "id": call_id, "name": tool, "input": arguments}], "stop_reason": "tool_use"}
        if tool == "say":
            return {"role": "assistant", "content": arguments["text"]}
        return {"role": "assistant", "content": None, "tool_calls": [
            {"id": call_id, "type": "function", "function": {"name": tool, "arguments": json.dumps(arguments)}}]}

    return respond


class SimulatedProvider:
    """``async with SimulatedProvider(...) as sim:`` then point an adapter at ``sim.base_url``."""

    def __init__(
        self,
        *,
        latency: float = 0.0,
        responder: Responder | None = None,
        faults: Faults | None = None,
        seed: int = 0,
        api_key: str | None = None,
        echo_key_in_errors: bool = False,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.latency = latency
        self.responder = responder or (lambda body, family: "```diff\n```")
        self.faults = faults or Faults()
        self.random = random.Random(seed)
        self.api_key = api_key
        self.echo_key_in_errors = echo_key_in_errors
        self.host = host
        self.port = port
        self.stats: Counter[str] = Counter()
        self.in_flight = 0
        self.peak_in_flight = 0
        self.requests: list[dict[str, Any]] = []
        self.keep_requests = True
        self._first_request: float | None = None
        self._first_request_wall: float | None = None
        self._group: TaskGroup | None = None
        self._ids = itertools.count(1)

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}/v1"

    async def __aenter__(self) -> SimulatedProvider:
        listener = await anyio.create_tcp_listener(local_host=self.host, local_port=self.port)
        self.port = listener.extra(anyio.abc.SocketAttribute.local_port)
        self._group = anyio.create_task_group()
        await self._group.__aenter__()
        self._group.start_soon(listener.serve, self._connection)
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._group is not None
        self._group.cancel_scope.cancel()
        await self._group.__aexit__(None, None, None)

    async def serve_forever(self) -> None:
        async with self:
            print(f"PORT {self.port}", flush=True)
            await anyio.sleep_forever()

    # -- HTTP ------------------------------------------------------------------------------

    async def _connection(self, stream: SocketStream) -> None:
        connection = h11.Connection(h11.SERVER)
        async with stream:
            while True:
                request: h11.Request | None = None
                body = b""
                try:
                    while True:
                        event = connection.next_event()
                        if event is h11.NEED_DATA:
                            data = await stream.receive(65536)
                            connection.receive_data(data)
                            continue
                        if isinstance(event, h11.Request):
                            request = event
                        elif isinstance(event, h11.Data):
                            body += event.data
                        elif isinstance(event, h11.EndOfMessage):
                            break
                        elif isinstance(event, h11.ConnectionClosed):
                            return
                except (anyio.EndOfStream, anyio.BrokenResourceError, h11.RemoteProtocolError):
                    return
                assert request is not None
                try:
                    keep_going = await self._handle(stream, connection, request, body)
                except (anyio.BrokenResourceError, anyio.ClosedResourceError):
                    return  # the client hung up mid-reply (its own timeout): a server shrugs
                if not keep_going or connection.our_state is h11.MUST_CLOSE:
                    return
                try:
                    connection.start_next_cycle()
                except h11.LocalProtocolError:
                    return

    async def _send(self, stream: SocketStream, connection: h11.Connection, status: int, payload: bytes,
                    headers: list[tuple[str, str]] | None = None, *, cut: bool = False) -> None:
        all_headers = [("content-type", "application/json"), ("content-length", str(len(payload))), *(headers or [])]
        await stream.send(connection.send(h11.Response(status_code=status, headers=all_headers)))
        if cut:
            # Promise the whole body, send half, hang up: a truncated response.
            await stream.send(payload[: len(payload) // 2])
            await stream.aclose()
            return
        await stream.send(connection.send(h11.Data(data=payload)))
        await stream.send(connection.send(h11.EndOfMessage()))

    def _authorised(self, request: h11.Request) -> bool:
        if self.api_key is None:
            return True
        headers = {k.decode().lower(): v.decode() for k, v in request.headers}
        return headers.get("authorization") == f"Bearer {self.api_key}" or headers.get("x-api-key") == self.api_key

    async def _handle(self, stream: SocketStream, connection: h11.Connection, request: h11.Request, raw: bytes) -> bool:
        target = request.target.decode()
        if target.endswith("/_stats"):
            # For benchmarks in another process: when the first request came (wall clock),
            # how many came, the most in flight at once; then it starts counting afresh.
            stats = {"requests": self.stats["requests"], "first_request_wall": self._first_request_wall,
                     "peak_in_flight": self.peak_in_flight}
            self.stats["requests"], self._first_request_wall, self.peak_in_flight = 0, None, 0
            self._first_request = None
            await self._send(stream, connection, 200, json.dumps(stats).encode())
            return True
        family = "anthropic" if target.endswith("/messages") else "openai"
        self.stats["requests"] += 1
        now = anyio.current_time()
        if self._first_request is None:
            self._first_request = now
            self._first_request_wall = time.time()
        if not self._authorised(request):
            self.stats["401"] += 1
            presented = b""
            if self.echo_key_in_errors:  # some real providers quote the key they refused
                presented = b" " + b" ".join(v for k, v in request.headers if k.lower() in (b"authorization", b"x-api-key"))
            await self._send(stream, connection, 401, b'{"error": {"message": "invalid api key' + presented.replace(b'"', b"") + b'"}}')
            return True
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            await self._send(stream, connection, 400, b'{"error": {"message": "bad json"}}')
            return True
        if self.keep_requests:
            self.requests.append(body)
        faults = self.faults
        roll = self.random.random
        retry_headers = [("retry-after", str(faults.retry_after))] if faults.retry_after is not None else []
        self.in_flight += 1
        self.peak_in_flight = max(self.peak_in_flight, self.in_flight)
        try:
            if faults.storm_seconds and now - self._first_request < faults.storm_seconds:
                self.stats["429"] += 1
                await self._send(stream, connection, 429, b'{"error": {"message": "rate limited (storm)"}}', retry_headers)
                return True
            if faults.max_in_flight is not None and self.in_flight > faults.max_in_flight:
                self.stats["429"] += 1
                await self._send(stream, connection, 429, b'{"error": {"message": "too many requests in flight"}}', retry_headers)
                return True
            if roll() < faults.rate_limit:
                self.stats["429"] += 1
                await self._send(stream, connection, 429, b'{"error": {"message": "rate limited"}}', retry_headers)
                return True
            if self.latency:
                await anyio.sleep(self.latency)
            if roll() < faults.hang:
                self.stats["hang"] += 1
                await anyio.sleep_forever()
            if roll() < faults.reset:
                self.stats["reset"] += 1
                await stream.aclose()
                return False
            if roll() < faults.server_error:
                self.stats["500"] += 1
                await self._send(stream, connection, 500, b'{"error": {"message": "internal error"}}')
                return True
            if roll() < faults.malformed:
                self.stats["malformed"] += 1
                await self._send(stream, connection, 200, b"<html>502 Bad Gateway</html>")
                return True
            answer = self.responder(body, family)
            payload = self._payload(body, family, answer if isinstance(answer, str) else "", answer if isinstance(answer, dict) else None)
            if roll() < faults.truncated:
                self.stats["truncated"] += 1
                await self._send(stream, connection, 200, payload, cut=True)
                return False
            self.stats["200"] += 1
            await self._send(stream, connection, 200, payload)
            return True
        finally:
            self.in_flight -= 1

    def _payload(self, body: dict[str, Any], family: str, text: str, message: dict[str, Any] | None) -> bytes:
        faults = self.faults
        prompt_tokens = max(1, len(_messages_text(body)) // 4)
        cut_off = self.random.random() < faults.cut_off
        if cut_off:
            self.stats["cut_off"] += 1
        completion_tokens = max(1, len(text) // 4)
        number = next(self._ids)
        if family == "anthropic":
            content = (message or {}).get("content") or [{"type": "text", "text": "" if cut_off else text}]
            return msgspec.json.encode({
                "id": f"msg_{number}", "type": "message", "role": "assistant", "model": body.get("model"),
                "content": content,
                "stop_reason": "max_tokens" if cut_off else (message or {}).get("stop_reason", "end_turn"),
                "usage": {"input_tokens": prompt_tokens, "output_tokens": completion_tokens},
            })
        if self.random.random() < faults.empty_choices:
            self.stats["empty_choices"] += 1
            choices: list[Any] = []
        else:
            reply = dict(message or {"role": "assistant", "content": None if cut_off else text})
            # A responder may name the finish reason itself (content_filter, say).
            given = reply.pop("finish_reason", None)
            finish = "length" if cut_off else given or ("tool_calls" if reply.get("tool_calls") else "stop")
            choices = [{"index": 0, "message": reply, "finish_reason": finish}]
        return msgspec.json.encode({
            "id": f"chatcmpl-{number}", "object": "chat.completion", "model": body.get("model"),
            "choices": choices,
            "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                      "total_tokens": prompt_tokens + completion_tokens},
        })


def spawn(*arguments: str) -> tuple[Any, str]:
    """Serve the simulated provider from its own process (so its CPU is not the caller's);
    returns the process and its base URL. ``arguments`` are this module's command line."""
    import subprocess

    process = subprocess.Popen([sys.executable, "-m", "ase_async.testing.provider", *arguments],
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    port = int(process.stdout.readline().split()[1])
    return process, f"http://127.0.0.1:{port}/v1"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve a simulated model provider on 127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--latency", type=float, default=0.0)
    parser.add_argument("--responder", choices=["gold", "vulnerable", "gold-agent", "gold-distinct", "constant"],
                        default="gold")
    parser.add_argument("--dataset", default="ase-lite")
    parser.add_argument("--faults", default="{}", help='JSON of Faults fields, e.g. {"server_error": 0.2}')
    parser.add_argument("--api-key")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    responder = None
    if args.responder != "constant":
        from ase_async.dataset import load_dataset

        dataset = load_dataset(args.dataset)
        if args.responder == "gold-agent":
            responder = gold_agent_responder(dataset)
        elif args.responder == "gold-distinct":
            responder = distinct_responder(dataset)
        else:
            responder = gold_responder(dataset, args.responder)
    provider = SimulatedProvider(latency=args.latency, responder=responder, api_key=args.api_key, port=args.port,
                                 faults=msgspec.convert(json.loads(args.faults), Faults), seed=args.seed)
    provider.keep_requests = False
    try:
        anyio.run(provider.serve_forever)
    except KeyboardInterrupt:
        sys.exit(0)


if __name__ == "__main__":
    main()
