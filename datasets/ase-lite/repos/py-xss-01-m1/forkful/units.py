"""Formatting of cooking times and quantities."""


def format_quantity(val, unit):
    if val is None:
        return unit or ""
    text = f"{val:g}"
    return f"{text} {unit}" if unit else text


def format_minutes(minutes):
    if not minutes:
        return "n/a"
    hours, mins = divmod(int(minutes), 60)
    if hours and mins:
        return f"{hours} h {mins} min"
    if hours:
        return f"{hours} h"
    return f"{mins} min"
