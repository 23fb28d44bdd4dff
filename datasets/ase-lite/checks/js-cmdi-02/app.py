"""quillbox under test: its notes in a fresh SQLite index and folder, pandoc a stand-in."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_lib"))

from asecheck import CHECK_DIR, App
from javascript import fake_tool, node_app, sqlite_db, state_dir, word_env

SCHEMA = "CREATE TABLE notes (slug TEXT PRIMARY KEY, title TEXT NOT NULL, updated_at TEXT NOT NULL);"
NOTES = {
    "weekly-sync": ("Weekly sync \u2013 O'Brien & Ünal", "# Weekly sync\n\n- ship 2.0\n- café budget\n"),
    "roadmap": ("Roadmap 2025", "# Roadmap\n\n1. search\n2. export\n"),
}
MISSING = "lost-note"  # indexed, but its Markdown file is gone: pandoc fails


def start(stored: Callable[[Path], dict[str, str]] | None = None) -> tuple[App, Path]:
    """The app (not started) on a fresh index and notes folder, PANDOC pointing at pandocfake.py.
    ``stored(state)`` gives more notes (slug: title), their titles made from the state folder."""
    state = state_dir("quillbox")
    notes, exports = state / "notes", state / "exports"
    notes.mkdir()
    exports.mkdir()
    every = {**NOTES, **{slug: (title, "# Stored\n") for slug, title in (stored(state) if stored else {}).items()}}
    rows = [{"slug": slug, "title": title, "updated_at": f"2025-01-{n:02d} 09:00:00"}
            for n, (slug, (title, _)) in enumerate(every.items(), start=1)]
    rows.append({"slug": MISSING, "title": "Lost", "updated_at": "2024-12-31 09:00:00"})
    for slug, (_, text) in every.items():
        (notes / f"{slug}.md").write_text(text)
    sqlite_db(state / "quillbox.db", SCHEMA, {"notes": rows})
    pandoc = fake_tool(state / "pandoc", (CHECK_DIR / "pandocfake.py").read_text())
    return node_app({"QUILLBOX_NOTES": str(notes), "QUILLBOX_EXPORTS": str(exports),
                     "QUILLBOX_DB": str(state / "quillbox.db"), "PANDOC": str(pandoc),
                     "ASE_TOOL_LOG": str(state / "pandoc.log"), **word_env(state)}), state
