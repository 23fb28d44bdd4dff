"""The response cache: replay answers without calling the provider.

Keyed by provider, base URL, model, messages, generation parameters and cycle (a
different cycle is a different sample, so a cache never collapses the three cycles into
one answer). Never by the API key: the key is not part of what was asked. One file per
entry, written atomically, sharded by the first two hex digits of the key.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import anyio
import msgspec

from .redact import redact_bytes

__all__ = ["ResponseCache", "cache_key", "default_cache_dir"]


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ase_async" / "responses"


def cache_key(*, provider_key: str, model: str, messages: Any, params: dict[str, Any], cycle: int) -> str:
    # The provider key holds a digest of the API key (the account), which is dropped here:
    # the same question to the same model is the same entry whichever key paid for it.
    provider, _, rest = provider_key.partition("|")
    base_url = rest.rpartition("|")[0] or rest
    material = msgspec.json.encode(
        {"provider": provider, "base_url": base_url, "model": model, "messages": messages, "params": params, "cycle": cycle},
        order="sorted",
    )
    return hashlib.sha256(material).hexdigest()


class ResponseCache:
    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    async def get(self, key: str) -> dict[str, Any] | None:
        path = anyio.Path(self._path(key))
        try:
            data = await path.read_bytes()
        except FileNotFoundError:
            return None
        try:
            value = msgspec.json.decode(data)
        except msgspec.DecodeError:
            return None  # a torn entry is a miss, never an error
        return value if isinstance(value, dict) else None

    async def put(self, key: str, value: dict[str, Any]) -> None:
        def write() -> None:
            path = self._path(key)
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(f".{os.getpid()}.{id(value)}.tmp")
            temporary.write_bytes(redact_bytes(msgspec.json.encode(value)))
            temporary.replace(path)

        await anyio.to_thread.run_sync(write)
