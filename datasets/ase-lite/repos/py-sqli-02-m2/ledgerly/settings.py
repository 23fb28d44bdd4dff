"""Ledgerly configuration."""
import os

STORE = os.environ.get("LEDGERLY_DB", "ledgerly.db")
DEFAULT_CURRENCY = os.environ.get("LEDGERLY_CURRENCY", "EUR")

STATEMENT_STATUSES = ("draft", "sent", "paid", "overdue")
BEGIN_STATUSES = ("sent", "overdue")

DEFAULT_MAX = 50
LIMIT_CAP = 500
