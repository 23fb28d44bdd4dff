from __future__ import annotations

import pytest

from ase_async import AnswerTooLarge, NoAnswerFound
from ase_async.answers import MAX_ANSWER_BYTES, extract_code, extract_diff

DIFF = "diff --git a/x.py b/x.py\n--- a/x.py\n+++ b/x.py\n@@ -1 +1 @@\n-a\n+b\n"


def test_diff_in_a_diff_fence_wins_over_prose() -> None:
    answer = f"Here is the fix:\n```diff\n{DIFF}```\nThat is all."
    assert extract_diff(answer) == DIFF


def test_diff_in_patch_tags() -> None:
    assert extract_diff(f"<patch>\n{DIFF}</patch>") == DIFF


def test_raw_diff_after_prose() -> None:
    assert extract_diff(f"Sure.\n{DIFF}") == DIFF


def test_diff_in_an_untagged_fence() -> None:
    assert extract_diff(f"```\n{DIFF}```") == DIFF


def test_crlf_answers_are_normalised() -> None:
    assert extract_diff(f"```diff\r\n{DIFF.replace(chr(10), chr(13) + chr(10))}```") == DIFF


def test_no_diff_is_classified() -> None:
    with pytest.raises(NoAnswerFound):
        extract_diff("I cannot help with that.")


def test_code_prefers_the_language_tagged_block() -> None:
    answer = "```text\nnot this\n```\n```python\nx = 1\n```\n"
    assert extract_code(answer, "python") == "x = 1\n"


def test_code_falls_back_to_the_first_block_and_unterminated_fences() -> None:
    assert extract_code("```\ny = 2\n```", "go") == "y = 2\n"
    assert extract_code("```php\n$a = 1;\n", "php") == "$a = 1;\n"


def test_code_that_only_echoes_the_mask_is_no_answer() -> None:
    with pytest.raises(NoAnswerFound):
        extract_code("```python\n<MASKED>\n```", "python")
    with pytest.raises(NoAnswerFound):
        extract_code("no code at all", "python")


def test_huge_answers_are_refused_unread() -> None:
    with pytest.raises(AnswerTooLarge):
        extract_code("x" * (MAX_ANSWER_BYTES + 1), "python")
    with pytest.raises(AnswerTooLarge):
        extract_diff("x" * (MAX_ANSWER_BYTES + 1))
