"""``ase view``: the local viewer server, live following, and the static export.

The server is the standard library's threading HTTP server, bound to 127.0.0.1 only: it
shows model output and prompts, which are nobody else's to read. A follower thread
extends the index as the logs grow; pages poll a small JSON endpoint for progress and
fetch the rows again when samples finish. Both threads are owned by :class:`Viewer`,
which stops and joins them on close.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Sequence
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

from .index import FILTERS, SampleIndex
from .pages import compare_page, list_page, progress_table, sample_page, sample_rows
from .sample import load_sample

__all__ = ["PAGE_SIZE", "Viewer", "export_site"]

PAGE_SIZE = 100
_LIVE_SCRIPT = """
let seen=null;
async function poll(){try{const r=await fetch('/api/progress');const p=await r.json();
document.getElementById('progress').outerHTML=p.html;
if(seen!==null&&p.done!==seen){const q=await fetch('/api/rows'+location.search);const d=await q.json();
document.querySelector('#samples tbody').innerHTML=d.rows;document.getElementById('count').textContent=d.total;}
seen=p.done;}catch(e){}setTimeout(poll,1500);}
poll();
"""
_FILTER_SCRIPT = """
const form=document.querySelector('form.filters');
function apply(){const f=new FormData(form);let n=0;
for(const row of document.querySelectorAll('#samples tbody tr')){let ok=true;
for(const [k,v] of f.entries()){if(!v)continue;const have=row.dataset[k]||'';
if(k==='instance'?!have.includes(v):have!==v){ok=false;break;}}
row.style.display=ok?'':'none';if(ok)n++;}document.getElementById('count').textContent=n;}
form.addEventListener('submit',e=>{e.preventDefault();apply();});form.addEventListener('change',apply);
"""


class _ServerLinks:
    def home(self) -> str:
        return "/"

    def sample(self, sample_id: int) -> str:
        return f"/sample/{sample_id}"

    def compare(self, run: int, instance_id: str) -> str:
        return f"/compare/{run}/{quote(instance_id, safe='')}"


class _ExportLinks:
    def __init__(self, root: str) -> None:
        self.root = root

    def home(self) -> str:
        return f"{self.root}index.html"

    def sample(self, sample_id: int) -> str:
        return f"{self.root}samples/{sample_id}.html"

    def compare(self, run: int, instance_id: str) -> str:
        return f"{self.root}compare/{run}-{_safe(instance_id)}.html"


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", name)


def _filters(query: dict[str, list[str]]) -> dict[str, str]:
    return {name: query.get(name, [""])[0] for name in FILTERS}


class _Handler(BaseHTTPRequestHandler):
    index: SampleIndex
    links = _ServerLinks()

    def log_message(self, format: str, *args: Any) -> None:
        return  # one line per request would bury the terminal

    def _send(self, body: str, content_type: str = "text/html; charset=utf-8", status: int = 200) -> None:
        data = body.encode("utf-8", "surrogateescape")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        parts = [p for p in url.path.split("/") if p]
        try:
            if not parts:
                self._send(self._list(query))
            elif parts[0] == "sample" and len(parts) == 2 and parts[1].isdigit():
                view = load_sample(self.index, int(parts[1]))
                self._send(sample_page(view, self.links) if view else "no such sample", status=200 if view else 404)
            elif parts[0] == "compare" and len(parts) == 3 and parts[1].isdigit():
                self._send(self._compare(int(parts[1]), parts[2], query.get("systems", [])))
            elif url.path == "/api/progress":
                progress = self.index.progress()
                self._send(json.dumps({"html": progress_table(progress), "done": sum(p["done"] for p in progress),
                                       "progress": progress}), "application/json")
            elif url.path == "/api/rows":
                filters = _filters(query)
                page = int(query.get("page", ["0"])[0] or 0)
                total, rows = self.index.samples(filters, limit=PAGE_SIZE, offset=PAGE_SIZE * page)
                self._send(json.dumps({"total": total, "rows": sample_rows(rows, self.links)}), "application/json")
            else:
                self._send("not found", status=HTTPStatus.NOT_FOUND)
        except (BrokenPipeError, ConnectionResetError):
            return  # the browser went away; nothing to answer

    def _list(self, query: dict[str, list[str]]) -> str:
        filters = _filters(query)
        page = max(0, int(query.get("page", ["0"])[0] or 0))
        total, rows = self.index.samples(filters, limit=PAGE_SIZE, offset=PAGE_SIZE * page)
        return list_page(facets=self.index.facets(), filters=filters, total=total, rows=rows, links=self.links,
                         progress=self.index.progress(), page=page, pages=max(1, -(-total // PAGE_SIZE)),
                         action="/", script=_LIVE_SCRIPT)

    def _compare(self, run: int, instance_id: str, systems: Sequence[str]) -> str:
        from urllib.parse import unquote

        instance_id = unquote(instance_id)
        views = [v for r in self.index.siblings(run, instance_id) if (v := load_sample(self.index, int(r["id"])))]
        return compare_page(instance_id, views, self.links, systems)


class Viewer:
    """The index, the HTTP server and the follower thread, started and stopped together.

    Args:
        index: the index to serve (updated once before serving).
        port: 0 picks a free port; see :attr:`url`.
        follow: seconds between looks at the logs for new events; 0 to not follow.
    """

    def __init__(self, index: SampleIndex, *, port: int = 0, follow: float = 1.0) -> None:
        self.index = index
        handler = type("Handler", (_Handler,), {"index": index})
        self.server = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.server.daemon_threads = True
        self._follow = follow
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}/"

    def start(self) -> Viewer:
        self.index.update()
        self._threads.append(threading.Thread(target=self.server.serve_forever, name="ase-view", daemon=True))
        if self._follow:
            self._threads.append(threading.Thread(target=self._follower, name="ase-view-follow", daemon=True))
        for thread in self._threads:
            thread.start()
        return self

    def _follower(self) -> None:
        while not self._stop.wait(self._follow):
            self.index.update()

    def close(self) -> None:
        self._stop.set()
        self.server.shutdown()
        self.server.server_close()
        for thread in self._threads:
            thread.join(timeout=10)
        self._threads.clear()

    def __enter__(self) -> Viewer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()


def export_site(index: SampleIndex, out: Path) -> int:
    """Write the viewer as static files (list, every sample, every instance side by side).

    Returns the number of sample pages written. The list filters in the page, with no server.
    """
    index.update()
    (out / "samples").mkdir(parents=True, exist_ok=True)
    (out / "compare").mkdir(parents=True, exist_ok=True)
    top, below = _ExportLinks(""), _ExportLinks("../")
    total, rows = index.samples({}, limit=-1)
    (out / "index.html").write_text(list_page(facets=index.facets(), filters={}, total=total, rows=rows, links=top,
                                              progress=index.progress(), script=_FILTER_SCRIPT), encoding="utf-8")
    views: dict[tuple[int, str], list[Any]] = {}
    for row in rows:
        view = load_sample(index, int(row["id"]))
        if view is None:
            continue
        (out / "samples" / f"{view.id}.html").write_text(sample_page(view, below), encoding="utf-8", errors="surrogateescape")
        views.setdefault((view.run, view.instance_id), []).append(view)
    for (run, instance_id), group in views.items():
        (out / "compare" / f"{run}-{_safe(instance_id)}.html").write_text(
            compare_page(instance_id, group, below), encoding="utf-8", errors="surrogateescape")
    return total
