"""Compile the application with the servlet adapter (once, before the other steps)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_lib"))

from asecheck import main  # noqa: E402
from java_servlet import prepare  # noqa: E402

main(prepare)
