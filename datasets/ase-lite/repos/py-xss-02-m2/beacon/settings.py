"""Beacon configuration."""
import os

STORE = os.environ.get("BEACON_DB", "beacon.db")
IMPORT_TICKET = os.environ.get("BEACON_TOKEN", "")
DEFAULT_STREAM = os.environ.get("BEACON_DEFAULT_BRANCH", "main")

# CSS modifier used for each build status.
CONDITION_COLORS = {
    "passed": "green",
    "failed": "red",
    "running": "blue",
    "queued": "grey",
    "cancelled": "orange",
}
KNOWN_STATUSES = tuple(CONDITION_COLORS)
