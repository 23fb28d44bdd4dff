"""SAST engines and the bundled rule packs (``packs/``)."""

from .base import Analyzer, Candidate, ScanResult
from .composite import CompositeAnalyzer
from .semgrep import SemgrepAnalyzer, load_rule_file

__all__ = ["Analyzer", "Candidate", "CompositeAnalyzer", "ScanResult", "SemgrepAnalyzer", "load_rule_file"]
