from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from ase_async.sandboxes.local import LocalBackend

APP = textwrap.dedent('''\
    from flask import Flask, request

    from db import get_connection
    from render import page

    app = Flask(__name__)


    @app.route("/notes")
    def notes():
        owner = request.args.get("owner", "")
        conn = get_connection()
        rows = conn.execute("SELECT title FROM notes WHERE owner = '" + owner + "'").fetchall()
        return page("Notes", [r[0] for r in rows])
    ''')
FIX = (
    '    owner = request.args.get("owner", "")\n'
    "    conn = get_connection()\n"
    '    rows = conn.execute("SELECT title FROM notes WHERE owner = ?", (owner,)).fetchall()\n'
    '    return page("Notes", [r[0] for r in rows])\n'
)
RULE = textwrap.dedent('''\
    rules:
      - id: tiny-sqli
        languages: [python]
        severity: ERROR
        message: SQL built from request data
        metadata: {cwe: "CWE-89"}
        mode: taint
        pattern-sources:
          - pattern: request.args.get(...)
        pattern-sinks:
          - patterns:
              - pattern: $CONN.execute($Q, ...)
              - focus-metavariable: $Q
    ''')


def make_tiny_dataset(root: Path, *, extra: dict[str, object] | None = None) -> Path:
    """A one-instance dataset folder: a small Flask project with an SQL injection."""
    repo = root / "repos" / "tiny"
    repo.mkdir(parents=True)
    (repo / "app.py").write_text(APP)
    (repo / "db.py").write_text('import sqlite3\n\n\ndef get_connection():\n    return sqlite3.connect("notes.db")\n')
    (repo / "render.py").write_text('import html\n\n\ndef page(title, items):\n    return "<h1>" + html.escape(title) + "</h1>"\n')
    (repo / "config.py").write_text('DEBUG = False\n')
    (repo / "README.md").write_text("# Notes\nA tiny note keeper.\n")
    (root / "rule.yaml").write_text(RULE)
    record = {
        "instance_id": "tiny-sqli",
        "repo": "repos/tiny",
        "base_commit": "HEAD",
        "vuln_file": "app.py",
        "vuln_lines": [11, 14],
        "language": "python",
        "vuln_source": "test",
        "seed": True,
        "vuln_type": "SQL Injection",
        "cwe_id": "cwe-89",
        "detected_vul_num": 1,
        "description": "List the titles of the notes of the owner named in the query string and render them as a page.",
        "rule": "rule.yaml",
        "reference_fix": FIX,
        "insecure_fixes": [],
        "origin": None,
    }
    record.update(extra or {})
    (root / "instances").mkdir()
    (root / "instances" / "tiny-sqli.json").write_text(json.dumps(record, indent=2))
    return root


@pytest.fixture
def tiny_dataset(tmp_path: Path) -> Path:
    return make_tiny_dataset(tmp_path / "tiny")


@pytest.fixture
def local_backend() -> LocalBackend:
    return LocalBackend()


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
