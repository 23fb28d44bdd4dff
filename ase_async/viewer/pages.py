"""The viewer's pages, as HTML strings: the same for the local server and the static export.

Links go through a ``Links`` object, so that the server links to ``/sample/12`` and the
export to ``samples/12.html``. Everything from a log is escaped: answers are written by
the models under test and may hold anything.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from typing import Any, Protocol

from ..report_html import COLOURS
from ..scoring import OUTCOME_LABELS
from .code import snippet
from .sample import SampleView

__all__ = ["Links", "compare_page", "list_page", "progress_table", "sample_page"]

_STYLE = """
body{font-family:system-ui,sans-serif;margin:0;color:#222}header{background:#263238;color:#fff;padding:.6em 1em}
header a{color:#fff;margin-right:1em}main{padding:1em;max-width:1400px}table{border-collapse:collapse}
td,th{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}th{background:#f5f5f5}
.badge{color:#fff;border-radius:3px;padding:1px 6px;font-size:.85em;white-space:nowrap}
pre{background:#f7f7f7;padding:.6em;overflow:auto;max-height:40em;font-size:.85em;margin:.3em 0}
.diff .add{background:#e6ffed;display:block}.diff .del{background:#ffeef0;display:block}
.diff .hunk{color:#6f42c1;display:block}.code .hit{background:#fff3b0;display:block;font-weight:bold}
.code .ln{color:#999;user-select:none}section{margin:1.2em 0}h2{font-size:1.15em;border-bottom:1px solid #ddd}
form.filters select,form.filters input{margin-right:.5em}.cols{display:flex;gap:1em;align-items:flex-start}
.cols>div{flex:1;min-width:0}.muted{color:#777}.turn{border-left:3px solid #90a4ae;padding-left:.6em;margin:.6em 0}
"""


class Links(Protocol):
    def home(self) -> str: ...
    def sample(self, sample_id: int) -> str: ...
    def compare(self, run: int, instance_id: str) -> str: ...


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def badge(outcome: str) -> str:
    colour = COLOURS.get(outcome, "#9e9e9e")
    return f'<span class="badge" style="background:{colour}" data-outcome="{_e(outcome)}">{_e(OUTCOME_LABELS.get(outcome, outcome))}</span>'


def layout(title: str, body: str, links: Links, script: str = "") -> str:
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{_e(title)}</title><style>{_STYLE}</style></head>"
            f"<body><header><a href='{links.home()}'>ase view</a>{_e(title)}</header><main>{body}</main>"
            f"{f'<script>{script}</script>' if script else ''}</body></html>\n")


def progress_table(progress: Sequence[dict[str, Any]]) -> str:
    """Per run and model: finished of planned, secure so far, ETA."""
    rows = []
    for p in progress:
        state = ("finished" if p["finished"] else "done" if p["done"] >= p["planned"] > 0
                 else f"ETA {_duration(p['eta_s'])}" if p["eta_s"] is not None else "running")
        share = 100 * p["done"] / max(1, p["planned"])
        rows.append(f"<tr><td>{p['run']} {_e(p.get('run_name', ''))}</td><td>{_e(p['model'])}</td><td>{p['done']} / {p['planned']}</td>"
                    f"<td><progress max='100' value='{share:.0f}'></progress></td><td>{p['secure']}</td><td>{state}</td></tr>")
    return ("<table id='progress'><thead><tr><th>Run</th><th>System</th><th>Samples</th><th></th><th>Secure</th>"
            "<th>State</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>")


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}h {seconds // 60 % 60:02d}m" if seconds >= 3600 else f"{seconds // 60}m {seconds % 60:02d}s"


def sample_rows(rows: Sequence[Any], links: Links) -> str:
    return "".join(
        f"<tr data-model='{_e(r['model'])}' data-instance='{_e(r['instance_id'])}' data-cls='{_e(r['cls'])}' "
        f"data-language='{_e(r['language'])}' data-outcome='{_e(r['outcome'] or 'pending')}' data-run='{r['run']}'>"
        f"<td><a href='{links.sample(int(r['id']))}'>{_e(r['instance_id'])}</a></td><td>{_e(r['model'])}</td>"
        f"<td>{r['cycle']}</td><td>{_e(r['cls'])}</td><td>{_e(r['language'])}</td><td>{badge(r['outcome'] or 'pending')}</td>"
        f"<td>{r['input_tokens'] + r['output_tokens']}</td><td>{r['cost']:.4f}</td><td>{r['latency']:.1f}</td>"
        f"<td><a href='{links.compare(int(r['run']), r['instance_id'])}'>side by side</a></td></tr>"
        for r in rows)


def list_page(*, facets: dict[str, list[str]], filters: dict[str, str], total: int, rows: Sequence[Any],
              links: Links, progress: Sequence[dict[str, Any]], page: int = 0, pages: int = 1,
              action: str = "", script: str = "") -> str:
    """The sample list with its filters; ``action`` empty means filter in the page (export)."""
    labels = {"model": "system", "cls": "class", "language": "language", "outcome": "outcome", "run": "run"}
    selects = []
    for name, label in labels.items():
        options = "".join(f"<option value='{_e(v)}'{' selected' if filters.get(name) == v else ''}>{_e(v)}</option>"
                          for v in facets.get(name, []))
        selects.append(f"<label>{label} <select name='{name}'><option value=''>all</option>{options}</select></label>")
    search = f"<label>instance <input name='instance' value='{_e(filters.get('instance', ''))}' size='14'></label>"
    form = (f"<form class='filters' method='get' action='{_e(action)}'>{''.join(selects)}{search}"
            f"<button type='submit'>filter</button></form>")
    nav = ""
    if pages > 1:
        query = "&".join(f"{k}={_e(v)}" for k, v in filters.items() if v)
        prev = f"<a href='?{query}&page={page - 1}'>previous</a> " if page > 0 else ""
        nxt = f" <a href='?{query}&page={page + 1}'>next</a>" if page + 1 < pages else ""
        nav = f"<p>{prev}page {page + 1} of {pages}{nxt}</p>"
    table = ("<table id='samples'><thead><tr><th>Instance</th><th>System</th><th>Cycle</th><th>Class</th><th>Language</th>"
             "<th>Outcome</th><th>Tokens</th><th>Cost (USD)</th><th>Answer (s)</th><th></th></tr></thead>"
             f"<tbody>{sample_rows(rows, links)}</tbody></table>")
    body = (f"<section><h2>Progress</h2>{progress_table(progress)}</section><section><h2>Samples</h2>{form}"
            f"<p><span id='count'>{total}</span> samples</p>{nav}{table}{nav}</section>")
    return layout("samples", body, links, script)


def _diff(text: str) -> str:
    out = []
    for line in text.splitlines():
        kind = ("add" if line.startswith("+") and not line.startswith("+++") else
                "del" if line.startswith("-") and not line.startswith("---") else
                "hunk" if line.startswith("@@") else "")
        out.append(f"<span class='{kind}'>{_e(line)}</span>" if kind else _e(line) + "\n")
    return "<pre class='diff'>" + "".join(out) + "</pre>"


def _code(text: str | None, line: int) -> str:
    lines = snippet(text, line)
    if not lines:
        return "<span class='muted'>(code not available)</span>"
    return "<pre class='code'>" + "".join(
        f"<span class='hit'><span class='ln'>{n:>5} </span>{_e(code)}</span>" if n == line
        else f"<span class='ln'>{n:>5} </span>{_e(code)}\n" for n, code in lines) + "</pre>"


def _findings(findings: Sequence[Sequence[Any]], files: dict[str, str], caption: str) -> str:
    if not findings:
        return f"<p>{_e(caption)}: none</p>"
    rows = "".join(f"<tr class='finding'><td>{_e(f[0])}</td><td>{_e(f[1])}</td><td class='line'>{int(f[2])}</td>"
                   f"<td>{_code(files.get(str(f[1])), int(f[2]))}</td></tr>" for f in findings)
    return (f"<p>{_e(caption)}</p><table class='findings'><thead><tr><th>Rule</th><th>File</th><th>Line</th>"
            f"<th>Code</th></tr></thead><tbody>{rows}</tbody></table>")


def _pre(text: str) -> str:
    return f"<pre>{_e(text)}</pre>" if text else ""


def _details(summary: str, text: str) -> str:
    return f"<details><summary>{_e(summary)}</summary><pre>{_e(text)}</pre></details>" if text else ""


def _agent(view: SampleView) -> str:
    if not (view.turns or view.tools or view.commands):
        return ""
    by_turn: dict[int, list[dict[str, Any]]] = {}
    for call in view.tools:
        by_turn.setdefault(int(call.get("turn", 0)), []).append(call)
    parts = []
    for turn in view.turns:
        number = int(turn.get("turn", 0))
        usage = turn.get("usage", {})
        calls = "".join(
            f"<li class='tool'><code>{_e(c.get('tool', ''))}</code> {_e(json.dumps(c.get('arguments', {}))[:400])} "
            f"{'ok' if c.get('ok', True) else 'refused: ' + _e(c.get('refused', ''))}, {int(c.get('result_bytes', 0))} bytes</li>"
            for c in by_turn.get(number, []))
        parts.append(f"<div class='turn'><b>Turn {number}</b> <span class='muted'>{usage.get('input_tokens', 0)} in, "
                     f"{usage.get('output_tokens', 0)} out, {float(turn.get('latency_s', 0.0)):.1f} s</span>"
                     f"{_pre(turn.get('text', ''))}<ul>{calls}</ul></div>")
    for command in view.commands:
        parts.append(f"<div class='turn'><b>Command</b> <code>{_e(command.get('command', ''))}</code> exit "
                     f"{command.get('returncode')}{' (timed out)' if command.get('timed_out') else ''}"
                     f"<pre>{_e(command.get('stdout', ''))}</pre><pre>{_e(command.get('stderr', ''))}</pre></div>")
    return f"<section id='agent'><h2>Agent: {len(view.turns)} turns, {len(view.tools)} tool calls</h2>{''.join(parts)}</section>"


def _dynamic(view: SampleView) -> str:
    parts = []
    if view.dynamic:
        d = view.dynamic
        steps = "".join(
            f"<tr><td>{_e(s.get('kind', ''))}</td><td>{_e(s.get('name', ''))}</td><td>{'passed' if s.get('passed') else 'FAILED'}</td>"
            f"<td>{_e(s.get('exit', ''))}{' timed out' if s.get('timed_out') else ''}</td><td>{float(s.get('duration_s', 0)):.1f}</td>"
            f"<td>{_details('output', s.get('output', ''))}</td></tr>"
            for s in d.get("steps", []))
        parts.append(f"<p>Functional tests {'passed' if d.get('functional') else 'FAILED'}; "
                     f"{'exploited by ' + _e(d['exploited']) if d.get('exploited') else 'no exploit worked'}.</p>"
                     f"<table><thead><tr><th>Kind</th><th>Step</th><th>Result</th><th>Exit</th><th>s</th><th></th></tr></thead>"
                     f"<tbody>{steps}</tbody></table>")
    checks = (view.scanned or {}).get("checks") or {}
    if checks:
        parts.append("<p>Analyzer checks: " + ", ".join(f"{_e(k)} {'yes' if v else 'no'}" for k, v in sorted(checks.items())) + "</p>")
    return f"<section id='dynamic'><h2>Dynamic checks</h2>{''.join(parts)}</section>" if parts else ""


def sample_body(view: SampleView, links: Links) -> str:
    """The sample's sections, without the page around them (the side-by-side view reuses it)."""
    parts = [f"<p>{badge(view.outcome)} <b>{_e(view.model)}</b> on <b>{_e(view.instance_id)}</b>, cycle {view.cycle} "
             f"<span class='muted'>({_e(view.cls)}, {_e(view.language)}; {_e(view.dataset)}, {_e(view.contract)} contract)</span> "
             f"<a href='{links.compare(view.run, view.instance_id)}'>all systems on this instance</a></p>"]
    answer = view.answer or {}
    usage = answer.get("usage", {})
    stamps = sorted((t, k) for k, t in view.times.items() if t)
    timing = ", ".join(f"{k.replace('_', ' ')} +{t - stamps[0][0]:.2f} s" for t, k in stamps[1:]) if stamps else ""
    parts.append(f"<section id='usage'><h2>Timing, tokens, cost</h2><p>answer {float(answer.get('latency_s', 0.0)):.2f} s, "
                 f"{int(answer.get('turns', 1))} turns, {usage.get('input_tokens', 0)} input and {usage.get('output_tokens', 0)} "
                 f"output tokens, {float(usage.get('cost_usd') or 0.0):.4f} USD{', from cache' if answer.get('cached') else ''}"
                 f"</p><p class='muted'>{_e(timing)}</p></section>")
    if view.task:
        messages = "".join(f"<p><b>{_e(m.get('role', ''))}</b></p><pre>{_e(m.get('content', ''))}</pre>"
                           for m in view.task.get("messages", []))
        parts.append(f"<section id='prompt'><details><summary>Prompt ({view.task.get('prompt_tokens', 0)} tokens)</summary>"
                     f"{messages}</details></section>")
    if view.failure:
        parts.append(f"<section id='failure'><h2>Model failure</h2><p>{_e(view.failure.get('kind', ''))}: "
                     f"{_e(view.failure.get('message', ''))}</p></section>")
    if view.answer:
        parts.append(f"<section id='answer'><h2>Answer</h2><pre>{_e(answer.get('text', ''))}</pre></section>")
    if view.integrated:
        i = view.integrated
        state = "applied" if i.get("ok", False) else f"not applied ({_e(i.get('kind', ''))}): {_e(i.get('message', ''))}"
        diff = i.get("diff") or view.change.diff
        shown = _diff(diff) if diff else ""
        note = f"<p class='muted'>{_e(view.change.note)}</p>" if view.change.note and not i.get("diff") else ""
        reused = (f"<p class='reused'>An identical change was judged before: the checks below are those of "
                  f"<code>{_e(i['reused_from'])}</code>.</p>" if i.get("reused_from") else "")
        parts.append(f"<section id='change'><h2>Change as applied</h2><p>Method: <code class='method'>{_e(i.get('method') or '-')}"
                     f"</code>; {state}; files: {_e(', '.join(i.get('touched_files', [])))}</p>{reused}{note}{shown}</section>")
    if view.syntax:
        rows = "".join(f"<tr><td>{_e(f.get('path', ''))}</td><td>{'ok' if f.get('ok') else 'FAILED'}</td><td>{_e(f.get('checker', ''))}</td>"
                       f"<td><pre>{_e(f.get('message', ''))}</pre></td></tr>" for f in view.syntax.get("files", []))
        parts.append(f"<section id='syntax'><h2>Syntax check: {'ok' if view.syntax.get('ok') else 'FAILED'}</h2>"
                     f"<table><thead><tr><th>File</th><th>Result</th><th>Checker</th><th>Output</th></tr></thead>"
                     f"<tbody>{rows}</tbody></table></section>")
    if view.scanned:
        s = view.scanned
        before_findings = (view.baseline or {}).get("findings", [])
        parts.append(f"<section id='findings'><h2>Findings: {s.get('before')} before, {s.get('after')} after "
                     f"<span class='muted'>({_e(s.get('engine', ''))})</span></h2>"
                     + (f"<p>{_e(s.get('message'))}</p>" if s.get("message") else "")
                     + _findings(s.get("findings", []), view.change.after, "After the change")
                     + (_findings(before_findings, view.change.before, "Before the change (the original code)")
                        if before_findings else f"<p class='muted'>Before the change: {s.get('before')} findings in the original code "
                        "(their lines are not in this log).</p>")
                     + "</section>")
    parts.append(_dynamic(view))
    parts.append(_agent(view))
    if view.infra:
        parts.append(f"<section id='infra'><h2>Infrastructure error</h2><p>{_e(view.infra.get('stage', ''))}: "
                     f"{_e(view.infra.get('message', ''))}</p></section>")
    return "".join(parts)


def sample_page(view: SampleView, links: Links) -> str:
    return layout(f"{view.model} / {view.instance_id} / cycle {view.cycle}", sample_body(view, links), links)


def compare_page(instance_id: str, views: Sequence[SampleView], links: Links, systems: Sequence[str] = ()) -> str:
    """Systems side by side on one instance: one column each, their cycles one under another."""
    chosen = [v for v in views if not systems or v.model in systems]
    models = list(dict.fromkeys(v.model for v in chosen))
    all_models = list(dict.fromkeys(v.model for v in views))
    picker = "".join(
        f"<label><input type='checkbox' name='systems' value='{_e(m)}'{' checked' if m in models else ''}> {_e(m)}</label> "
        for m in all_models)
    columns = []
    for model in models:
        cells = "".join(f"<details{' open' if i == 0 else ''}><summary>cycle {v.cycle} {badge(v.outcome)}</summary>"
                        f"{sample_body(v, links)}</details>" for i, v in enumerate(x for x in chosen if x.model == model))
        columns.append(f"<div class='system'><h2>{_e(model)}</h2>{cells}</div>")
    body = (f"<form method='get'>{picker}<button type='submit'>compare</button></form>"
            f"<div class='cols'>{''.join(columns)}</div>")
    return layout(f"{instance_id}: side by side", body, links)
