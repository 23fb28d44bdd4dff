"""``ase mutate``: grow the seeds of a dataset into mutated instances."""

from __future__ import annotations

import argparse
from collections import Counter

__all__ = ["register"]


def _mutate(args: argparse.Namespace) -> int:
    from .case import NotApplicable
    from .driver import mutate_dataset

    try:
        results = mutate_dataset(
            args.dataset, seed_number=args.seed_number, variants=args.variants,
            only=args.instance or None, out=args.out,
        )
    except NotApplicable as exc:
        print(f"ase: error: {exc}")
        return 1
    operators: Counter[str] = Counter()
    for result in results:
        origin = result.instance.origin
        names = origin.mutations if origin is not None else []
        operators.update(names)
        print(f"{result.instance.instance_id}\t{'+'.join(names)}\t{result.instance.vuln_file}:"
              f"{result.instance.vuln_lines[0]}-{result.instance.vuln_lines[1]}\tfindings={result.instance.detected_vul_num}")
    print(f"{len(results)} mutated instances; operators: "
          + ", ".join(f"{name}={count}" for name, count in sorted(operators.items())))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]  # argparse keeps it private
    """Add the ``mutate`` command to the ``ase`` parser."""
    parser = subparsers.add_parser("mutate", help="grow seed instances into validated mutations")
    parser.add_argument("--dataset", default="ase-lite", help="bundled name or folder")
    parser.add_argument("--seed-number", type=int, default=1, help="the same number gives the same output")
    parser.add_argument("--variants", type=int, default=2, help="mutations per seed")
    parser.add_argument("--instance", action="append", help="only these seed ids")
    parser.add_argument("--out", help="write a separate copy here instead of into the dataset")
    parser.set_defaults(func=_mutate)
