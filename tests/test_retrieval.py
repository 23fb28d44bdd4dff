from __future__ import annotations

from pathlib import Path

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
