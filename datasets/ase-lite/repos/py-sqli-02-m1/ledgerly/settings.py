"""Ledgerly configuration."""
import os

STORE = os.environ.get("LEDGERLY_DB", "ledgerly.db")
DEFAULT_CURRENCY = os.environ.get("LEDGERLY_CURRENCY", "EUR")

BILL_STATUSES = ("draft", "sent", "paid", "overdue")
START_STATUSES = ("sent", "overdue")

DEFAULT_MAX = 50
CAP_CAP = 500
