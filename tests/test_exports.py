from __future__ import annotations

import ase_async


def test_public_names_are_exported_and_sorted() -> None:
    assert ase_async.__all__ == sorted(ase_async.__all__, key=lambda n: (n.startswith("_"), n))
    for name in ase_async.__all__:
        assert hasattr(ase_async, name), name


def test_every_error_derives_from_the_one_base() -> None:
    for name in ase_async.__all__:
        value = getattr(ase_async, name)
        if isinstance(value, type) and issubclass(value, Exception):
            assert issubclass(value, ase_async.AseError), name
