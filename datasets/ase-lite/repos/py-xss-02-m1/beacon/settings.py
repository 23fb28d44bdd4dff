"""Beacon configuration."""
import os

DB = os.environ.get("BEACON_DB", "beacon.db")
IMPORT_BADGE = os.environ.get("BEACON_TOKEN", "")
DEFAULT_STREAM = os.environ.get("BEACON_DEFAULT_BRANCH", "main")

# CSS modifier used for each build status.
STATE_COLORS = {
    "passed": "green",
    "failed": "red",
    "running": "blue",
    "queued": "grey",
    "cancelled": "orange",
}
KNOWN_STATUSES = tuple(STATE_COLORS)
