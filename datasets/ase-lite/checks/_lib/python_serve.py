"""Serve the Flask application of the working copy on 127.0.0.1:PORT (run as a child process).

    python3 .ase-check/_lib/python_serve.py PORT

The check never imports the code under test; this program, started by ``flask_app()`` in
python_flask.py, does. Mutated repositories rename the app object, its factory and move
modules, so the application is found by searching: top-level modules first (``app.py``,
``wsgi.py``, ``main.py``, then the others), a module-level ``Flask`` instance before a
factory function that takes no required argument and returns one.
"""

from __future__ import annotations

import importlib
import inspect
import sys
from pathlib import Path
from types import ModuleType

from flask import Flask

_FIRST = ("app", "wsgi", "main", "server", "application")


def _module_names(root: Path) -> list[str]:
    """Top-level modules whose source builds a Flask application, the usual names first."""
    names = [p.stem for p in sorted(root.glob("*.py")) if "Flask" in p.read_text("utf-8", "replace")]
    packages = [p.parent.name for p in sorted(root.glob("*/__init__.py"))
                if not p.parent.name.startswith(".") and "Flask(" in p.read_text("utf-8", "replace")]
    ordered = [n for n in _FIRST if n in names] + [n for n in names if n not in _FIRST]
    return ordered + packages


def _factory_result(module: ModuleType) -> Flask | None:
    """Call a no-argument function of ``module`` that returns a Flask application."""
    for _, function in inspect.getmembers(module, inspect.isfunction):
        if function.__module__ != module.__name__:
            continue
        try:
            source = inspect.getsource(function)
        except (OSError, TypeError):
            continue
        if "Flask(" not in source:
            continue
        required = [p for p in inspect.signature(function).parameters.values()
                    if p.default is p.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
        if required:
            continue
        result = function()
        if isinstance(result, Flask):
            return result
    return None


def find_app(root: Path) -> Flask:
    modules = [importlib.import_module(name) for name in _module_names(root)]
    for module in modules:
        for value in vars(module).values():
            if isinstance(value, Flask):
                return value
    for module in modules:
        app = _factory_result(module)
        if app is not None:
            return app
    raise SystemExit(f"no Flask application found in {root}")


def main() -> None:
    port = int(sys.argv[1])
    root = Path.cwd()
    sys.path.insert(0, str(root))
    app = find_app(root)
    app.run(host="127.0.0.1", port=port, debug=False, use_reloader=False, threaded=True)


if __name__ == "__main__":
    main()
