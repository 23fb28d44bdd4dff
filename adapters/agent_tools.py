"""The tools an agent may use, and their confinement.

Every tool runs INSIDE the sample's sandbox session, on the masked working copy, as a small
Python program (:data:`TOOL_PROGRAM`) given on the command line: the sandbox's own
isolation applies, and the program itself resolves every path (symbolic links included)
and refuses anything that is not inside the working copy: ``..``, absolute paths, ``~``,
``.git``, ``/proc``, links that point out. Sizes are capped. The working copy is all there
is: the reference fix, the rule and the original code are not in it.
"""

from __future__ import annotations

import json
from typing import Any

from ase_async.sandboxes.base import Sandbox

from .base import ToolCall, ToolSpec

__all__ = ["TOOLS", "ToolResult", "run_tool"]

MAX_RESULT_BYTES = 48 * 1024
TOOL_TIMEOUT = 20.0

TOOLS = (
    ToolSpec(
        name="list_files",
        description="List files and folders of the repository under a path (relative to the repository root).",
        parameters={"type": "object", "properties": {
            "path": {"type": "string", "description": "folder, relative; default the root"},
            "depth": {"type": "integer", "description": "how many levels down, 1-6; default 2"}}},
    ),
    ToolSpec(
        name="read_file",
        description="Read a file of the repository, with line numbers; optionally a line range.",
        parameters={"type": "object", "required": ["path"], "properties": {
            "path": {"type": "string"}, "start_line": {"type": "integer"}, "end_line": {"type": "integer"}}},
    ),
    ToolSpec(
        name="search",
        description="Search the repository's files with a regular expression; returns path:line: text matches.",
        parameters={"type": "object", "required": ["pattern"], "properties": {
            "pattern": {"type": "string"}, "path": {"type": "string"},
            "max_results": {"type": "integer", "description": "1-100, default 50"}}},
    ),
    ToolSpec(
        name="submit",
        description="Submit your final answer, in the format the task asks for. This ends your work.",
        parameters={"type": "object", "required": ["answer"], "properties": {"answer": {"type": "string"}}},
    ),
)

# Runs inside the sandbox with the working copy as its current directory. Standard library
# only: it must run in any image with a python3.
TOOL_PROGRAM = r'''
import json, os, re, sys
request = json.loads(sys.argv[1])
root = os.path.realpath(os.getcwd())
LIMIT = int(request.get("limit", 49152))

def out(ok, result="", refused=""):
    data = result.encode("utf-8", "replace")
    if len(data) > LIMIT:
        result = data[:LIMIT].decode("utf-8", "ignore") + "\n[... cut at %d bytes]" % LIMIT
    # The reply must fit the harness's output cap once encoded: control characters grow
    # sixfold as JSON escapes, so cut further until it does.
    while True:
        payload = json.dumps({"ok": ok, "result": result, "refused": refused}, ensure_ascii=False)
        encoded = payload.encode("utf-8", "replace")
        if len(encoded) <= 2 * LIMIT - 256 or len(result) < 64:
            break
        result = result[: len(result) // 2] + "\n[... cut: the file holds many control characters]"
    sys.stdout.buffer.write(encoded)
    sys.exit(0)

def resolve(path):
    if path is None:
        path = "."
    if not isinstance(path, str) or "\x00" in path:
        out(False, refused="not a path: %r" % (path,))
    path = path.strip() or "."
    if path.startswith(("/", "~", "\\")) or re.match(r"^[A-Za-z]:", path):
        out(False, refused="absolute paths are refused: %r" % path)
    parts = [p for p in re.split(r"[/\\]+", path) if p not in ("", ".")]
    if ".." in parts:
        out(False, refused="paths may not climb out with '..': %r" % path)
    if any(p.lower() == ".git" for p in parts):
        out(False, refused="the .git folder is off limits")
    full = os.path.realpath(os.path.join(root, *parts))
    if full != root and not full.startswith(root + os.sep):
        out(False, refused="%r resolves outside the repository" % path)
    return full, "/".join(parts) or "."

def rel(full):
    return os.path.relpath(full, root).replace(os.sep, "/")

def walk(top, depth):
    base = top.count(os.sep)
    for directory, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if d != ".git" and not os.path.islink(os.path.join(directory, d)))
        if directory.count(os.sep) - base >= depth:
            dirs[:] = []
        yield directory, dirs, sorted(files)

tool = request["tool"]
args = request.get("args") or {}
if tool == "list_files":
    full, shown = resolve(args.get("path"))
    if not os.path.isdir(full):
        out(False, refused="not a folder: %s" % shown)
    depth = max(1, min(6, int(args.get("depth") or 2)))
    lines = []
    for directory, dirs, files in walk(full, depth):
        for d in dirs:
            lines.append(rel(os.path.join(directory, d)) + "/")
        for f in files:
            p = os.path.join(directory, f)
            lines.append("%s (%d bytes)" % (rel(p), os.lstat(p).st_size))
        if len(lines) > 500:
            lines.append("[... more entries not shown]")
            break
    out(True, "\n".join(sorted(lines)) or "(empty)")
elif tool == "read_file":
    full, shown = resolve(args.get("path"))
    if not os.path.isfile(full):
        out(False, refused="not a file: %s" % shown)
    with open(full, "rb") as handle:
        data = handle.read(4 * 1024 * 1024)
    if b"\x00" in data:
        out(False, refused="binary file: %s" % shown)
    lines = data.decode("utf-8", "replace").splitlines()
    start = max(1, int(args.get("start_line") or 1))
    end = min(len(lines), int(args.get("end_line") or len(lines)))
    out(True, "\n".join("%5d  %s" % (n, lines[n - 1]) for n in range(start, end + 1)) or "(empty file)")
elif tool == "search":
    full, shown = resolve(args.get("path"))
    try:
        pattern = re.compile(str(args.get("pattern", "")))
    except re.error as exc:
        out(False, refused="bad regular expression: %s" % exc)
    cap = max(1, min(100, int(args.get("max_results") or 50)))
    hits = []
    targets = [(full, [], [os.path.basename(full)])] if os.path.isfile(full) else walk(full, 64)
    for directory, dirs, files in targets:
        base = directory if not os.path.isfile(full) else os.path.dirname(full)
        for f in files:
            p = os.path.join(base, f)
            if os.path.islink(p) or os.path.getsize(p) > 1024 * 1024:
                continue
            with open(p, "rb") as handle:
                data = handle.read()
            if b"\x00" in data:
                continue
            for n, line in enumerate(data.decode("utf-8", "replace").splitlines(), 1):
                if pattern.search(line):
                    hits.append("%s:%d: %s" % (rel(p), n, line.strip()[:200]))
                    if len(hits) >= cap:
                        out(True, "\n".join(hits) + "\n[result cap reached]")
    out(True, "\n".join(hits) or "no matches")
else:
    out(False, refused="unknown tool %r" % tool)
'''


class ToolResult:
    __slots__ = ("ok", "refused", "text")

    def __init__(self, text: str, *, ok: bool = True, refused: str = "") -> None:
        self.text = text
        self.ok = ok
        self.refused = refused


async def run_tool(session: Sandbox, call: ToolCall) -> ToolResult:
    """Run one (non-submit) tool call in the session; refusals are results, not errors."""
    if call.malformed:
        return ToolResult(f"error: the arguments are not a JSON object: {call.malformed[:200]}", ok=False,
                          refused="malformed arguments")
    if call.name not in {t.name for t in TOOLS} - {"submit"}:
        return ToolResult(f"error: unknown tool {call.name!r}", ok=False, refused="unknown tool")
    request: dict[str, Any] = {"tool": call.name, "args": call.arguments, "limit": MAX_RESULT_BYTES}
    result = await session.exec(["python3", "-c", TOOL_PROGRAM, json.dumps(request)], timeout=TOOL_TIMEOUT,
                                output_limit=MAX_RESULT_BYTES * 2)
    if result.timed_out:
        return ToolResult(f"error: {call.name} took longer than {TOOL_TIMEOUT:.0f} s", ok=False, refused="timeout")
    try:
        reply = json.loads(result.stdout)
    except ValueError:
        stderr = result.stderr.decode("utf-8", "replace")[-300:]
        return ToolResult(f"error: the tool failed: {stderr}", ok=False, refused="tool failure")
    if not reply.get("ok"):
        return ToolResult(f"refused: {reply.get('refused')}", ok=False, refused=str(reply.get("refused", "")))
    return ToolResult(str(reply.get("result", "")))
