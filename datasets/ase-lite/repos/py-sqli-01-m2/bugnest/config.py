"""Settings for Bugnest, read from the environment with sane defaults."""
import os

DATABASE = os.environ.get("BUGNEST_DB", os.path.join(os.getcwd(), "bugnest.db"))
DEBUG = os.environ.get("BUGNEST_DEBUG", "0") == "1"
SECRET_KEY = os.environ.get("BUGNEST_SECRET", "change-me")

# Number of issues returned per page by the list and search endpoints.
PAGE_SIZE = int(os.environ.get("BUGNEST_PAGE_SIZE", "25"))

STATUSES = ("open", "in_progress", "closed")
DEFAULT_STATUS = "open"
PRIORITIES = range(1, 6)
