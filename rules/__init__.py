"""SAST engines and the bundled rule packs (``packs/``)."""

from .base import Analyzer, Candidate, ScanResult
from .semgrep import SemgrepAnalyzer, load_rule_file

__all__ = ["Analyzer", "Candidate", "ScanResult", "SemgrepAnalyzer", "load_rule_file"]
