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


@functools.cache
def _rust_bindings() -> object:
    """``bpe-openai``'s compiled extension, loaded once without the package's ``__init__``.

    Importing ``bpe_openai`` decodes all three of its vocabularies in Python to build a model
    table (0.7 s of CPU, before any request can leave); the compiled extension it wraps
    holds the same encodings natively and loads one in 0.05 s. Counts are identical (a test
    compares them with the public ``encode_ordinary``).
    """
    import importlib.util
    from pathlib import Path

    package = importlib.util.find_spec("bpe_openai")  # finds, does not import
    if package is None or package.origin is None:
        raise ImportError("bpe_openai is not installed")
    [library] = [p for p in Path(package.origin).parent.iterdir()
                 if p.name.startswith("_bindings.") and p.suffix in (".so", ".pyd")]
    spec = importlib.util.spec_from_file_location("bpe_openai._bindings", library)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {library}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _BpeTokenizer:
    def __init__(self, name: str) -> None:
        self.name = name
        try:
            self._count = _rust_bindings().tokenizer_for_encoding(name).count  # type: ignore[attr-defined]
        except Exception:  # another build of the package: its public API
            import bpe_openai

            encoding = bpe_openai.get_encoding(name)
            self._count = lambda text: len(encoding.encode_ordinary(text))

    def count(self, text: str) -> int:
        return int(self._count(text))


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
