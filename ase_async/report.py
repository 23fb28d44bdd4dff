"""``report.md`` and ``report.html``: one :class:`~ase_async.reportmodel.ReportModel`,
rendered twice.

The Markdown holds the leaderboard (the paper's Table 2) with 95% intervals, the outcome
attribution (its Figure 5), the breakdowns, the paired comparisons and the per-instance
matrix; the HTML (:mod:`ase_async.report_html`) shows the same model with charts.
"""

from __future__ import annotations

import re
from pathlib import Path

from .reportmodel import OUTCOME_CODES, ReportModel, build_report
from .results import LogFold, Results
from .scoring import OUTCOME_LABELS, OUTCOMES
from .stats import Estimate

__all__ = ["render_html", "render_markdown", "write_reports"]


def _cell(text: str) -> str:
    """A table cell that no text can break out of (a model named ``a|b`` or with a newline)."""
    return re.sub(r"[\x00-\x1f\x7f]+", " ", text).replace("\\", "\\\\").replace("|", "\\|")


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(_cell(h) for h in header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _cells(line: str) -> list[str]:
    """The cells of a row written by :func:`_table`, unescaped."""
    parts = re.split(r"(?<!\\)((?:\\\\)*)\|", line.strip()[1:-1] if line.strip().endswith("|") else line.strip()[1:])
    cells, current = [], ""
    for index, part in enumerate(parts):
        if index % 2:
            current += part
            cells.append(current)
            current = ""
        else:
            current += part
    cells.append(current)
    return [re.sub(r"\\(.)", r"\1", c).strip() for c in cells]


def interval(estimate: Estimate) -> str:
    """``61.50 [48.20, 73.10]``: a score with its 95% interval."""
    return f"{estimate.value:.2f} [{estimate.low:.2f}, {estimate.high:.2f}]"


def signed(estimate: Estimate) -> str:
    return f"{estimate.value:+.2f} [{estimate.low:+.2f}, {estimate.high:+.2f}]"


def render_markdown(results: Results, fold: LogFold, model: ReportModel | None = None) -> str:
    """The Markdown report; ``model`` saves building the report model a second time."""
    report = model or build_report(results, fold)
    parts = [f"# A.S.E results: {report.dataset}\n\n",
             f"Scoring: `{report.scoring}`; contract: `{report.contract}`; cycles: {report.cycles}; "
             f"instances: {report.instances}.\n\n",
             "## Leaderboard\n\n",
             "Brackets: 95% bootstrap interval over instances (cycles of an instance resampled together).\n\n",
             _table(["Rank", "Model", "Overall", "Security", "Quality", "Stability", "Samples"],
                    [[str(r.rank), r.model, interval(r.overall), interval(r.security), interval(r.quality),
                      f"{r.stability:.2f}", str(r.samples)] for r in report.leaderboard]),
             "\n## Outcomes per sample\n\n",
             "Infrastructure errors are the harness's and are left out of every score.\n\n",
             _table(["Model", *[OUTCOME_LABELS[o] for o in OUTCOMES]],
                    [[n, *[f"{c[o]} ({100 * c[o] / max(1, report.samples[n]):.1f}%)" for o in OUTCOMES]]
                     for n, c in report.outcomes.items()])]
    for breakdown in report.breakdowns:
        rows = [[name, *[interval(cells[k]) if k in cells else "-" for k in breakdown.keys]]
                for name, cells in breakdown.cells.items()]
        parts += [f"\n## {breakdown.title}\n\n", _table(["Model", *breakdown.labels], rows)]
    if report.comparisons:
        parts += ["\n## Paired comparisons\n\n",
                  "A minus B on the instances both were scored on, with a paired 95% bootstrap interval; "
                  "the verdict follows the overall difference.\n\n",
                  _table(["A", "B", "Instances", "Security A-B", "Overall A-B", "Verdict"],
                         [[c.a, c.b, str(c.instances), signed(c.security), signed(c.overall), c.verdict]
                          for c in report.comparisons])]
    if report.matrix:
        legend = ", ".join(f"{code} {OUTCOME_LABELS[o]}" for o, code in OUTCOME_CODES.items())
        rows = [[r.instance_id, r.cwe, r.language, r.origin, f"{100 * r.solved_by:.0f}%",
                 *[r.cells.get(m, "") or "-" for m in [x.model for x in report.leaderboard]]]
                for r in sorted(report.matrix, key=lambda r: (r.solved_by, r.instance_id))]
        parts += ["\n## Per-instance outcomes\n\n",
                  f"One letter per cycle: {legend}. Solved by: the share of systems secure in most of "
                  "their cycles; the hardest instances come first.\n\n",
                  _table(["Instance", "Class", "Language", "Origin", "Solved by",
                          *[x.model for x in report.leaderboard]], rows)]
    usage_rows = [[n, str(int(u.get("input_tokens", 0))), str(int(u.get("output_tokens", 0))),
                   f"{u.get('cost_usd', 0.0):.4f}"] for n, u in report.usage.items()]
    parts += ["\n## Usage\n\n", _table(["Model", "Input tokens", "Output tokens", "Cost (USD)"], usage_rows)]
    if report.upstream:
        parts += ["\n## Upstream-compatible scores\n\n",
                  "The same samples scored the way the reference A.S.E tool scores them (see ase_async/upstream/scoring.py).\n\n",
                  _table(["Mode", "Model", "Overall", "Security", "Quality", "Stability", "Averaging"], report.upstream)]
    if report.judges:
        parts += ["\n## Static findings beside the dynamic verdict\n\n",
                  "The verdict is the dynamic judge's (functional test, then exploits). On the samples whose "
                  "functional test passed, how often the static scan agrees with it, counting a sample as "
                  "statically secure when it has fewer findings than the baseline (the reference tool's rule) "
                  "or when none is left. Missed: an exploit worked but no finding is left. Flagged: no exploit "
                  "worked but a finding is left.\n\n",
                  _table(["Group", "Samples", "Agrees (fewer)", "Agrees (none left)", "Missed", "Flagged"],
                         [[j.group, str(j.samples), f"{100 * j.fewer_agrees:.1f}%", f"{100 * j.gone_agrees:.1f}%",
                           str(j.missed), str(j.flagged)] for j in report.judges])]
    if report.solvers:
        parts += ["\n## Single-shot and agent, side by side\n\n",
                  "The same model on the same tasks, answering in one call or exploring the repository first. "
                  "Per answered sample: mean tokens, cost, wall time and model turns.\n\n",
                  _table(["Model", "Solver", "Security", "Quality", "Stability", "Tokens", "Cost (USD)", "Wall (s)", "Turns"],
                         [[s.model, s.solver, f"{s.security:.2f}", f"{s.quality:.2f}", f"{s.stability:.2f}",
                           f"{s.tokens:.0f}", f"{s.cost:.4f}", f"{s.seconds:.1f}", f"{s.turns:.1f}"]
                          for s in report.solvers])]
    return "".join(parts)


def render_html(results: Results, fold: LogFold, model: ReportModel | None = None) -> str:
    """The HTML report: the same model as the Markdown, with charts."""
    from .report_html import html_report

    return html_report(model or build_report(results, fold))


def write_reports(results: Results, fold: LogFold, out: Path) -> None:
    """Write report.md and report.html from one report model."""
    report = build_report(results, fold)
    (out / "report.md").write_text(render_markdown(results, fold, report))
    (out / "report.html").write_text(render_html(results, fold, report))
