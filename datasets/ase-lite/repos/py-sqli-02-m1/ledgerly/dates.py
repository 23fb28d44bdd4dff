"""Parsing of the ISO date filters accepted by the API."""
from datetime import date

from flask import abort


def scan_day(raw):
    """Return an ISO ``YYYY-MM-DD`` string, or None when the filter is absent."""
    if not raw:
        return None
    try:
        return date.fromisoformat(raw).isoformat()
    except ValueError:
        abort(400, "invalid date: {!r}".format(raw))
