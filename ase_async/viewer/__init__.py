"""``ase view``: every sample of one or more runs, in a local browser page.

``index`` (where each sample's events are in the logs, in SQLite), ``code`` (the files a
sample's findings point at), ``sample`` (one sample's view), ``pages`` (HTML) and
``server`` (the local server, live following and the static export).
"""

from __future__ import annotations

import argparse
import hashlib
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .index import SampleIndex
    from .server import Viewer, export_site

__all__ = ["SampleIndex", "Viewer", "default_index_path", "export_site", "register"]


def __getattr__(name: str) -> Any:
    # Loaded on first use: every ``ase`` command registers ``view``, few run it.
    if name == "SampleIndex":
        from .index import SampleIndex

        return SampleIndex
    if name in ("Viewer", "export_site"):
        from . import server

        return getattr(server, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def default_index_path(runs: list[Path]) -> Path:
    """One index per set of run folders, in the user's cache: built once, reused after."""
    from ..cache import default_cache_dir

    key = hashlib.sha256("\n".join(str(r.resolve()) for r in runs).encode()).hexdigest()[:16]
    return default_cache_dir().parent / "view" / f"{key}.sqlite"


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    view = sub.add_parser("view", help="browse every sample of one or more runs (a local web page)")
    view.add_argument("run_dirs", nargs="+", metavar="RUN_DIR")
    view.add_argument("--port", type=int, default=8765, help="port on 127.0.0.1 (0: any free one)")
    view.add_argument("--export", metavar="DIR", help="write the viewer as static files here instead of serving")
    view.add_argument("--index", help="the index file (default: one per set of runs in the cache)")
    view.add_argument("--no-follow", action="store_true", help="do not watch the logs for new samples")
    view.set_defaults(func=_view)


def _view(args: argparse.Namespace) -> int:
    from .._errors import ConfigError, EventLogError
    from .index import SampleIndex
    from .server import Viewer, export_site

    runs = [Path(r) for r in args.run_dirs]
    for run in runs:
        if not (run / "events.jsonl").exists():
            raise EventLogError(f"{run / 'events.jsonl'}: no event log; not a run folder")
    index = SampleIndex(Path(args.index) if args.index else default_index_path(runs), runs)
    started = time.perf_counter()
    index.update()
    print(f"indexed {sum(p['done'] for p in index.progress())} finished samples in {time.perf_counter() - started:.1f} s")
    if args.export:
        count = export_site(index, Path(args.export))
        print(f"exported {count} samples to {args.export}/index.html")
        return 0
    try:
        viewer = Viewer(index, port=args.port, follow=0.0 if args.no_follow else 1.0)
    except OSError as exc:
        raise ConfigError(f"cannot listen on 127.0.0.1:{args.port} ({exc.strerror}); "
                          "choose another with --port, or --port 0 for any free one") from exc
    with viewer:
        print(f"ase view: {viewer.url} (Ctrl-C to stop)")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            print("stopped")
    return 0
