"""Ledgerly configuration."""
import os

DATABASE = os.environ.get("LEDGERLY_DB", "ledgerly.db")
DEFAULT_CURRENCY = os.environ.get("LEDGERLY_CURRENCY", "EUR")

INVOICE_STATUSES = ("draft", "sent", "paid", "overdue")
OPEN_STATUSES = ("sent", "overdue")

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
