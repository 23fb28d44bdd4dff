"""Counting prompt tokens offline.

tiktoken downloads its encoding files on first use, which fails on machines without
internet. ``bpe-openai`` ships the same OpenAI encodings inside its wheel (``o200k_base``,
``cl100k_base``), so budgets are counted exactly and offline. Where that package is missing
the harness falls back to ``approx``: UTF-8 bytes divided by 4, a deliberately generous
estimate for code, and the name of the tokenizer used is recorded with every prompt.
"""

from __future__ import annotations

import functools
from typing import Protocol

__all__ = ["DEFAULT_TOKENIZER", "Tokenizer", "get_tokenizer"]

DEFAULT_TOKENIZER = "o200k_base"


class Tokenizer(Protocol):
    name: str

    def count(self, text: str) -> int: ...


class _ApproxTokenizer:
    name = "approx"

    def count(self, text: str) -> int:
        return (len(text.encode("utf-8", "surrogatepass")) + 3) // 4


class _BpeTokenizer:
    def __init__(self, name: str) -> None:
        import bpe_openai

        self.name = name
        self._encoding = bpe_openai.get_encoding(name)

    def count(self, text: str) -> int:
        return len(self._encoding.encode_ordinary(text))


@functools.cache
def get_tokenizer(name: str = DEFAULT_TOKENIZER) -> Tokenizer:
    """The named tokenizer: an OpenAI encoding name, or ``approx``."""
    if name == "approx":
        return _ApproxTokenizer()
    try:
        return _BpeTokenizer(name)
    except ImportError:
        import structlog

        structlog.get_logger().warning(
            "tokenizer unavailable, counting approximately", wanted=name, using="approx"
        )
        return _ApproxTokenizer()
