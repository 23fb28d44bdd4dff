"""The program under test is put back as built before each exploit (rules/pristine.py)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from ase_async.rules.pristine import restore, save


def _tree(root: Path) -> None:
    (root / "app").mkdir(parents=True)
    (root / "app" / "main.py").write_text("print('ok')\n")
    (root / "templates").mkdir()
    (root / "templates" / "page.html").write_text("<p>{{ x }}</p>\n")
    (root / ".ase-check" / "build").mkdir(parents=True)
    (root / ".ase-check" / "build" / "app").write_bytes(b"\x7fELF binary")
    (root / ".ase-check" / "functional.py").write_text("# the harness guards this one itself\n")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: x\n")


def test_changed_vanished_and_linked_files_come_back(tmp_path: Path) -> None:
    _tree(tmp_path)
    digest = save(tmp_path, tmp_path / ".ase-check" / "pristine")
    (tmp_path / "app" / "main.py").write_text("broken(\n")
    (tmp_path / "templates" / "page.html").unlink()
    (tmp_path / ".ase-check" / "build" / "app").write_bytes(b"not a program")
    os.symlink("/etc/hostname", tmp_path / "templates" / "page.html")
    (tmp_path / "app" / "sqlite3.py").write_text("raise SystemExit\n")  # would shadow the library
    (tmp_path / "app" / "notes.txt").write_text("data the application wrote\n")
    (tmp_path / "app" / "__pycache__").mkdir()
    (tmp_path / "app" / "__pycache__" / "main.cpython-311.pyc").write_bytes(b"planted bytecode")
    restored, removed = restore(tmp_path, tmp_path / ".ase-check" / "pristine", digest)
    assert (restored, removed) == (3, 2)
    assert (tmp_path / "app" / "main.py").read_text() == "print('ok')\n"
    assert not (tmp_path / "templates" / "page.html").is_symlink()
    assert (tmp_path / "templates" / "page.html").read_text() == "<p>{{ x }}</p>\n"
    assert (tmp_path / ".ase-check" / "build" / "app").read_bytes() == b"\x7fELF binary"
    assert not (tmp_path / "app" / "sqlite3.py").exists()
    assert not (tmp_path / "app" / "__pycache__" / "main.cpython-311.pyc").exists()
    assert (tmp_path / "app" / "notes.txt").exists()  # data is the application's business
    assert restore(tmp_path, tmp_path / ".ase-check" / "pristine", digest) == (0, 0)


def test_a_folder_replaced_by_a_link_is_made_real_again(tmp_path: Path) -> None:
    _tree(tmp_path)
    digest = save(tmp_path, tmp_path / ".ase-check" / "pristine")
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (outside / "main.py").write_text("print('ok')\n")
    (tmp_path / "app" / "main.py").unlink()
    (tmp_path / "app").rmdir()
    os.symlink(outside, tmp_path / "app")
    restore(tmp_path, tmp_path / ".ase-check" / "pristine", digest)
    assert (tmp_path / "app").is_dir() and not (tmp_path / "app").is_symlink()
    assert (outside / "main.py").exists()  # nothing was written through the link


@pytest.mark.parametrize("tamper", ["manifest", "copy"])
def test_tampering_with_the_saved_copy_is_refused(tmp_path: Path, tamper: str) -> None:
    _tree(tmp_path)
    store = tmp_path / ".ase-check" / "pristine"
    digest = save(tmp_path, store)
    (tmp_path / "app" / "main.py").write_text("broken(\n")
    if tamper == "manifest":
        manifest = json.loads((store / "manifest.json").read_text())
        manifest.pop("app/main.py")
        (store / "manifest.json").write_text(json.dumps(manifest))
    else:
        number = json.loads((store / "manifest.json").read_text())["app/main.py"][2]
        (store / "files" / number).write_text("broken(\n")
    with pytest.raises(ValueError, match="changed"):
        restore(tmp_path, store, digest)


def test_the_script_knows_where_the_checks_live() -> None:
    """pristine.py runs alone in the sandbox, so it names the checks' folder itself."""
    from ase_async.rules import pristine
    from ase_async.rules.dynamic import CHECK_DIR

    assert pristine.CHECKS == CHECK_DIR
