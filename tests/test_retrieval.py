from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ase_async.retrieval import is_indexable, rank_files, tokenize


def test_tokenize_splits_identifiers() -> None:
    assert tokenize("getUserById(user_id)") == ["get", "user", "by", "id", "user", "id"]
    assert tokenize("HTMLEscape") == ["html", "escape"]


def test_tests_hidden_and_vendored_files_are_not_indexed() -> None:
    assert is_indexable("src/db.py")
    for path in ("tests/test_db.py", "src/db_test.go", "web/app.test.js", ".github/x.py",
                 "node_modules/a/index.js", "src/UserTest.java", "test_app.py", "README.md"):
        assert not is_indexable(path), path


def test_bm25_ranks_the_related_helper_first(tmp_path: Path) -> None:
    files = {
        "db.py": "def get_connection():\n    return sqlite3.connect(DATABASE)\n\ndef fetch_orders(conn): ...\n",
        "render.py": "def render_page(title, body):\n    return template.format(title=title, body=body)\n",
        "mailer.py": "def send_mail(to, subject):\n    smtp.send(to, subject)\n",
        "tests/test_db.py": "get_connection get_connection get_connection orders orders",
    }
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    ranked = rank_files(tmp_path, "load the orders of a customer using the database connection get_connection")
    names = [r.path for r, _ in ranked]
    assert names[0] == "db.py"
    assert "tests/test_db.py" not in names
    assert ranked[0][0].score > ranked[-1][0].score


def test_excluded_file_and_empty_repository(tmp_path: Path) -> None:
    assert rank_files(tmp_path, "anything") == []
    (tmp_path / "a.py").write_text("x = 1\n")
    assert rank_files(tmp_path, "x", exclude={"a.py"}) == []


_WORDS = st.sampled_from(["get", "user", "path", "sql", "id", "name", "row", "file", "html", "run"])


@settings(max_examples=200, deadline=None)
@given(corpus=st.lists(st.lists(_WORDS, max_size=30), min_size=1, max_size=12),
       query=st.lists(st.sampled_from(["get", "user", "path", "sql", "missing", "id"]), max_size=40))
def test_posted_scores_are_rank_bm25s_to_the_last_bit(corpus: list[list[str]], query: list[str]) -> None:
    """The faster scoring gives exactly the library's floats (prompts must not change)."""
    from rank_bm25 import BM25Okapi

    from ase_async.retrieval import _PostedBM25

    if not any(corpus):
        return  # rank_files never scores an all-empty corpus (BM25Okapi divides by its length)
    expected = BM25Okapi(corpus).get_scores(query)
    got = _PostedBM25(corpus).get_scores(query)
    assert got.dtype == expected.dtype
    assert got.tobytes() == expected.tobytes()
