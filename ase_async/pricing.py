"""Token prices, shipped as data (``data/prices.json``) and overridable by the user."""

from __future__ import annotations

import functools
import importlib.resources
from pathlib import Path

import msgspec

from ._errors import ConfigError
from .events import Usage

__all__ = ["PriceTable", "load_prices"]


class Price(msgspec.Struct, frozen=True):
    input: float
    output: float


class PriceTable:
    def __init__(self, prices: dict[str, Price]) -> None:
        self.prices = prices

    def cost(self, model: str, usage: Usage) -> float | None:
        """USD for ``usage`` of ``model``; None when the model has no price."""
        price = self.prices.get(model)
        if price is None:
            return None
        return round((usage.input_tokens * price.input + usage.output_tokens * price.output) / 1e6, 8)


def _decode(data: bytes, source: str) -> dict[str, Price]:
    try:
        raw = msgspec.json.decode(data)
        return {k: msgspec.convert(v, Price) for k, v in raw.items() if not k.startswith("_")}
    except (msgspec.DecodeError, msgspec.ValidationError, AttributeError) as exc:
        raise ConfigError(f"{source}: not a price table ({exc})") from exc


@functools.cache
def _bundled() -> dict[str, Price]:
    data = importlib.resources.files("ase_async").joinpath("data/prices.json").read_bytes()
    return _decode(data, "bundled prices.json")


def load_prices(override: str | Path | None = None) -> PriceTable:
    """The bundled prices, with ``override`` (a JSON file of the same shape) on top."""
    prices = dict(_bundled())
    if override is not None:
        path = Path(override)
        try:
            prices.update(_decode(path.read_bytes(), str(path)))
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read the price table ({exc.strerror})") from exc
    return PriceTable(prices)
