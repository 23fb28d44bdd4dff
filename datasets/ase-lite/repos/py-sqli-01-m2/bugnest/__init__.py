"""Bugnest: a lightweight issue tracker."""
__version__ = "0.4.2"
