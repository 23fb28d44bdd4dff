"""Hallway on a fresh SQLite database, with events, RSVPs and comments the check controls."""

from __future__ import annotations

import sys
from collections.abc import Sequence
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_lib"))

from asecheck import App, Response
from java_servlet import java_app, session_cookie, sqlite_db, workdir

SCHEMA = """
CREATE TABLE members (id INTEGER PRIMARY KEY, display_name TEXT NOT NULL);
CREATE TABLE events (
    id INTEGER PRIMARY KEY, title TEXT NOT NULL, description TEXT NOT NULL, venue TEXT NOT NULL, website TEXT,
    organizer_id INTEGER NOT NULL REFERENCES members(id), starts_at TEXT NOT NULL, ends_at TEXT NOT NULL,
    capacity INTEGER NOT NULL
);
CREATE TABLE rsvps (event_id INTEGER NOT NULL REFERENCES events(id), member_id INTEGER NOT NULL REFERENCES members(id),
    PRIMARY KEY (event_id, member_id));
CREATE TABLE comments (id INTEGER PRIMARY KEY AUTOINCREMENT, event_id INTEGER NOT NULL REFERENCES events(id),
    author_id INTEGER NOT NULL REFERENCES members(id), body TEXT NOT NULL, posted_at INTEGER NOT NULL);
"""
MEMBERS = [(1, "Seán O'Brien"), (2, "Zoë & Co"), (3, "Ada Lovelace")]
# id, title, description, venue, website, organizer, starts, ends, capacity
EVENTS = [
    (1, "O'Brien & Sons' \"Meetup\" (2024)", "Line one\nLine two with tags & more\r\nLine three",
     "Café Zürich, 2nd floor", "https://example.org/meetup?a=1&b=2", 1, "2024-06-06T18:30", "2024-06-06T21:00", 3),
    (2, "Full house", "Only one seat.", "Room 1", None, 3, "2024-12-31T20:00", "2025-01-01T01:30", 1),
    (3, "No link", "Empty website.", "Room 2", "", 2, "2024-07-01T09:05", "2024-07-01T10:00", 10),
]
RSVPS = [(1, 2), (1, 3), (2, 1)]


def comments_now() -> list[tuple[object, ...]]:
    """Two comments on event 1, posted five minutes and three hours before now."""
    now = int(time.time() * 1000)
    return [(1, 1, 3, "Count me in!\nBringing snacks & drinks", now - 3 * 3_600_000 - 60_000),
            (2, 1, 2, "See you \"there\"", now - 5 * 60_000 - 20_000)]


def start(events: Sequence[tuple[object, ...]] = (), members: Sequence[tuple[object, ...]] = ()) -> App:
    """Hallway with its events, members, RSVPs and comments, plus the check's own ``events`` and ``members``."""
    root = workdir("hallway")
    db = sqlite_db(root / "hallway.db", SCHEMA, {
        "members": [*MEMBERS, *members], "events": [*EVENTS, *events], "rsvps": RSVPS, "comments": comments_now()})
    return java_app({"HALLWAY_DB": str(db)}, cwd=root)


def event(app: App, event_id: int, notice: str | None = None, cookie: str | None = None) -> Response:
    query = [("id", str(event_id))] + ([("notice", notice)] if notice is not None else [])
    return app.get("/events", query=query, headers={"Cookie": cookie} if cookie else None)


def sign_in(app: App, member_id: int) -> str:
    """The Cookie header of a session signed in as ``member_id`` (the stand-in login of the adapter)."""
    return session_cookie(app, memberId=f"long:{member_id}")


def comment(app: App, cookie: str, event_id: int, body: str) -> Response:
    return app.post("/events/comment", form={"eventId": str(event_id), "body": body}, headers={"Cookie": cookie})
