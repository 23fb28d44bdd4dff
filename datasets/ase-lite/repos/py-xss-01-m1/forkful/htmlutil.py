"""Helpers for the few endpoints that build HTML fragments by hand.

Everything that is not a literal must go through ``h()`` before it is put
into markup; ``h()`` returns a ``Markup`` so it is safe to call twice.
"""
from markupsafe import Markup, escape


def stars(avg):
    """Render an average rating (0-5) as filled/empty star characters."""
    full = int(round(avg or 0))
    return "\u2605" * full + "\u2606" * (5 - full)


def pluralize(tally, singular, plural=None):
    word = singular if tally == 1 else (plural or singular + "s")
    return f"{tally} {word}"


def h(value):
    """HTML-escape any value for use in element content or quoted attributes."""
    if value is None:
        return Markup("")
    return escape(str(value))
