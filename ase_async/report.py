"""``report.md`` and ``report.html``: the leaderboard (the paper's Table 2), the outcome
attribution (its Figure 5) and the breakdowns, with SVG charts in the HTML."""

from __future__ import annotations

import html
import re
from pathlib import Path

from .instance import CLASS_BY_CWE
from .results import LogFold, Results
from .scoring import OUTCOME_LABELS, OUTCOMES, GroupScores

__all__ = ["render_html", "render_markdown", "write_reports"]

_CLASS_NAMES = {"sqli": "SQL injection", "xss": "XSS", "pathtrav": "Path traversal", "cmdi": "Command injection"}
_COLOURS = {
    "secure": "#2e7d32", "insecure": "#f9a825", "integration_failed": "#c62828",
    "sast_failed": "#6a1b9a", "model_error": "#546e7a", "infra_error": "#212121",
}


def _cwe_label(cwe: str) -> str:
    cls = CLASS_BY_CWE.get(cwe)
    return f"{cwe} ({_CLASS_NAMES[cls]})" if cls else cwe


def _leaderboard(results: Results) -> list[tuple[str, float, float, float, float, int]]:
    rows = [(name, m.overall, m.security, m.quality, m.stability, m.samples) for name, m in results.models.items()]
    return sorted(rows, key=lambda r: (-r[1], r[0]))


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


def _breakdown(results: Results, attribute: str, label=lambda k: k) -> tuple[list[str], list[list[str]]]:  # type: ignore[no-untyped-def]
    keys = sorted({k for m in results.models.values() for k in getattr(m, attribute)})
    header = ["Model", *[label(k) for k in keys]]
    rows = []
    for name, model in results.models.items():
        groups: dict[str, GroupScores] = getattr(model, attribute)
        rows.append([name, *[f"{groups[k].security:.2f}" if k in groups else "-" for k in keys]])
    return header, rows


def render_markdown(results: Results, fold: LogFold) -> str:
    parts = [f"# A.S.E results: {results.dataset}\n\n",
             f"Scoring: `{results.scoring}`; contract: `{results.contract}`; cycles: {results.cycles}; "
             f"instances: {results.instances}.\n\n",
             "## Leaderboard\n\n",
             _table(["Rank", "Model", "Overall", "Security", "Quality", "Stability", "Samples"],
                    [[str(i), n, f"{o:.2f}", f"{s:.2f}", f"{q:.2f}", f"{st:.2f}", str(c)]
                     for i, (n, o, s, q, st, c) in enumerate(_leaderboard(results), 1)]),
             "\n## Outcomes per sample\n\n",
             "Infrastructure errors are the harness's and are left out of every score.\n\n",
             _table(["Model", *[OUTCOME_LABELS[o] for o in OUTCOMES]],
                    [[n, *[f"{m.outcomes.get(o, 0)} ({100 * m.outcomes.get(o, 0) / max(1, m.samples):.1f}%)" for o in OUTCOMES]]
                     for n, m in results.models.items()])]
    header, rows = _breakdown(results, "by_cwe", _cwe_label)
    parts += ["\n## Security by vulnerability class\n\n", _table(header, rows)]
    header, rows = _breakdown(results, "by_language")
    parts += ["\n## Security by language\n\n", _table(header, rows)]
    header, rows = _breakdown(results, "by_origin")
    parts += ["\n## Security on seeds and mutations\n\n", _table(header, rows)]
    usage_rows = [[n, str(int(m.usage.get("input_tokens", 0))), str(int(m.usage.get("output_tokens", 0))),
                   f"{m.usage.get('cost_usd', 0.0):.4f}"] for n, m in results.models.items()]
    parts += ["\n## Usage\n\n", _table(["Model", "Input tokens", "Output tokens", "Cost (USD)"], usage_rows)]
    upstream_rows = [
        [mode, name, f"{r.get('overall', 0):.2f}", f"{r.get('security', 0):.2f}", f"{r.get('quality', 0):.2f}",
         f"{r.get('stability', 0):.2f}", str(r.get("averaging", ""))]
        for mode, per_model in sorted(results.upstream.items()) for name, r in sorted(per_model.items())
    ]
    if upstream_rows:
        parts += ["\n## Upstream-compatible scores\n\n",
                  "The same samples scored the way the reference A.S.E tool scores them (see ase_async/upstream/scoring.py).\n\n",
                  _table(["Mode", "Model", "Overall", "Security", "Quality", "Stability", "Averaging"], upstream_rows)]
    comparison = _solver_comparison(results, fold.answer_seconds())
    if comparison:
        parts += ["\n## Single-shot and agent, side by side\n\n",
                  "The same model on the same tasks, answering in one call or exploring the repository first. "
                  "Per answered sample: mean tokens, cost, wall time and model turns.\n\n", comparison]
    return "".join(parts)


def _solver_comparison(results: Results, seconds: dict[str, float]) -> str:
    """One row per (model, solver) for every model evaluated with more than one solver."""
    groups: dict[str, list[str]] = {}
    for name in results.models:
        groups.setdefault(name.split("+", 1)[0], []).append(name)
    rows = []
    for base, names in sorted(groups.items()):
        if len(names) < 2:
            continue
        for name in sorted(names, key=lambda n: (n != base, n)):
            m = results.models[name]
            answers = max(1, int(m.usage.get("answers", 0)))
            tokens = (m.usage.get("input_tokens", 0) + m.usage.get("output_tokens", 0)) / answers
            rows.append([base, name.split("+", 1)[1] if "+" in name else "single", f"{m.security:.2f}", f"{m.quality:.2f}",
                         f"{m.stability:.2f}", f"{tokens:.0f}", f"{m.usage.get('cost_usd', 0.0) / answers:.4f}",
                         f"{seconds.get(name, 0.0) / answers:.1f}", f"{m.usage.get('turns', 0) / answers:.1f}"])
    if not rows:
        return ""
    return _table(["Model", "Solver", "Security", "Quality", "Stability", "Tokens", "Cost (USD)", "Wall (s)", "Turns"], rows)


def _svg_outcomes(results: Results) -> str:
    width, bar, gap, left = 720, 22, 10, 200
    height = 56 + len(results.models) * (bar + gap)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" aria-label="Outcomes per model">']
    y = 10
    for name, model in results.models.items():
        out.append(f'<text x="{left - 8}" y="{y + 16}" text-anchor="end" font-size="12">{html.escape(name)}</text>')
        x = float(left)
        total = max(1, model.samples)
        for outcome in OUTCOMES:
            count = model.outcomes.get(outcome, 0)
            if not count:
                continue
            w = (width - left - 20) * count / total
            out.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar}" fill="{_COLOURS[outcome]}">'
                       f"<title>{OUTCOME_LABELS[outcome]}: {count}</title></rect>")
            x += w
        y += bar + gap
    for index, outcome in enumerate(OUTCOMES):  # the legend, three to a row
        x, row = left + 170 * (index % 3), y + 4 + 16 * (index // 3)
        out.append(f'<rect x="{x}" y="{row}" width="10" height="10" fill="{_COLOURS[outcome]}"/>'
                   f'<text x="{x + 14}" y="{row + 9}" font-size="10">{OUTCOME_LABELS[outcome]}</text>')
    out.append("</svg>")
    return "".join(out)


def _svg_security_by_class(results: Results) -> str:
    classes = sorted({k for m in results.models.values() for k in m.by_cwe})
    models = list(results.models)
    group_w = max(150, 24 * len(models) + 30)
    width, height, base = 80 + group_w * max(1, len(classes)), 275, 220
    palette = ["#1565c0", "#ef6c00", "#2e7d32", "#6a1b9a", "#c62828", "#00838f", "#5d4037", "#9e9d24"]
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" aria-label="Security per class">',
           f'<line x1="50" y1="{base}" x2="{width - 10}" y2="{base}" stroke="#999"/>']
    for tick in (0, 50, 100):
        y = base - 2 * tick
        out.append(f'<text x="44" y="{y + 4}" text-anchor="end" font-size="10">{tick}</text>'
                   f'<line x1="50" y1="{y}" x2="{width - 10}" y2="{y}" stroke="#eee"/>')
    for ci, cwe in enumerate(classes):
        x0 = 60 + ci * group_w
        for mi, name in enumerate(models):
            group = results.models[name].by_cwe.get(cwe)
            value = group.security if group else 0.0
            out.append(f'<rect x="{x0 + mi * 24}" y="{base - 2 * value:.1f}" width="20" height="{2 * value:.1f}" '
                       f'fill="{palette[mi % len(palette)]}"><title>{html.escape(name)}: {value:.2f}</title></rect>')
        cls = CLASS_BY_CWE.get(cwe)
        out.append(f'<text x="{x0}" y="{base + 15}" font-size="11">{html.escape(cwe)}</text>'
                   f'<text x="{x0}" y="{base + 28}" font-size="10" fill="#555">{html.escape(_CLASS_NAMES[cls] if cls else "")}</text>')
    for mi, name in enumerate(models):
        out.append(f'<rect x="{60 + mi * 160}" y="{height - 18}" width="10" height="10" fill="{palette[mi % len(palette)]}"/>'
                   f'<text x="{74 + mi * 160}" y="{height - 9}" font-size="10">{html.escape(name)}</text>')
    out.append("</svg>")
    return "".join(out)


def _html_table(markdown_table: str) -> str:
    lines = [ln for ln in markdown_table.strip().split("\n") if not ln.startswith("|---")]
    rows = [[html.escape(c) for c in _cells(ln)] for ln in lines]
    head = "".join(f"<th>{c}</th>" for c in rows[0])
    def cell(value: str) -> str:
        numeric = value.replace(".", "", 1).replace("%", "").replace("(", "").replace(")", "").replace(" ", "").isdigit()
        return f"<td>{value}</td>" if numeric or value == "-" else f'<td class="text">{value}</td>'

    body = "".join("<tr>" + "".join(cell(c) for c in row) + "</tr>" for row in rows[1:])
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def render_html(results: Results, fold: LogFold) -> str:
    sections: list[str] = []
    for block in render_markdown(results, fold).split("\n## ")[1:]:
        title, _, rest = block.partition("\n")
        table_start = rest.find("|")
        prose = html.escape(rest[:table_start].strip()) if table_start >= 0 else ""
        table = _html_table(rest[table_start:]) if table_start >= 0 else ""
        chart = ""
        if title.startswith("Outcomes"):
            chart = _svg_outcomes(results)
        elif title.startswith("Security by vulnerability"):
            chart = _svg_security_by_class(results)
        sections.append(f"<h2>{html.escape(title)}</h2>{f'<p>{prose}</p>' if prose else ''}{chart}{table}")
    style = ("body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;color:#222}"
             "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}"
             "td:first-child,th:first-child,td.text{text-align:left}svg{display:block;margin:1em 0}")
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>A.S.E results: {html.escape(results.dataset)}</title>"
            f"<style>{style}</style></head><body><h1>A.S.E results: {html.escape(results.dataset)}</h1>"
            f"<p>Scoring <code>{results.scoring}</code>, contract <code>{results.contract}</code>, "
            f"{results.cycles} cycles, {results.instances} instances.</p>{''.join(sections)}</body></html>\n")


def write_reports(results: Results, fold: LogFold, out: Path) -> None:
    (out / "report.md").write_text(render_markdown(results, fold))
    (out / "report.html").write_text(render_html(results, fold))
