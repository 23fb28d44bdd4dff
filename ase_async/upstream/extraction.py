"""Reading a code answer the way the reference tool reads it (the code contract, upstream mode).

Our extraction (:func:`ase_async.answers.extract_code`) takes the first fenced block in the
task's language and refuses an answer without one. Upstream's is more forgiving, and a
comparison with its numbers has to be too:

1. the LAST fenced block (a model that drafts, then corrects, is read by its correction);
   no fence at all: the whole reply is the code;
2. lines repeated from the file are stripped: a leading run that repeats the lines just
   before the mask, and a trailing run that repeats the lines just after it (models often
   echo the surrounding code, which spliced in would appear twice);
3. braces are balanced: closing braces past the last opening one are dropped from the end
   (the echo of a closing brace after the mask), and missing ones are appended.

Brace counting skips string literals and ``//``/``#`` comments crudely (per line); it is
only ever applied to brace languages (not Python).
"""

from __future__ import annotations

import re

from .._errors import NoAnswerFound
from ..answers import _check_size, fenced_blocks
from ..masking import MASK_TOKEN

__all__ = ["extract_code_upstream"]

_STRINGS = re.compile(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'|`[^`]*`')
_COMMENT = re.compile(r"(//|#).*$")
_BRACELESS = {"python"}


def _braces(line: str) -> int:
    code = _COMMENT.sub("", _STRINGS.sub("", line))
    return code.count("{") - code.count("}")


def _strip_echo(lines: list[str], before: list[str], after: list[str]) -> list[str]:
    """Drop a leading run equal to the end of ``before`` and a trailing run equal to the
    start of ``after`` (compared without surrounding whitespace; blank lines do not count)."""

    def key(items: list[str]) -> list[str]:
        return [item.strip() for item in items]

    start = 0
    for size in range(min(len(lines), len(before)), 0, -1):
        if key(lines[:size]) == key(before[-size:]) and any(item.strip() for item in lines[:size]):
            start = size
            break
    body = lines[start:]
    for size in range(min(len(body), len(after)), 0, -1):
        if key(body[-size:]) == key(after[:size]) and any(item.strip() for item in body[-size:]):
            return body[:-size]
    return body


def _balance(lines: list[str], indent: str) -> list[str]:
    depth = 0
    for line in lines:
        depth += _braces(line)
    lines = list(lines)
    while depth < 0 and lines and lines[-1].strip() in ("}", "};", "})", "});"):
        depth += 1
        lines.pop()  # an echoed closing brace of the enclosing block
    while depth > 0:
        lines.append(indent + "}")
        depth -= 1
    return lines


def extract_code_upstream(answer: str, language: str, masked_text: str) -> str:
    """The code for the mask, read as upstream reads it (see the module docstring).

    Raises:
        AnswerTooLarge: the answer is past the size any answer may have.
        NoAnswerFound: nothing is left once the echo is stripped.
    """
    _check_size(answer)
    blocks = fenced_blocks(answer)
    text = blocks[-1][1] if blocks else answer.replace("\r\n", "\n")
    file_lines = masked_text.split("\n")
    at = next((i for i, line in enumerate(file_lines) if line.strip() == MASK_TOKEN), None)
    lines = text.rstrip("\n").split("\n")
    indent = ""
    if at is not None:
        mask = file_lines[at]
        indent = mask[: len(mask) - len(mask.lstrip(" \t"))]
        lines = _strip_echo(lines, file_lines[:at], file_lines[at + 1 :])
    if language not in _BRACELESS:
        lines = _balance(lines, indent)
    code = "\n".join(lines).strip("\n")
    if not code.strip() or code.strip() == MASK_TOKEN:
        raise NoAnswerFound("nothing of the answer is left once the code around the mask is stripped")
    return code + "\n"
