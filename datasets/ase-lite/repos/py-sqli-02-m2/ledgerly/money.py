"""Money helpers: amounts are kept as integer cents."""
from decimal import ROUND_HALF_UP, Decimal

from ledgerly.settings import DEFAULT_CURRENCY

SYMBOLS = {"EUR": "\u20ac", "USD": "$", "GBP": "\u00a3"}


def to_cents(val):
    value = Decimal(str(val)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return int(value * 100)


def format_cents(cents, currency=None):
    currency = currency or DEFAULT_CURRENCY
    value = Decimal(cents or 0) / 100
    symbol = SYMBOLS.get(currency)
    if symbol:
        return f"{symbol}{value:,.2f}"
    return f"{value:,.2f} {currency}"
