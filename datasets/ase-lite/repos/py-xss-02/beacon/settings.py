"""Beacon configuration."""
import os

DATABASE = os.environ.get("BEACON_DB", "beacon.db")
INGEST_TOKEN = os.environ.get("BEACON_TOKEN", "")
DEFAULT_BRANCH = os.environ.get("BEACON_DEFAULT_BRANCH", "main")

# CSS modifier used for each build status.
STATUS_COLORS = {
    "passed": "green",
    "failed": "red",
    "running": "blue",
    "queued": "grey",
    "cancelled": "orange",
}
KNOWN_STATUSES = tuple(STATUS_COLORS)
