"""Keeping secrets out of everything the harness writes.

API keys are registered when an adapter is built; every event line, cache file, log line,
report and error message passes through :func:`redact` (or :func:`redact_bytes`) before
it is written, so a provider that echoes a key back in an error body still cannot leak it.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

__all__ = ["MASK", "redact", "redact_bytes", "register_secret", "structlog_processor"]

MASK = "***"
_secrets: set[str] = set()
_secret_bytes: list[bytes] = []


def register_secret(value: str | None) -> None:
    """Remember a secret to mask; short values are ignored (they would mask ordinary text)."""
    if value and len(value) >= 8 and value not in _secrets:
        _secrets.add(value)
        _secret_bytes.append(value.encode())
        _secret_bytes.sort(key=len, reverse=True)


def redact(text: str) -> str:
    for secret in sorted(_secrets, key=len, reverse=True):
        if secret in text:
            text = text.replace(secret, MASK)
    return text


def redact_bytes(data: bytes) -> bytes:
    for secret in _secret_bytes:
        if secret in data:
            data = data.replace(secret, MASK.encode())
    return data


def structlog_processor(logger: Any, method: str, event_dict: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    if not _secrets:
        return event_dict
    for key, value in list(event_dict.items()):
        if isinstance(value, str):
            event_dict[key] = redact(value)
        elif not isinstance(value, (int, float, bool, type(None))):
            event_dict[key] = redact(repr(value))
    return event_dict
