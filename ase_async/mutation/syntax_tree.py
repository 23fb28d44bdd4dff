"""tree-sitter parse trees with character offsets.

tree-sitter counts bytes; the mutation operators edit ``str`` text. :class:`Source`
parses once and translates, so no operator has to think about UTF-8 (the seeds hold a
few non-ASCII characters in strings and comments).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

__all__ = ["Node", "Source", "has_syntax_error", "language_of_file", "walk"]

#: tree-sitter nodes carry no type stubs.
Node = Any

_GRAMMAR = {"php": "php", "python": "python", "javascript": "javascript", "go": "go", "java": "java"}
_SUFFIX = {".php": "php", ".py": "python", ".js": "javascript", ".cjs": "javascript",
           ".mjs": "javascript", ".go": "go", ".java": "java"}


def language_of_file(path: str) -> str | None:
    """The language of a source file the operators understand, from its ending."""
    dot = path.rfind(".")
    return _SUFFIX.get(path[dot:].lower()) if dot >= 0 else None


@functools.cache
def _parser(language: str) -> Any:
    from tree_sitter_language_pack import get_parser

    return get_parser(_GRAMMAR[language])  # type: ignore[arg-type]  # literal names only


class Source:
    """A parsed text.

    Attributes:
        text: the text.
        language: its language.
        root: the root node of its tree.
    """

    def __init__(self, language: str, text: str) -> None:
        self.text = text
        self.language = language
        self._data = text.encode("utf-8", "surrogateescape")
        self.root = _parser(language).parse(self._data).root_node
        # Only non-ASCII text needs a byte -> character table.
        self._ascii = len(self._data) == len(text)
        self._char_of: list[int] | None = None

    def _offset(self, byte: int) -> int:
        if self._ascii:
            return byte
        if self._char_of is None:
            table = [0] * (len(self._data) + 1)
            position = 0
            for index, char in enumerate(self.text):
                width = len(char.encode("utf-8", "surrogateescape"))
                for k in range(width):
                    table[position + k] = index
                position += width
            table[position] = len(self.text)
            self._char_of = table
        return self._char_of[byte]

    def span(self, node: Node) -> tuple[int, int]:
        """Character offsets ``[start, end)`` of a node."""
        return self._offset(node.start_byte), self._offset(node.end_byte)

    def of(self, node: Node) -> str:
        """The text of a node."""
        start, end = self.span(node)
        return self.text[start:end]

    def line_start(self, offset: int) -> int:
        """Offset of the start of the line holding ``offset``."""
        return self.text.rfind("\n", 0, offset) + 1

    def line_end(self, offset: int) -> int:
        """Offset just past the newline that ends the line holding ``offset - 1``."""
        newline = self.text.find("\n", offset)
        return len(self.text) if newline < 0 else newline + 1


def walk(node: Node) -> Iterator[Node]:
    """Every node under ``node`` (itself included), in document order."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.children))


def has_syntax_error(language: str, text: str) -> bool:
    """Whether tree-sitter finds a syntax error in ``text``."""
    return bool(Source(language, text).root.has_error)
