"""Check a JSON body against an official SDK's request ``TypedDict``, strictly.

The ``openai`` and ``anthropic`` Python SDKs describe every request body as nested
``TypedDict``s, generated from each API's own specification. :func:`conforms` walks those
types: required keys present, no key the type does not name (pydantic would ignore extras),
literals and scalar types as declared. Test-only: the SDKs are in the ``dev`` extra, never
a dependency of the harness.
"""

from __future__ import annotations

import collections.abc
import functools
import types
import typing
from typing import Any

import typing_extensions

__all__ = ["conforms", "request_type"]

_ITERABLES = {list, tuple, collections.abc.Iterable, collections.abc.Sequence}


def request_type(family: str) -> Any:
    """The SDK's non-streaming request type of ``family`` (``openai`` or ``anthropic``).

    Raises:
        ImportError: the SDK is not installed (``pip install -e '.[dev]'``).
    """
    if family == "anthropic":
        from anthropic.types.message_create_params import MessageCreateParamsNonStreaming

        return MessageCreateParamsNonStreaming
    from openai.types.chat.completion_create_params import CompletionCreateParamsNonStreaming

    return CompletionCreateParamsNonStreaming


def _is_typeddict(kind: Any) -> bool:
    return typing_extensions.is_typeddict(kind)


@functools.cache
def _hints(kind: Any) -> dict[str, Any]:
    # Resolving an SDK type's hints imports and evaluates dozens of modules: once per type.
    return typing_extensions.get_type_hints(kind, include_extras=True)


def _strip(kind: Any) -> Any:
    """``Required[X]``, ``NotRequired[X]``, ``Annotated[X, ...]`` and type aliases to ``X``."""
    while True:
        origin = typing_extensions.get_origin(kind)
        if origin in (typing_extensions.Required, typing_extensions.NotRequired, typing_extensions.Annotated,
                      typing.Required, typing.NotRequired, typing.Annotated):
            kind = typing_extensions.get_args(kind)[0]
        elif isinstance(kind, typing_extensions.TypeAliasType):
            kind = kind.__value__
        else:
            return kind


def _required(hint: Any, *, total: bool) -> bool:
    origin = typing_extensions.get_origin(hint)
    if origin in (typing_extensions.Annotated, typing.Annotated):
        return _required(typing_extensions.get_args(hint)[0], total=total)
    if origin in (typing_extensions.Required, typing.Required):
        return True
    if origin in (typing_extensions.NotRequired, typing.NotRequired):
        return False
    return total


def _check(value: Any, kind: Any, path: str) -> list[str]:
    kind = _strip(kind)
    if kind is Any or kind is object:
        return []
    if kind is None or kind is type(None):
        return [] if value is None else [f"{path}: expected null, got {value!r:.80}"]
    origin = typing_extensions.get_origin(kind)
    arguments = typing_extensions.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        branches = [_check(value, branch, path) for branch in arguments]
        if any(not problems for problems in branches):
            return []
        # The branch that came closest says most about what is wrong: one whose own shape and
        # literals (role, type) matched, failing deeper down.
        return min(branches, key=lambda problems: (sum(p.startswith(f"{path}:") for p in problems),
                                                    sum("is not one of" in p for p in problems), len(problems)))
    if origin in (typing.Literal, typing_extensions.Literal):
        return [] if value in arguments else [f"{path}: {value!r:.80} is not one of {arguments}"]
    if _is_typeddict(kind):
        return _check_typeddict(value, kind, path)
    if origin in _ITERABLES or (isinstance(origin, type) and origin.__name__ == "SequenceNotStr"):
        if not isinstance(value, list):
            return [f"{path}: expected a list, got {type(value).__name__}"]
        return [p for index, item in enumerate(value) for p in _check(item, arguments[0], f"{path}[{index}]")]
    if origin in (dict, collections.abc.Mapping):
        return [] if isinstance(value, dict) else [f"{path}: expected an object"]
    if kind is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif kind is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif isinstance(kind, type):
        ok = isinstance(value, kind)
    else:
        return []  # a construct this checker does not know: not its business to refuse
    return [] if ok else [f"{path}: expected {getattr(kind, '__name__', kind)}, got {type(value).__name__}"]


def _check_typeddict(value: Any, kind: Any, path: str) -> list[str]:
    if not isinstance(value, dict):
        return [f"{path}: expected an object, got {type(value).__name__}"]
    hints = _hints(kind)
    problems = [f"{path}.{key}: not a field of {kind.__name__}" for key in value if key not in hints]
    # Read from the hints: with postponed annotations ``__required_keys__`` can miss ``Required[...]``.
    required = [key for key, hint in hints.items() if _required(hint, total=getattr(kind, "__total__", True))]
    problems += [f"{path}.{key}: required by {kind.__name__}" for key in required if key not in value]
    for key, item in value.items():
        if key in hints:
            problems += _check(item, hints[key], f"{path}.{key}")
    return problems


def conforms(body: dict[str, Any], family: str, *, extra_fields: dict[str, Any] | None = None) -> list[str]:
    """What in ``body`` the SDK's request type of ``family`` does not allow (empty: it conforms).

    ``extra_fields`` (name -> type) are fields the API takes that the SDK passes through
    ``extra_body`` rather than naming them (Anthropic's ``temperature`` and ``top_p`` since
    SDK 1.0); they are checked against the given type instead.
    """
    extra = extra_fields or {}
    rest = {k: v for k, v in body.items() if k not in extra}
    problems = _check_typeddict(rest, request_type(family), "body")
    for key, kind in extra.items():
        if key in body:
            problems += _check(body[key], kind, f"body.{key}")
    return problems
