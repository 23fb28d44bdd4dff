from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ase_async.masking import MASK_TOKEN, mask_region, region_text, replace_region, splice

TEXT = "def f():\n    a = 1\n    b = 2\n    return a + b\n\nprint(f())\n"


def test_mask_replaces_the_inclusive_range_with_one_indented_line() -> None:
    masked = mask_region(TEXT, (2, 3))
    assert masked.text == "def f():\n    <MASKED>\n    return a + b\n\nprint(f())\n"
    assert masked.mask_line == 2
    assert masked.indent == "    "


def test_mask_of_a_single_line_and_of_the_last_line() -> None:
    assert mask_region(TEXT, (1, 1)).text.startswith("<MASKED>\n    a = 1\n")
    assert mask_region(TEXT, (6, 6)).text.endswith("\n<MASKED>\n")


def test_mask_keeps_crlf_line_endings() -> None:
    text = "a\r\n  b\r\n  c\r\nd\r\n"
    assert mask_region(text, (2, 3)).text == "a\r\n  <MASKED>\r\nd\r\n"


def test_region_past_the_end_is_refused() -> None:
    with pytest.raises(ValueError, match="outside"):
        mask_region(TEXT, (5, 9))


def test_splice_reindents_code_written_without_the_block_indentation() -> None:
    masked = mask_region(TEXT, (2, 3)).text
    assert splice(masked, "a = 1\nif a:\n    b = 2\n") == (
        "def f():\n    a = 1\n    if a:\n        b = 2\n    return a + b\n\nprint(f())\n"
    )


def test_splice_keeps_code_already_indented() -> None:
    masked = mask_region(TEXT, (2, 3)).text
    assert splice(masked, "    a = 1\n    b = 2\n") == TEXT


def test_splice_needs_exactly_one_mask() -> None:
    with pytest.raises(ValueError):
        splice("no mask here\n", "x")
    with pytest.raises(ValueError):
        splice(f"{MASK_TOKEN}\n{MASK_TOKEN}\n", "x")


@given(
    lines=st.lists(st.text(alphabet="abc =()\t", max_size=12), min_size=1, max_size=20),
    data=st.data(),
)
def test_mask_then_splice_the_region_restores_the_file(lines: list[str], data: st.DataObject) -> None:
    text = "".join(line + "\n" for line in lines)
    start = data.draw(st.integers(1, len(lines)))
    end = data.draw(st.integers(start, len(lines)))
    region = region_text(text, (start, end))
    masked = mask_region(text, (start, end))
    indent = masked.indent
    # Splicing re-indents only code indented less than the mask, which the region never is.
    if all(not ln.strip() or ln.startswith(indent) for ln in region.splitlines()):
        assert splice(masked.text, region) == text
    assert replace_region(masked.text, (start, start), region) == text
