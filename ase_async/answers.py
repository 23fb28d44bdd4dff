"""Reading the change out of a model's answer.

Diff contract, in order: fenced ```diff / ```patch blocks, then ``<patch>...</patch>``,
then a raw diff (the answer, or its tail, starts with ``diff --git`` or ``--- ``).
Code contract: the first fenced block tagged with the task's language, else the first
fenced block; an unterminated last fence runs to the end of the answer.
"""

from __future__ import annotations

import re

from ._errors import AnswerTooLarge, NoAnswerFound
from .masking import MASK_TOKEN

__all__ = ["MAX_ANSWER_BYTES", "extract_code", "extract_diff", "fence", "fenced_blocks"]

#: Answers past this size are refused unread: no real fix for one region is this large.
MAX_ANSWER_BYTES = 2 * 1024 * 1024

_FENCE_OPEN = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})[ \t]*([\w+#.-]*)[^\n`]*$")
_PATCH_TAG = re.compile(r"<patch>\s*\n?(.*?)(?:</patch>|\Z)", re.DOTALL)
_RAW_DIFF_START = re.compile(r"^(diff --git |--- (?:a/|/dev/null|\S))", re.MULTILINE)

_LANGUAGE_TAGS = {
    "php": {"php"},
    "python": {"python", "py", "python3"},
    "javascript": {"javascript", "js", "node", "jsx", "mjs", "cjs"},
    "typescript": {"typescript", "ts", "tsx"},
    "go": {"go", "golang"},
    "java": {"java"},
}


def _check_size(answer: str) -> None:
    if len(answer) > MAX_ANSWER_BYTES:
        raise AnswerTooLarge(
            f"the answer has {len(answer):,} characters, more than {MAX_ANSWER_BYTES:,}"
        )


def fence(body: str, tag: str) -> str:
    """``body`` in a fenced block that nothing inside it can close early.

    The fence is one backtick longer than the longest run of backticks in ``body``, so a
    context line of three backticks in a diff stays part of the diff.
    """
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    marks = "`" * max(3, longest + 1)
    return f"{marks}{tag}\n{body.rstrip(chr(10))}\n{marks}\n"


def fenced_blocks(text: str) -> list[tuple[str, str]]:
    """Every fenced block as (info tag, body), in order."""
    blocks: list[tuple[str, str]] = []
    lines = text.replace("\r\n", "\n").split("\n")
    i = 0
    while i < len(lines):
        match = _FENCE_OPEN.match(lines[i])
        if not match:
            i += 1
            continue
        fence, tag = match.group(1), match.group(2).lower()
        body: list[str] = []
        closed = False
        i += 1
        while i < len(lines):
            stripped = lines[i].strip()
            if stripped.startswith(fence[0] * len(fence)) and not stripped.strip(fence[0]):
                closed = True
                break
            body.append(lines[i])
            i += 1
        i += 1
        while not closed and body and not body[-1].strip():
            body.pop()  # an answer cut off inside its fence ends with blank lines, not code
        blocks.append((tag, "\n".join(body) + "\n"))
    return blocks


def extract_diff(answer: str) -> str:
    """The unified diff in an answer.

    Raises:
        AnswerTooLarge: the answer is past :data:`MAX_ANSWER_BYTES`.
        NoAnswerFound: the answer holds no diff.
    """
    _check_size(answer)
    blocks = [body for tag, body in fenced_blocks(answer) if tag in {"diff", "patch", "udiff"}]
    if blocks:
        return "".join(blocks)
    tagged = _PATCH_TAG.search(answer)
    if tagged and tagged.group(1).strip():
        return tagged.group(1).replace("\r\n", "\n").rstrip("\n") + "\n"
    untagged = [body for tag, body in fenced_blocks(answer) if _RAW_DIFF_START.search(body)]
    if untagged:
        return "".join(untagged)
    raw = _RAW_DIFF_START.search(answer)
    if raw:
        return answer[raw.start() :].replace("\r\n", "\n").rstrip("\n") + "\n"
    raise NoAnswerFound("the answer holds no diff (no ```diff block, <patch> tag or raw diff)")


def extract_code(answer: str, language: str) -> str:
    """The code for the masked region in an answer.

    Raises:
        AnswerTooLarge: the answer is past :data:`MAX_ANSWER_BYTES`.
        NoAnswerFound: the answer holds no fenced code, or only echoes the mask.
    """
    _check_size(answer)
    blocks = fenced_blocks(answer)
    if not blocks:
        raise NoAnswerFound("the answer holds no fenced code block")
    tags = _LANGUAGE_TAGS.get(language, {language})
    chosen = next((body for tag, body in blocks if tag in tags), None)
    if chosen is None:
        chosen = next((body for tag, body in blocks if tag not in {"diff", "patch"}), blocks[0][1])
    if chosen.strip() == MASK_TOKEN or not chosen.strip():
        raise NoAnswerFound("the fenced code block is empty or only repeats the mask")
    return chosen
