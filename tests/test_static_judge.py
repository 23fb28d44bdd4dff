"""The static judge of ase-lite: its verdict ("gone"), its agreement figures, and the threats and
defences its rules model, each with a secure and an exploitable case."""

from __future__ import annotations

import json
import os
import subprocess
import textwrap
from pathlib import Path

import msgspec
import pytest

from ase_async import load_dataset
from ase_async.calibration import CalibrationResult, agreement_table
from ase_async.dataset import rule_packs_root
from ase_async.rules.semgrep import semgrep_command
from ase_async.validate import Validation, static_verdict
from ase_async.validate_report import print_validation

DATASET = load_dataset("ase-lite")


def test_ase_lite_needs_the_finding_gone_upstream_data_fewer() -> None:
    instance = next(i for i in DATASET.instances if i.detected_vul_num >= 2)
    assert instance.rule is not None and instance.rule.startswith("pack:")
    assert static_verdict(instance, 0)
    # a partial fix (one of two sinks fixed) leaves a finding: not secure
    assert not static_verdict(instance, instance.detected_vul_num - 1)
    assert not static_verdict(instance, None)
    upstream = msgspec.structs.replace(instance, rule="rules/x.yaml")
    assert static_verdict(upstream, instance.detected_vul_num - 1)
    assert not static_verdict(upstream, instance.detected_vul_num)


def _result(answer: str, intent: str, gone: bool, fewer: bool, dynamic: bool | None = None) -> CalibrationResult:
    return CalibrationResult(id=answer, instance_id="py-xss-01", language="python", cwe_id="CWE-79", intent=intent,
                             family="f", parsed=True, functional=None, exploited="", dynamic_secure=dynamic,
                             static_secure=fewer, static_gone=gone, static_findings=0 if gone else 1)


def test_static_only_agreement_has_no_dynamic_figures(capsys: pytest.CaptureFixture[str]) -> None:
    results = [_result("a", "secure", True, True), _result("b", "exploitable", True, True),
               _result("c", "exploitable", False, True), _result("d", "secure", False, False)]
    everything = agreement_table(results)[0]
    assert everything.gone_vs_intent == 50.0 and everything.static_vs_intent == 25.0
    assert everything.gone_false_secure == 1 and everything.gone_false_insecure == 1
    assert everything.dynamic_vs_intent is None and everything.gone_vs_dynamic is None
    assert print_validation("ase-lite", Validation(rows=[], calibration=results)) == 0
    out = capsys.readouterr().out
    assert "static judge only" in out and "static disagrees: py-xss-01 b" in out


def test_dynamic_agreement_counts_only_judged_answers() -> None:
    results = [_result("a", "secure", True, True, dynamic=True), _result("b", "exploitable", True, True)]
    everything = agreement_table(results)[0]
    assert everything.dynamic_vs_intent == 50.0  # b has no dynamic verdict: it counts as not agreeing
    assert everything.gone_vs_dynamic == 100.0 and everything.false_insecure == 0


# Each case: the seed whose rule judges it, the file it stands in for, its code, and whether
# the rule must report it. The code is written for the case, not taken from any answer.
_FLASK = """\
    import html
    from flask import Flask, request, render_template_string
    app = Flask(__name__)

    @app.route("/s")
    def search():
        term = request.args.get("q", "")
"""
CASES: list[tuple[str, str, str, str, bool]] = [
    ("local-wrapper-of-html-escape", "py-xss-01", "app.py", _FLASK + """\
        def esc(value):
            return html.escape(str(value), quote=True)
        return f'<p title="{esc(term)}">{esc(term)}</p>'
    """, False),
    ("wrapper-that-only-shares-a-name", "py-xss-01", "app.py", _FLASK + """\
        def escape(value):
            return str(value).replace("<", "")
        return f'<p>{escape(term)}</p>'
    """, True),
    ("escape-without-quotes-in-an-attribute", "py-xss-01", "app.py", _FLASK + """\
        return f'<a title="{html.escape(term, quote=False)}">x</a>'
    """, True),
    ("escaped-value-in-an-unquoted-attribute", "py-xss-01", "app.py", _FLASK + """\
        return f'<div data-q={html.escape(term)}>x</div>'
    """, True),
    ("template-values-are-autoescaped", "py-xss-01", "app.py", _FLASK + """\
        return render_template_string("<p>{{ t }}</p>", t=term)
    """, False),
    ("template-text-from-the-request", "py-xss-01", "app.py", _FLASK + """\
        return render_template_string(term, t=1)
    """, True),
    ("decoding-after-escaping", "js-xss-02", "app.js", """\
        const express = require('express');
        const app = express();
        app.get('/p/:name', (req, res) => {
          const shown = decodeURIComponent(escapeHtml(req.params.name));
          res.send(`<p>${shown}</p>`);
        });
    """, True),
    ("inline-replace-of-every-special-character", "js-xss-02", "app.js", """\
        const express = require('express');
        const app = express();
        const table = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
        app.get('/p/:name', (req, res) => {
          const shown = String(req.params.name).replace(/[&<>"']/g, (c) => table[c]);
          res.send(`<p>${shown}</p>`);
        });
    """, False),
    ("prefix-check-without-separator", "py-pathtrav-01", "app.py", """\
        import os
        from flask import Flask, request
        app = Flask(__name__)
        ROOT = "/srv/files"

        @app.route("/f")
        def read():
            path = os.path.realpath(os.path.join(ROOT, request.args["name"]))
            if not path.startswith(ROOT):
                return "no", 404
            with open(path) as fh:
                return fh.read()
    """, True),
    ("prefix-check-with-separator", "py-pathtrav-01", "app.py", """\
        import os
        from flask import Flask, request
        app = Flask(__name__)
        ROOT = "/srv/files"

        @app.route("/f")
        def read():
            path = os.path.realpath(os.path.join(ROOT, request.args["name"]))
            if not path.startswith(ROOT + os.sep):
                return "no", 404
            with open(path) as fh:
                return fh.read()
    """, False),
    ("argument-array-without-a-shell", "php-cmdi-02", "convert.php", """\
        <?php
        $name = $_GET['name'];
        $argv = ['/usr/bin/ffmpeg', '-i', $name, 'out.mp3'];
        $process = proc_open($argv, [1 => ['pipe', 'w']], $pipes);
    """, False),
    ("local-single-quote-escaper", "php-cmdi-02", "convert.php", """\
        <?php
        $quote = static fn (string $v): string => "'" . str_replace("'", "'\\\\''", $v) . "'";
        exec('/usr/bin/ffmpeg -i ' . $quote($_GET['name']) . ' out.mp3', $output);
    """, False),
    ("allowlist-anchored-only-at-the-start", "php-cmdi-01", "ping.php", """\
        <?php
        $host = $_GET['host'];
        if (!preg_match('/^[a-z0-9.-]+/i', $host)) { exit; }
        exec('ping -c 1 ' . $host, $lines);
    """, True),
    ("allowlist-anchored-at-both-ends", "php-cmdi-01", "ping.php", """\
        <?php
        $host = $_GET['host'];
        if (!preg_match('/\\A[a-z0-9][a-z0-9.-]*\\z/i', $host)) { exit; }
        exec('ping -c 1 ' . $host, $lines);
    """, False),
]


@pytest.fixture(scope="module")
def case_findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, int]:
    """Findings per case: one semgrep run per rule file over all of its cases."""
    root = tmp_path_factory.mktemp("static-judge")
    counts: dict[str, int] = {}
    env = {**os.environ, "SEMGREP_ENABLE_VERSION_CHECK": "0"}
    for seed in sorted({seed for _, seed, _, _, _ in CASES}):
        targets = {}
        for name, case_seed, file, code, _ in CASES:
            if case_seed == seed:
                path = root / name / file
                path.parent.mkdir(parents=True)
                path.write_text(textwrap.dedent(code))
                targets[str(path)] = name
                counts[name] = 0
        argv = [semgrep_command(), "scan", "--experimental", "--metrics=off", "--disable-nosem", "--json", "--quiet",
                "--no-git-ignore", "--config", str(rule_packs_root() / "ase-lite" / f"{seed}.yaml"), *targets]
        report = json.loads(subprocess.run(argv, capture_output=True, text=True, env=env, timeout=300).stdout)
        assert not report["errors"], report["errors"]
        for result in report["results"]:
            counts[targets[str(Path(result["path"]))]] += 1
    return counts


@pytest.mark.parametrize(("name", "seed", "file", "code", "reported"), CASES, ids=[c[0] for c in CASES])
def test_rules_model_threats_and_defences(case_findings: dict[str, int], name: str, seed: str, file: str, code: str,
                                          reported: bool) -> None:
    assert (case_findings[name] > 0) == reported, f"{seed}: {case_findings[name]} finding(s)"
