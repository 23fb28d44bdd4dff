"""Mutations: growing seed instances into contamination-resistant variants (``ase mutate``).

The method grows each seed into mutated variants that keep the vulnerability and the
functional description but change the code's surface and shape, so that a model cannot
answer from memory. One module per concept:

- :mod:`.case` the state being mutated, and region tracking across the code variants;
- :mod:`.syntax_tree`, :mod:`.identifiers`, :mod:`.vocabulary`, :mod:`.api_names` what the
  operators read: parse trees, identifier roles, synonyms, names never to touch;
- operators, each ``(Case, random.Random) -> Case``: :mod:`.rename`,
  :mod:`.api_substitution` (semantic), :mod:`.reorder`, :mod:`.extract`,
  :mod:`.move_file`, :mod:`.reshape` (structural);
- :mod:`.checks` and :mod:`.driver` choose, apply and validate combinations;
  :mod:`.cli` the ``ase mutate`` command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .case import Case, NotApplicable
    from .driver import OPERATORS, MutationResult, case_of, mutate_dataset, mutate_instance

__all__ = ["OPERATORS", "Case", "MutationResult", "NotApplicable", "case_of", "mutate_dataset", "mutate_instance"]


def __getattr__(name: str) -> Any:
    # Loaded on first use: every ``ase`` command registers ``mutate`` (from .cli), few run it.
    if name in ("Case", "NotApplicable"):
        from . import case

        return getattr(case, name)
    if name in __all__:
        from . import driver

        return getattr(driver, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
