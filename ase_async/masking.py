"""Masking the vulnerable region, and splicing an answer back into the mask.

The method: the inclusive line range ``[start, end]`` (1-based) is replaced by ONE line
holding the first line's indentation followed by ``<MASKED>``.
"""

from __future__ import annotations

import textwrap

import msgspec

__all__ = ["MASK_TOKEN", "MaskedFile", "mask_region", "region_text", "replace_region", "splice"]

MASK_TOKEN = "<MASKED>"


class MaskedFile(msgspec.Struct, frozen=True):
    text: str
    mask_line: int  # 1-based line of the mask in ``text``
    indent: str
    newline: str


def _lines(text: str) -> list[str]:
    """Lines as editors and ``vuln_lines`` count them: split on ``\n`` only.

    ``str.splitlines`` also splits on form feeds, U+2028 and other separators, which would
    shift the mask by a line wherever one occurs before the region.
    """
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def _newline_of(lines: list[str]) -> str:
    for line in lines:
        if line.endswith("\r\n"):
            return "\r\n"
        if line.endswith("\n"):
            return "\n"
    return "\n"


def region_text(text: str, lines: tuple[int, int]) -> str:
    """The text of the inclusive 1-based line range."""
    start, end = lines
    return "".join(_lines(text)[start - 1 : end])


def replace_region(text: str, lines: tuple[int, int], replacement: str) -> str:
    """Replace the inclusive 1-based line range by ``replacement`` (whole lines)."""
    start, end = lines
    all_lines = _lines(text)
    if end > len(all_lines):
        raise ValueError(f"region [{start}, {end}] is past the end of a {len(all_lines)}-line file")
    if replacement and not replacement.endswith(("\n", "\r")) and end < len(all_lines):
        replacement += _newline_of(all_lines)
    return "".join(all_lines[: start - 1]) + replacement + "".join(all_lines[end:])


def mask_region(text: str, lines: tuple[int, int]) -> MaskedFile:
    """Mask the region as the method says.

    Raises:
        ValueError: the region is past the end of the file.
    """
    start, end = lines
    all_lines = _lines(text)
    if end > len(all_lines) or start < 1:
        raise ValueError(f"region [{start}, {end}] is outside a {len(all_lines)}-line file")
    first = all_lines[start - 1]
    indent = first[: len(first) - len(first.lstrip(" \t"))]
    newline = _newline_of(all_lines)
    masked = replace_region(text, lines, f"{indent}{MASK_TOKEN}{newline}")
    return MaskedFile(text=masked, mask_line=start, indent=indent, newline=newline)


def splice(masked_text: str, code: str) -> str:
    """Put ``code`` where the mask is.

    Models often drop the indentation of the surrounding block when they answer with a
    fenced snippet. When the snippet is indented less than the mask, it is dedented and
    re-indented to the mask's indentation, so that indentation-sensitive languages still
    parse; a snippet already at or beyond the mask's indentation is kept as written.

    Raises:
        ValueError: the text holds no mask line, or more than one.
    """
    all_lines = _lines(masked_text)
    positions = [i for i, line in enumerate(all_lines) if line.strip() == MASK_TOKEN]
    if len(positions) != 1:
        raise ValueError(f"expected one {MASK_TOKEN} line, found {len(positions)}")
    index = positions[0]
    line = all_lines[index]
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    newline = _newline_of(all_lines)
    code_lines = code.splitlines()
    body = [ln for ln in code_lines if ln.strip()]
    if body and indent:
        least = min(len(ln) - len(ln.lstrip(" \t")) for ln in body)
        if least < len(indent):
            code_lines = textwrap.indent(textwrap.dedent("\n".join(code_lines)), indent).split("\n")
    replacement = "".join(ln + newline for ln in code_lines)
    return "".join(all_lines[:index]) + replacement + "".join(all_lines[index + 1 :])
