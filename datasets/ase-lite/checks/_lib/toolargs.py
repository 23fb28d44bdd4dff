"""A tool's argument vector as the real tool parses it, for functional tests of command checks.

The stand-in tools of the command-injection checks record the arguments they were given. A
functional test that compares that list exactly fails correct code written in another style:
``-c2`` and ``-c 2`` are one option for ping's getopt, ``-nq`` is ``-n -q``, ``--`` before a host
changes nothing. ``same_args`` compares two vectors after the parse the real tool does, driven
by the tool's option table in ``TOOLS``, and merges only forms that tool reads identically:

- a short option that takes a value, with the value attached or in the next argument (the
  next argument is the value even when it starts with '-', as getopt reads it);
- grouped short flags, only for tools whose whole table of short options is listed here;
- ``--name=value`` and ``--name value``, for the long options listed;
- ``--``, which ends the options for getopt: what follows is an operand;
- the order of options between two operands (none of the listed options depends on another's
  position), and across operands for tools whose getopt permutes them (GNU getopt).

Security does not rest on this: the exploits observe effects. It still matters that an
argument starting with '-' before ``--`` is an option, never an operand, so a host that became
an option of the tool does not compare equal to the host. An option that is not in a tool's
table stays one opaque word, compared exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["TOOLS", "OptionTable", "parse_args", "same_args"]


@dataclass(frozen=True)
class OptionTable:
    """What a tool's parser knows about its options."""

    #: short options that take a value
    values: str
    #: short options that take none; with ``values`` the complete table, so flags may group
    #: (``-nq``); empty where the table is not known completely and groups stay opaque
    flags: str = ""
    #: options may follow operands (GNU getopt permutes them to the front)
    permute: bool = False
    #: long options that take a value, as ``--name=value`` or ``--name value``
    long_values: frozenset[str] = frozenset()
    #: arguments starting with '+' are options too (dig's query options)
    plus: bool = False
    #: ``--`` ends the options (getopt); where the parser has no such marker it is an option
    end_marker: bool = True


TOOLS: dict[str, OptionTable] = {
    # iputils ping: getopt("46?aAbBc:dDe:fF:hi:I:l:Lm:M:nOp:qQ:rRs:S:t:T:UvVw:W:"), no long options
    "ping": OptionTable(values="ceFiIlmMpQsStTwW", flags="46?aAbBdDfhLnOqrRUvV", permute=True),
    # traceroute (LBL getopt, or the Linux one's joinable short options): only the value
    # options are listed, so flags never group and its long options stay opaque
    "traceroute": OptionTable(values="fgimNpqstwzlMOP"),
    # BIND dig: dash options group flags "46dhimnruv" before one value option "bcfkpqtxy",
    # whose value may be attached; +options are query options; arguments read in order; no --
    "dig": OptionTable(values="bcfkpqtxy", flags="46dhimnruv", plus=True, end_marker=False),
}

Option = tuple[str, "str | None"]


def _short(word: str, rest: list[str], table: OptionTable) -> list[Option] | None:
    """The options in one ``-xyz`` word (taking a value from ``rest`` if needed), or None when
    the word is not fully understood by the table."""
    found: list[Option] = []
    letters = word[1:]
    for at, letter in enumerate(letters):
        if at and not table.flags:
            return None
        if letter in table.values:
            value = letters[at + 1 :] or (rest.pop(0) if rest else None)
            found.append(("-" + letter, value))
            return found
        if letter not in table.flags:
            return None
        found.append(("-" + letter, None))
    return found


def parse_args(tool: str, args: Sequence[str]) -> tuple[tuple[tuple[Option, ...], ...], tuple[str, ...]]:
    """The options (in runs between operands, each run in a canonical order) and the operands
    that ``tool`` reads from ``args``."""
    table = TOOLS[tool]
    rest = list(args)
    runs: list[list[Option]] = [[]]
    operands: list[str] = []
    ended = False
    while rest:
        word = rest.pop(0)
        if word == "--" and table.end_marker and not ended:
            ended = True
        elif not ended and word.startswith("--"):
            name, equals, value = word.partition("=")
            if name[2:] in table.long_values:
                runs[-1].append((name, value if equals else (rest.pop(0) if rest else None)))
            else:
                runs[-1].append((word, None))
        elif not ended and len(word) > 1 and (word[0] == "-" or (table.plus and word[0] == "+")):
            options = _short(word, rest, table) if word[0] == "-" else None
            runs[-1].extend(options if options is not None else [(word, None)])
        else:
            operands.append(word)
            if not table.permute:
                runs.append([])
    # a stable sort: a repeated option keeps its order (the last one usually wins)
    canonical = tuple(tuple(sorted(run, key=lambda option: option[0])) for run in runs)
    return canonical, tuple(operands)


def same_args(tool: str, got: Sequence[str], want: Sequence[str]) -> bool:
    """Whether ``tool`` reads ``got`` as it reads ``want``."""
    return parse_args(tool, got) == parse_args(tool, want)
