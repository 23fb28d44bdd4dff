"""What ``ase validate`` prints: the instances, their exploits and families, and the judges'
agreement on the calibration corpus."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.table import Table

from .calibration import agreement_table
from .validate import Validation

__all__ = ["print_validation"]


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _agreement(console: Console, validation: Validation) -> list[str]:
    """The judges' agreement on the calibration corpus, per class and language (Markdown lines)."""
    results = validation.calibration
    dynamic = any(r.dynamic_secure is not None for r in results)
    table = Table(title=f"calibration corpus: {len(results)} blind answers"
                        + ("" if dynamic else " (static judge only)"))
    header = ["group", "answers", "static (none left) = intent %", "exploitable judged secure (static)",
              "secure judged insecure (static)", "static (fewer, upstream) = intent %"]
    if dynamic:
        header += ["dynamic = intent %", "static (fewer) = dynamic %", "static (none left) = dynamic %",
                   "exploitable judged secure (dynamic)", "secure judged insecure (dynamic)"]
    for column in header:
        table.add_column(column)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for a in agreement_table(results):
        cells = [a.group, str(a.answers), _percent(a.gone_vs_intent), str(a.gone_false_secure),
                 str(a.gone_false_insecure), _percent(a.static_vs_intent)]
        if dynamic:
            cells += [_percent(a.dynamic_vs_intent), _percent(a.static_vs_dynamic), _percent(a.gone_vs_dynamic),
                      str(a.false_secure), str(a.false_insecure)]
        table.add_row(*cells)
        lines.append("| " + " | ".join(cells) + " |")
    console.print(table)
    for r in results:
        if r.dynamic_secure is not None and r.dynamic_secure != r.intended_secure:
            print(f"  dynamic disagrees: {r.instance_id} {r.id} ({r.intent}, {r.family}): "
                  f"{'secure' if r.dynamic_secure else 'not secure'}"
                  + (f", exploited by {r.exploited}" if r.exploited else "")
                  + ("" if r.functional is not False else ", functional test failed")
                  + ("" if r.parsed else ", does not parse"))
    for r in results:
        if r.static_gone != r.intended_secure:
            print(f"  static disagrees: {r.instance_id} {r.id} ({r.intent}, {r.family}): "
                  + ("does not parse" if not r.parsed else f"{r.static_findings} finding(s) left"))
    return lines


def print_validation(name: str, validation: Validation, *, markdown: str | None = None) -> int:
    """Print the tables; 0 when every instance is valid, else 1."""
    rows = validation.rows
    console = Console(width=220)
    table = Table(title=f"ase validate {name}: {len(rows)} instances")
    for column in ("instance", "lang", "cwe", "origin", "lines", "baseline", "fix", "syntax", "vulnerable",
                   "wrong fixes", "exploits", "families", "verdict"):
        table.add_column(column)
    for row in rows:
        table.add_row(
            row.instance_id, row.language, row.cwe_id, row.origin or "seed", str(row.region_size),
            f"{row.baseline}/{row.expected}", str(row.fix_count), "ok" if row.fix_syntax else "FAIL",
            str(row.vulnerable_count), f"{row.insecure_reported}/{row.insecure_total}",
            str(len(row.exploits)) if row.exploits else "-",
            ", ".join(sorted({family for _, family in row.exploits})) or "-",
            "valid" if row.valid else "INVALID: " + "; ".join(row.problems),
        )
    console.print(table)
    lines: list[str] = []
    if validation.calibration:
        lines += _agreement(console, validation)
    invalid = [r for r in rows if not r.valid]
    seeds = sum(r.seed for r in rows)
    families = Counter(family for r in rows for _, family in r.exploits)
    print(f"{len(rows) - len(invalid)} of {len(rows)} instances valid ({seeds} seeds, {len(rows) - seeds} mutations); "
          f"{sum(bool(r.exploits) for r in rows)} with dynamic checks, "
          f"{sum(len(r.exploits) for r in rows)} exploits in {len(families)} families")
    if markdown:
        Path(markdown).write_text("\n".join(lines) + "\n")
    return 1 if invalid else 0
