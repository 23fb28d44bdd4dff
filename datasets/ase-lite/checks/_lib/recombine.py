"""Command-injection payloads that come back together when a filter deletes characters once.

A deny-list that deletes what it refuses in one pass (PHP ``str_replace``, Python ``replace``
or ``re.sub``, Go ``strings.ReplaceAll``, JavaScript ``replaceAll``) glues what stood on either
side of each deleted piece: ``$"(`` loses its quote and is ``$(``. ``recombining`` spells a
payload's two-character metacharacter sequences so that such a filter rebuilds them. A single
character the filter deletes cannot come back this way; payloads in the other spellings
(``$(`` for a backtick, a line break for ``;``) are each seed's business.

Language-independent, standard library only.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

__all__ = ["DELETED", "SEQUENCES", "recombining"]

#: the metacharacter sequences split: command substitution and the conditional separators
SEQUENCES = ("$(", "&&", "||")

#: characters that deny-lists of shell metacharacters commonly delete
DELETED = ('"', "'", "\\", "`", ";", "|", "&")


def _deleted_once(text: str, pieces: Sequence[str]) -> str:
    """``text`` after a filter that deletes each piece in turn, each in one pass."""
    for piece in pieces:
        text = text.replace(piece, "")
    return text


def recombining(payload: str) -> list[str]:
    """Spellings of ``payload`` that one pass of deletion turns back into ``payload``.

    Each sequence of ``SEQUENCES`` in the payload (every occurrence alike) is written as:

    - ``$"(``: split by one character of ``DELETED``, for a filter that deletes that
      character (after the sequence, if it deletes the sequence too);
    - ``$$((``: nested in itself, for a filter that deletes the sequence: the one occurrence
      it finds is the inner one;
    - ``$$("(``: nested and split, for a filter that deletes both the sequence and the
      character, in either order (a list of pieces replaced one after another, as PHP's
      ``str_replace`` with an array does).

    A spelling is kept only if every order of its deletions gives the payload back (so ``&&&&``
    is dropped: one pass deletes both pairs, and a character the payload holds elsewhere is
    never the splitter). Left as they are, the spellings are broken syntax or plain text to a
    shell, except where the value reaches it unquoted and unfiltered (``$;(`` runs a subshell):
    an injection either way.
    """
    variants: list[str] = []
    for sequence in SEQUENCES:
        if sequence not in payload:
            continue
        head, tail = sequence[:1], sequence[1:]
        shapes = [(head + sequence + tail, (sequence,))]
        for char in DELETED:
            shapes += [(head + char + tail, (char,)), (head + sequence + char + tail, (sequence, char))]
        for middle, pieces in shapes:
            variant = payload.replace(sequence, middle)
            if variant not in variants and all(
                _deleted_once(variant, order) == payload for order in itertools.permutations(pieces)
            ):
                variants.append(variant)
    return variants
