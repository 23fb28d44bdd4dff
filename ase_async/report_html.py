"""``report.html``: the report model as a page with tables, interval charts and matrices.

Every cell comes from :class:`~ase_async.reportmodel.ReportModel` with its kind known, so
numbers are aligned as numbers without guessing. The page is one self-contained file (no
script or style from the network): it is opened from CI artifacts and file servers.
"""

from __future__ import annotations

import html

from .reportmodel import OUTCOME_CODES, ReportModel, class_name
from .scoring import OUTCOME_LABELS, OUTCOMES
from .stats import Estimate

__all__ = ["COLOURS", "html_report", "interval_text"]

COLOURS = {
    "secure": "#2e7d32", "insecure": "#f9a825", "integration_failed": "#c62828",
    "sast_failed": "#6a1b9a", "model_error": "#546e7a", "infra_error": "#212121",
}
_CODE_COLOURS = {code: COLOURS[outcome] for outcome, code in OUTCOME_CODES.items()}
_PALETTE = ["#1565c0", "#ef6c00", "#2e7d32", "#6a1b9a", "#c62828", "#00838f", "#5d4037", "#9e9d24"]
_VERDICT_CLASS = {"A is ahead": "ahead", "B is ahead": "behind", "not distinguishable at this size": "tie"}
_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;color:#222;padding:0 1em}"
    "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px}"
    "td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}td.ci{color:#666;font-size:.85em}"
    "svg{display:block;margin:1em 0}td.ahead{background:#c8e6c9}td.behind{background:#ffcdd2}td.tie{background:#eee}"
    ".cyc{display:inline-block;width:14px;height:14px;margin-right:1px;color:#fff;font-size:10px;"
    "text-align:center;line-height:14px;border-radius:2px}th button{font:inherit;cursor:pointer}"
)
_SORT_SCRIPT = (
    "function sortMatrix(col,numeric){const t=document.getElementById('matrix').tBodies[0];"
    "const rows=[...t.rows];rows.sort((a,b)=>{const x=a.cells[col].dataset.key,y=b.cells[col].dataset.key;"
    "return numeric?(parseFloat(x)-parseFloat(y))||a.cells[0].dataset.key.localeCompare(b.cells[0].dataset.key)"
    ":x.localeCompare(y)||a.cells[0].dataset.key.localeCompare(b.cells[0].dataset.key)});"
    "rows.forEach(r=>t.appendChild(r));}"
)


def _e(text: object) -> str:
    return html.escape(str(text))


def interval_text(estimate: Estimate, sign: bool = False) -> str:
    fmt = "{:+.2f}" if sign else "{:.2f}"
    return f"[{fmt.format(estimate.low)}, {fmt.format(estimate.high)}]"


def _score(estimate: Estimate) -> str:
    """A score cell with its interval beneath it, in a smaller grey line."""
    return f'<td class="num">{estimate.value:.2f}<br><span class="ci">{interval_text(estimate)}</span></td>'


def _table(header: list[str], rows: list[str], table_id: str = "") -> str:
    ident = f' id="{table_id}"' if table_id else ""
    return (f"<table{ident}><thead><tr>{''.join(f'<th>{h}</th>' for h in header)}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def _svg_intervals(report: ReportModel) -> str:
    """Overall and security per model as bars with their 95% interval as whiskers."""
    width, left, bar = 760, 220, 12
    scale = (width - left - 30) / 100
    row_height = 2 * bar + 14
    height = 40 + len(report.leaderboard) * row_height
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
           'aria-label="Scores with 95% intervals">']
    for tick in (0, 25, 50, 75, 100):
        x = left + scale * tick
        out.append(f'<line x1="{x:.1f}" y1="4" x2="{x:.1f}" y2="{height - 24}" stroke="#eee"/>'
                   f'<text x="{x:.1f}" y="{height - 10}" font-size="10" text-anchor="middle">{tick}</text>')
    y = 8
    for row in report.leaderboard:
        out.append(f'<text x="{left - 8}" y="{y + bar + 4}" text-anchor="end" font-size="12">{_e(row.model)}</text>')
        for offset, (label, estimate, colour) in enumerate((("overall", row.overall, "#1565c0"),
                                                             ("security", row.security, "#2e7d32"))):
            top = y + offset * bar
            out.append(f'<rect x="{left}" y="{top}" width="{scale * estimate.value:.1f}" height="{bar - 2}" fill="{colour}" '
                       f'opacity="0.75"><title>{label} {estimate.value:.2f} {interval_text(estimate)}</title></rect>')
            mid = top + (bar - 2) / 2
            x0, x1 = left + scale * estimate.low, left + scale * estimate.high
            out.append(f'<line class="whisker" x1="{x0:.1f}" y1="{mid:.1f}" x2="{x1:.1f}" y2="{mid:.1f}" stroke="#000"/>'
                       f'<line x1="{x0:.1f}" y1="{mid - 4:.1f}" x2="{x0:.1f}" y2="{mid + 4:.1f}" stroke="#000"/>'
                       f'<line x1="{x1:.1f}" y1="{mid - 4:.1f}" x2="{x1:.1f}" y2="{mid + 4:.1f}" stroke="#000"/>')
        y += row_height
    out.append(f'<rect x="{left}" y="{height - 36}" width="10" height="8" fill="#1565c0"/>'
               f'<text x="{left + 14}" y="{height - 28}" font-size="10">overall</text>'
               f'<rect x="{left + 80}" y="{height - 36}" width="10" height="8" fill="#2e7d32"/>'
               f'<text x="{left + 94}" y="{height - 28}" font-size="10">security (whiskers: 95% interval)</text>')
    out.append("</svg>")
    return "".join(out)


def _svg_outcomes(report: ReportModel) -> str:
    width, bar, gap, left = 720, 22, 10, 200
    height = 56 + len(report.outcomes) * (bar + gap)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" aria-label="Outcomes per model">']
    y = 10
    for name, counts in report.outcomes.items():
        out.append(f'<text x="{left - 8}" y="{y + 16}" text-anchor="end" font-size="12">{_e(name)}</text>')
        x, total = float(left), max(1, report.samples[name])
        for outcome in OUTCOMES:
            if counts[outcome]:
                w = (width - left - 20) * counts[outcome] / total
                out.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar}" fill="{COLOURS[outcome]}">'
                           f"<title>{OUTCOME_LABELS[outcome]}: {counts[outcome]}</title></rect>")
                x += w
        y += bar + gap
    for index, outcome in enumerate(OUTCOMES):  # the legend, three to a row
        x, row = left + 170 * (index % 3), y + 4 + 16 * (index // 3)
        out.append(f'<rect x="{x}" y="{row}" width="10" height="10" fill="{COLOURS[outcome]}"/>'
                   f'<text x="{x + 14}" y="{row + 9}" font-size="10">{OUTCOME_LABELS[outcome]}</text>')
    out.append("</svg>")
    return "".join(out)


def _svg_security_by_class(report: ReportModel) -> str:
    breakdown = report.breakdowns[0]
    models = list(breakdown.cells)
    group_w = max(150, 24 * len(models) + 30)
    # wide enough for the bars and for the legend beneath them (160 px a model)
    width, height, base = max(80 + group_w * max(1, len(breakdown.keys)), 70 + 160 * len(models)), 275, 220
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" aria-label="Security per class">',
           f'<line x1="50" y1="{base}" x2="{width - 10}" y2="{base}" stroke="#999"/>']
    for tick in (0, 50, 100):
        y = base - 2 * tick
        out.append(f'<text x="44" y="{y + 4}" text-anchor="end" font-size="10">{tick}</text>'
                   f'<line x1="50" y1="{y}" x2="{width - 10}" y2="{y}" stroke="#eee"/>')
    for ci, cwe in enumerate(breakdown.keys):
        x0 = 60 + ci * group_w
        for mi, name in enumerate(models):
            estimate = breakdown.cells[name].get(cwe)
            if estimate is None:
                continue
            x = x0 + mi * 24
            out.append(f'<rect x="{x}" y="{base - 2 * estimate.value:.1f}" width="20" height="{2 * estimate.value:.1f}" '
                       f'fill="{_PALETTE[mi % len(_PALETTE)]}" opacity="0.8"><title>{_e(name)}: {estimate.value:.2f} '
                       f'{interval_text(estimate)}</title></rect>'
                       f'<line class="whisker" x1="{x + 10}" y1="{base - 2 * estimate.low:.1f}" x2="{x + 10}" '
                       f'y2="{base - 2 * estimate.high:.1f}" stroke="#000"/>')
        out.append(f'<text x="{x0}" y="{base + 15}" font-size="11">{_e(cwe)}</text>'
                   f'<text x="{x0}" y="{base + 28}" font-size="10" fill="#555">{_e(class_name(cwe))}</text>')
    for mi, name in enumerate(models):
        out.append(f'<rect x="{60 + mi * 160}" y="{height - 18}" width="10" height="10" fill="{_PALETTE[mi % len(_PALETTE)]}"/>'
                   f'<text x="{74 + mi * 160}" y="{height - 9}" font-size="10">{_e(name)}</text>')
    out.append("</svg>")
    return "".join(out)


def _comparison_matrix(report: ReportModel) -> str:
    """Row system minus column system in overall, coloured by the verdict."""
    order = [r.model for r in report.leaderboard]
    pairs = {(c.a, c.b): c for c in report.comparisons}
    rows = []
    for a in order:
        cells = [f'<th scope="row">{_e(a)}</th>']
        for b in order:
            if a == b:
                cells.append("<td></td>")
                continue
            pair = pairs.get((a, b))
            flip = pair is None
            pair = pair or pairs[(b, a)]
            estimate = pair.overall
            value, low, high = (-estimate.value, -estimate.high, -estimate.low) if flip else (
                estimate.value, estimate.low, estimate.high)
            verdict = pair.verdict
            if flip and verdict != "not distinguishable at this size":
                verdict = "B is ahead" if verdict == "A is ahead" else "A is ahead"
            title = (f"{a} vs {b}: {'ahead' if verdict == 'A is ahead' else 'behind' if verdict == 'B is ahead' else 'not distinguishable at this size'}; "
                     f"security {(-1 if flip else 1) * pair.security.value:+.2f}; {pair.instances} instances")
            cells.append(f'<td class="num {_VERDICT_CLASS[verdict]}" title="{_e(title)}">{value:+.2f}<br>'
                         f'<span class="ci">[{low:+.2f}, {high:+.2f}]</span></td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return _table(["row minus column", *[_e(m) for m in order]], rows, "comparisons")


def _instance_matrix(report: ReportModel) -> str:
    order = [r.model for r in report.leaderboard]
    rows = []
    for r in sorted(report.matrix, key=lambda r: (r.solved_by, r.instance_id)):
        cycles = []
        for model in order:
            code = r.cells.get(model, "")
            boxes = "".join(f'<span class="cyc" style="background:{_CODE_COLOURS[c]}">{c}</span>' for c in code)
            cycles.append(f'<td title="{_e(model)}">{boxes or "-"}</td>')
        rows.append(f'<tr><td data-key="{_e(r.instance_id)}">{_e(r.instance_id)}</td><td data-key="{_e(r.cwe)}">'
                    f'{_e(r.cwe)} {_e(class_name(r.cwe))}</td><td data-key="{_e(r.language)}">{_e(r.language)}</td>'
                    f'<td data-key="{_e(r.origin)}">{_e(r.origin)}</td>'
                    f'<td class="num" data-key="{r.solved_by:.4f}">{100 * r.solved_by:.0f}%</td>{"".join(cycles)}</tr>')
    buttons = [f'<button onclick="sortMatrix({i},{str(numeric).lower()})">{label}</button>'
               for i, (label, numeric) in enumerate((("Instance", False), ("Class", False), ("Language", False),
                                                     ("Origin", False), ("Solved by", True)))]
    legend = " ".join(f'<span class="cyc" style="background:{COLOURS[o]}">{c}</span>{_e(OUTCOME_LABELS[o])}'
                      for o, c in OUTCOME_CODES.items())
    return f"<p>{legend}</p>" + _table([*buttons, *[_e(m) for m in order]], rows, "matrix")


def html_report(report: ReportModel) -> str:
    """The whole page."""
    leader = _table(["Rank", "Model", "Overall", "Security", "Quality", "Stability", "Samples"], [
        f'<tr><td class="num">{r.rank}</td><td>{_e(r.model)}</td>{_score(r.overall)}{_score(r.security)}'
        f'{_score(r.quality)}<td class="num">{r.stability:.2f}</td><td class="num">{r.samples}</td></tr>'
        for r in report.leaderboard], "leaderboard")
    outcomes = _table(["Model", *[_e(OUTCOME_LABELS[o]) for o in OUTCOMES]], [
        f"<tr><td>{_e(n)}</td>" + "".join(
            f'<td class="num">{c[o]} ({100 * c[o] / max(1, report.samples[n]):.1f}%)</td>' for o in OUTCOMES) + "</tr>"
        for n, c in report.outcomes.items()])
    sections = [
        "<h2>Leaderboard</h2><p>Grey: 95% bootstrap interval over instances (cycles of an instance resampled together).</p>",
        _svg_intervals(report), leader,
        "<h2>Outcomes per sample</h2><p>Infrastructure errors are the harness's and are left out of every score.</p>",
        _svg_outcomes(report), outcomes,
    ]
    for index, breakdown in enumerate(report.breakdowns):
        sections.append(f"<h2>{_e(breakdown.title)}</h2>")
        if index == 0:
            sections.append(_svg_security_by_class(report))
        sections.append(_table(["Model", *[_e(label) for label in breakdown.labels]], [
            f"<tr><td>{_e(name)}</td>" + "".join(_score(cells[k]) if k in cells else '<td class="num">-</td>'
                                                  for k in breakdown.keys) + "</tr>"
            for name, cells in breakdown.cells.items()]))
    if report.comparisons:
        sections += ["<h2>Paired comparisons</h2><p>Overall score of the row system minus the column system on "
                     "their common instances, with a paired 95% bootstrap interval. Green: the row system is ahead; "
                     "red: behind; grey: not distinguishable at this size.</p>", _comparison_matrix(report)]
    if report.matrix:
        sections += ["<h2>Per-instance outcomes</h2><p>One box per cycle. Solved by: the share of systems secure in "
                     "most of their cycles. Click a heading to sort.</p>", _instance_matrix(report)]
    sections += ["<h2>Usage</h2>", _table(["Model", "Input tokens", "Output tokens", "Cost (USD)"], [
        f'<tr><td>{_e(n)}</td><td class="num">{int(u.get("input_tokens", 0))}</td><td class="num">'
        f'{int(u.get("output_tokens", 0))}</td><td class="num">{u.get("cost_usd", 0.0):.4f}</td></tr>'
        for n, u in report.usage.items()])]
    if report.upstream:
        sections += ["<h2>Upstream-compatible scores</h2><p>The same samples scored the way the reference A.S.E tool "
                     "scores them (see ase_async/upstream/scoring.py).</p>",
                     _table(["Mode", "Model", "Overall", "Security", "Quality", "Stability", "Averaging"], [
                         "<tr>" + "".join(f'<td class="num">{_e(c)}</td>' if 2 <= i <= 5 else f"<td>{_e(c)}</td>"
                                          for i, c in enumerate(row)) + "</tr>" for row in report.upstream])]
    if report.judges:
        sections += ["<h2>Static findings beside the dynamic verdict</h2><p>On the samples whose functional test "
                     "passed, how often the static scan agrees with the dynamic verdict (statically secure: fewer "
                     "findings than the baseline, or none left). Missed: an exploit worked but no finding is left; "
                     "flagged: no exploit worked but a finding is left.</p>",
                     _table(["Group", "Samples", "Agrees (fewer)", "Agrees (none left)", "Missed", "Flagged"], [
                         f"<tr><td>{_e(j.group)}</td><td class='num'>{j.samples}</td>"
                         f"<td class='num'>{100 * j.fewer_agrees:.1f}%</td><td class='num'>{100 * j.gone_agrees:.1f}%</td>"
                         f"<td class='num'>{j.missed}</td><td class='num'>{j.flagged}</td></tr>"
                         for j in report.judges], "judges")]
    if report.solvers:
        sections += ["<h2>Single-shot and agent, side by side</h2><p>The same model on the same tasks, answering in one "
                     "call or exploring the repository first. Per answered sample: mean tokens, cost, wall time and "
                     "model turns.</p>",
                     _table(["Model", "Solver", "Security", "Quality", "Stability", "Tokens", "Cost (USD)", "Wall (s)", "Turns"], [
                         f"<tr><td>{_e(s.model)}</td><td>{_e(s.solver)}</td><td class='num'>{s.security:.2f}</td>"
                         f"<td class='num'>{s.quality:.2f}</td><td class='num'>{s.stability:.2f}</td>"
                         f"<td class='num'>{s.tokens:.0f}</td><td class='num'>{s.cost:.4f}</td>"
                         f"<td class='num'>{s.seconds:.1f}</td><td class='num'>{s.turns:.1f}</td></tr>"
                         for s in report.solvers])]
    title = f"A.S.E results: {_e(report.dataset)}"
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title><style>{_STYLE}</style>"
            f"<script>{_SORT_SCRIPT}</script></head><body><h1>{title}</h1>"
            f"<p>Scoring <code>{_e(report.scoring)}</code>, contract <code>{_e(report.contract)}</code>, "
            f"{report.cycles} cycles, {report.instances} instances.</p>{''.join(sections)}</body></html>\n")
