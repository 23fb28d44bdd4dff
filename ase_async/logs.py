"""structlog set-up: readable lines on stderr, JSON with ``--log-json``."""

from __future__ import annotations

import logging
import sys

import structlog

from .redact import structlog_processor

__all__ = ["configure_logging"]


class _StderrLogger:
    """Writes each line to ``sys.stderr`` as it is at that moment, not as it was at set-up:
    a host program (or a test) that swaps or closes its stderr does not break our logging."""

    def msg(self, message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    log = debug = info = warn = warning = error = critical = exception = fatal = msg


def configure_logging(*, level: str = "info", json: bool = False) -> None:
    processors: list[structlog.typing.Processor] = [
        structlog_processor,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    renderer: structlog.typing.Processor = (
        structlog.processors.JSONRenderer() if json else structlog.dev.ConsoleRenderer(colors=sys.stderr.isatty())
    )
    structlog.configure(
        processors=[*processors, renderer],
        wrapper_class=structlog.make_filtering_bound_logger(getattr(logging, level.upper())),
        logger_factory=lambda *args: _StderrLogger(),
        cache_logger_on_first_use=False,
    )
