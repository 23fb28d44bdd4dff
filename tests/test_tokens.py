"""Token counts: the fast path agrees with the library's public API."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ase_async.tokens import get_tokenizer

SAMPLES = ["", "hello world", "def f(x):\n    return x  # é 😀\n", "<|endoftext|> special text", "\t\r\n  ∑ 漢字"]


@pytest.mark.parametrize("name", ["o200k_base", "cl100k_base"])
def test_counts_match_the_public_encoder(name: str) -> None:
    bpe_openai = pytest.importorskip("bpe_openai")
    encoding = bpe_openai.get_encoding(name)
    text = Path(__file__).read_text() * 3
    counter = get_tokenizer(name)
    assert counter.name == name
    for sample in [*SAMPLES, text]:
        assert counter.count(sample) == len(encoding.encode_ordinary(sample)), sample[:40]


def test_counting_does_not_import_the_package_table() -> None:
    """The package's ``__init__`` decodes every vocabulary; counting must not pay for it."""
    code = ("import sys; from ase_async.tokens import get_tokenizer; "
            "assert get_tokenizer('o200k_base').count('a b c') == 3; print('bpe_openai' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_an_unknown_encoding_is_refused() -> None:
    with pytest.raises(Exception):  # noqa: B017 - whatever the library raises, never a silent count
        get_tokenizer("no-such-encoding")
